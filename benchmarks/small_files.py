"""Many small files over a far link (run by hand): a hub repo of N files of 8 KiB on the local
HF-compatible hub, every /resolve answered after a fixed delay (the round trip to a far hub), fetched
by `modeldesk get` and by huggingface_hub's snapshot_download (its default 8 workers), side by side.

    .venv/bin/python -m benchmarks.small_files [--files 500] [--delay-ms 50] [--rounds 3]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.common import fresh_runs, timed_child, work_folder  # noqa: E402
from tests.helpers.hub_server import HubServer  # noqa: E402
from tests.helpers.swarm import write_random  # noqa: E402

SNAPSHOT = ("import sys; from huggingface_hub import snapshot_download; "
            "snapshot_download(sys.argv[1], local_dir=sys.argv[2])")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=500)
    ap.add_argument("--delay-ms", type=int, default=50)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    work = work_folder("md-small-")
    repo = work / "hub" / "acme" / "many-small"
    for i in range(args.files):
        write_random(repo / f"shard{i % 10}" / f"f{i:05d}.json", 8 * 1024, seed=i)
    home = work / "mdhome"
    results: dict[str, list[dict]] = {}
    with HubServer(work / "hub", resolve_delay=args.delay_ms / 1000) as hub:
        for r in range(args.rounds):
            menv, henv = fresh_runs(home, hub.url, work / "hfhome")
            out = work / f"round{r}"
            runs = {
                "modeldesk": ([sys.executable, "-m", "modeldesk", "get", "hf://acme/many-small", "--mirror", hub.url,
                               "--no-seed", "--to", str(out / "md")], menv),
                "snapshot_download": ([sys.executable, "-c", SNAPSHOT, "acme/many-small", str(out / "hf")], henv),
            }
            order = list(runs) if r % 2 == 0 else list(reversed(runs))
            for name in order:
                argv, env = runs[name]
                res = timed_child(argv, env=env)
                results.setdefault(name, []).append(res)
            got = list((out / "md").glob("shard*/*.json"))
            assert len(got) == args.files, f"modeldesk fetched {len(got)} of {args.files} files"
            shutil.rmtree(out)
    med = {k: {m: statistics.median(x[m] for x in v) for m in ("wall", "cpu", "rss_mib")} for k, v in results.items()}
    print(f"{args.files} files of 8 KiB, {args.delay_ms} ms per /resolve, {args.rounds} rounds, medians")
    for name, m in med.items():
        print(f"  {name:18} {m['wall']:7.2f} s  cpu {m['cpu']:6.2f} s  peak {m['rss_mib']:6.1f} MiB")
    print(f"ModelDesk is {med['snapshot_download']['wall'] / med['modeldesk']['wall']:.2f}x snapshot_download's speed")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
