"""Publish and place benchmark (run by hand): what `publish` and `sync` cost against the tools a
researcher would use instead, side by side on the same folder, in interleaved rounds.

  publish      `modeldesk publish DIR --no-seed` (hash, write the .torrent, add to the library, check)
  lt-hybrid    bare libtorrent: create_torrent (hybrid) + set_piece_hashes, the same piece size
  mktorrent    mktorrent (v1 only), the same piece size, its default threads
  sync         `modeldesk sync` of a fresh project whose lock names the folder's files (placed from
               the library: a reflink or hard link where the file system allows)
  cp           `cp -r` of the same folder (what placing replaces)

    .venv/bin/python -m benchmarks.publish [--size-mib 1024] [--rounds 3]
"""

from __future__ import annotations

import json
import shutil
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.common import bench_setup, installed_env, timed_child  # noqa: E402
from modeldesk.core.publish.publishing import piece_size_for  # noqa: E402
from tests.helpers.cli import loopback_settings  # noqa: E402
from tests.helpers.swarm import write_random  # noqa: E402

LT_HYBRID = """
import sys, libtorrent as lt
ct = lt.create_torrent(lt.list_files(sys.argv[1]), int(sys.argv[2]))
lt.set_piece_hashes(ct, sys.argv[3])
open(sys.argv[4], "wb").write(lt.bencode(ct.generate()))
"""


def main() -> None:
    args, work, size = bench_setup("md-bench-publish-")
    model = work / "model"
    shards = 4
    for i in range(shards):
        write_random(model / f"model-{i:05d}-of-{shards:05d}.safetensors", size // shards, seed=i)
    write_random(model / "config.json", 2000, seed=99)
    home = work / "home"
    (home / "config").mkdir(parents=True, exist_ok=True)
    (home / "config" / "settings.json").write_text(json.dumps(loopback_settings()))
    env = installed_env(MODELDESK_HOME=str(home))
    md = [sys.executable, "-m", "modeldesk"]
    piece = piece_size_for(size)
    runs: dict[str, list[dict]] = {k: [] for k in ("publish", "lt-hybrid", "mktorrent", "sync", "cp")}
    for r in range(args.rounds):
        for name in runs:
            out = work / f"{name}-{r}"
            shutil.rmtree(out, ignore_errors=True)
            (work / f"{name}-{r}.torrent").unlink(missing_ok=True)
            if name == "publish":
                argv = [*md, "publish", str(model), "--no-seed", "--out", str(work / f"{name}-{r}.torrent")]
            elif name == "lt-hybrid":
                argv = [sys.executable, "-c", LT_HYBRID, str(model), str(piece), str(work),
                        str(work / f"{name}-{r}.torrent")]
            elif name == "mktorrent":
                argv = ["mktorrent", "-l", str(piece.bit_length() - 1), "-o", str(work / f"{name}-{r}.torrent"),
                        str(model)]
            elif name == "sync":
                if not (work / "modeldesk.lock").exists():  # the library has the folder since `publish`
                    timed_child([*md, "lock", str(work)], env=env)
                out.mkdir()
                shutil.copy(work / "modeldesk.lock", out)
                argv = [*md, "sync", str(out)]
            else:
                argv = ["cp", "-r", str(model), str(out)]
            res = timed_child(argv, env=env)
            runs[name].append(res)
            print(f"round {r} {name:10} {res['wall']:7.2f} s  cpu {res['cpu']:6.2f} s  rss {res['rss_mib']:6.0f} MiB",
                  flush=True)
            shutil.rmtree(out, ignore_errors=True)
    med = {k: statistics.median(x["wall"] for x in v) for k, v in runs.items()}
    print(f"\n{size / 2**20:.0f} MiB in {shards + 1} files, pieces of {piece // 1024} KiB; medians of {args.rounds}")
    for k, v in runs.items():
        print(f"{k:10} {med[k]:7.2f} s  rss {max(x['rss_mib'] for x in v):6.0f} MiB")
    print(f"publish / lt-hybrid  {med['publish'] / med['lt-hybrid']:.2f}  (publish also checks the data it seeds)")
    print(f"publish / mktorrent  {med['publish'] / med['mktorrent']:.2f}")
    print(f"sync / cp            {med['sync'] / med['cp']:.3f}")


if __name__ == "__main__":
    main()
