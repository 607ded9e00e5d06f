"""Second-project benchmark (run by hand): what getting a model the library already holds into another
project costs, against the Hugging Face CLI doing the same, side by side on one local HF-compatible hub.

  md-first     `modeldesk get hf://acme/big --to A` (downloaded: 8 connections per file, loopback)
  md-second    `modeldesk get hf://acme/big --to B` (placed from A: reflink or hard link, nothing fetched)
  md-copy      the same with --link-mode copy
  hf-first     `hf download acme/big --local-dir A2` (HF_ENDPOINT = the local hub)
  hf-second    `hf download acme/big --local-dir B2` (a --local-dir download does not share the cache)

    .venv/bin/python -m benchmarks.reuse [--size-mib 1024] [--rounds 3]
"""

from __future__ import annotations

import shutil
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.common import bench_setup, fresh_runs, timed_child  # noqa: E402
from tests.helpers.hub_server import HubServer  # noqa: E402
from tests.helpers.swarm import write_random  # noqa: E402


def main() -> None:
    args, work, size = bench_setup("md-reuse-")
    repo = work / "hub" / "acme" / "big"
    for i in range(2):  # two shards, as a hub model has
        write_random(repo / f"model-0000{i + 1}-of-00002.safetensors", size // 2, seed=i)
    (repo / "config.json").write_text('{"model_type": "bench"}')
    home = work / "mdhome"
    md = [sys.executable, "-m", "modeldesk"]
    hf = [str(Path(sys.executable).parent / "hf")]
    results: dict[str, list[dict]] = {}
    with HubServer(work / "hub") as hub:
        for r in range(args.rounds):
            menv, henv = fresh_runs(home, hub.url, work / "hfhome")
            out = work / f"round{r}"
            shutil.rmtree(out, ignore_errors=True)
            get = [*md, "get", "hf://acme/big", "--mirror", hub.url, "--no-seed", "--to"]
            runs = {
                "md-first": ([*get, str(out / "A")], menv),
                "md-second": ([*get, str(out / "B")], menv),
                "md-copy": ([*get, str(out / "C"), "--link-mode", "copy"], menv),
                "hf-first": ([*hf, "download", "acme/big", "--local-dir", str(out / "A2")], henv),
                "hf-second": ([*hf, "download", "acme/big", "--local-dir", str(out / "B2")], henv),
            }
            for name, (argv, env) in runs.items():
                results.setdefault(name, []).append(timed_child(argv, env=env))
            shutil.rmtree(out)
    print(f"{size >> 20} MiB in 2 shards, {args.rounds} rounds, medians")
    med = {k: {m: statistics.median(x[m] for x in v) for m in ("wall", "cpu", "rss_mib")} for k, v in results.items()}
    for name, m in med.items():
        print(f"  {name:10} {m['wall']:7.2f} s  cpu {m['cpu']:6.2f} s  peak {m['rss_mib']:6.1f} MiB")
    print(f"second project: ModelDesk {med['md-second']['wall']:.2f} s vs hf {med['hf-second']['wall']:.2f} s "
          f"= {med['md-second']['wall'] / med['hf-second']['wall']:.3f}x (copy mode "
          f"{med['md-copy']['wall'] / med['hf-second']['wall']:.3f}x)")
    print(f"first project:  ModelDesk {med['md-first']['wall'] / med['hf-first']['wall']:.3f}x hf")


if __name__ == "__main__":
    main()
