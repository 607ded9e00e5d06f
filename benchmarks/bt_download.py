"""Side-by-side BitTorrent download benchmark on loopback (run by hand, not in CI).

One bare libtorrent seed process serves a random file (TCP only, DHT/LSD/UPnP/NAT-PMP off); the
leechers find it through opentracker, one at a time, in interleaved rounds:

  modeldesk   `modeldesk get T --no-seed` (the whole command, start-up included)
  libtorrent  a bare libtorrent leecher script (tests/helpers/lt_peer.py), start-up included
  qbittorrent qbittorrent-nox driven through its Web API (timed from "add" to "complete")

Leechers write into a tmpfs, so what is compared is the BitTorrent path, not the disk.

Each round rotates the order and syncs the disk before every run, so nobody pays for the previous
run's write-back. Reports median wall time, ratios against ModelDesk, CPU-seconds per GiB and peak RSS.

    .venv/bin/python -m benchmarks.bt_download [--size-mib 1024] [--rounds 3]
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import libtorrent as lt

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.common import bench_setup, installed_env, proc_cpu, proc_hwm_mib, ram_disk, timed_child  # noqa: E402
from tests.helpers.cli import loopback_settings  # noqa: E402
from tests.helpers.foreign import OpenTracker, QBittorrent  # noqa: E402
from tests.helpers.swarm import LtPeer, write_random  # noqa: E402

GIB = 1024**3


def run_modeldesk(torrent: Path | str, work: Path, extra: tuple[str, ...] = ("--no-seed",)) -> dict:
    """`modeldesk get SOURCE --json` with a fresh home and output folder; its JSON lines in
    work/modeldesk-last.jsonl."""
    home = work / "mdhome"
    shutil.rmtree(home, ignore_errors=True)
    (home / "config").mkdir(parents=True)
    (home / "config" / "settings.json").write_text(json.dumps(loopback_settings()))
    out = work / "out" / "md"
    shutil.rmtree(out, ignore_errors=True)
    env = installed_env(MODELDESK_HOME=str(home))
    with open(work / "modeldesk-last.jsonl", "w") as log:
        r = timed_child([str(ROOT / ".venv/bin/modeldesk"), "get", str(torrent), "--to", str(out), *extra,
                         "--json"], env, stdout=log)
    shutil.rmtree(out, ignore_errors=True)
    return r


def run_bare(torrent: Path, work: Path) -> dict:
    out = work / "out" / "lt"
    shutil.rmtree(out, ignore_errors=True)
    port_file = work / "lt-leech.port"
    port_file.unlink(missing_ok=True)
    r = timed_child([sys.executable, str(ROOT / "tests/helpers/lt_peer.py"), "leech", str(torrent), str(out),
                     str(port_file)])
    shutil.rmtree(out, ignore_errors=True)
    return r


def run_qbt(qbt: QBittorrent, torrent: Path, work: Path) -> dict:
    out = work / "out" / "qbt"
    shutil.rmtree(out, ignore_errors=True)
    pid = qbt.proc.pid
    cpu0 = proc_cpu(pid)
    t0 = time.perf_counter()
    qbt.add(torrent, out, skip_checking=False)
    while True:
        ts = qbt.torrents()
        if ts and ts[0]["progress"] >= 1.0 and ts[0]["state"] not in ("checkingUP", "checkingDL", "moving"):
            break
        time.sleep(0.02)
    wall = time.perf_counter() - t0
    cpu = proc_cpu(pid) - cpu0
    import requests

    requests.post(f"{qbt.api}/torrents/delete", data={"hashes": "all", "deleteFiles": "true"}, timeout=10)
    time.sleep(0.5)
    shutil.rmtree(out, ignore_errors=True)
    return {"wall": wall, "cpu": cpu, "rss_mib": proc_hwm_mib(pid)}


def main() -> int:
    args, work, size = bench_setup("md-bench-")
    data = work / "seed"
    payload = data / "bench-model" / "model.safetensors"
    if not payload.exists() or payload.stat().st_size != size:
        write_random(payload, size)
    results: dict[str, list[dict]] = {"modeldesk": [], "libtorrent": [], "qbittorrent": []}
    tracker = OpenTracker(work)
    torrent = work / "bench.torrent"
    ct = lt.create_torrent(lt.list_files(str(data / "bench-model")), 0, flags=lt.create_torrent.v1_only)
    ct.add_tracker(tracker.announce)
    lt.set_piece_hashes(ct, str(data))
    torrent.write_bytes(lt.bencode(ct.generate()))
    tracker.start(str(lt.torrent_info(str(torrent)).info_hashes().v1))
    ram_disk(work)
    qbt = QBittorrent(work)
    try:
        with LtPeer("seed", torrent, data, work):
            time.sleep(1.0)
            # Warm-up, not timed: a seed_mode seed hashes each piece the first time it sends it,
            # and that first download would be slow for whoever goes first.
            run_bare(torrent, work)
            contenders = [("modeldesk", lambda: run_modeldesk(torrent, work)),
                          ("libtorrent", lambda: run_bare(torrent, work)),
                          ("qbittorrent", lambda: run_qbt(qbt, torrent, work))]
            for i in range(args.rounds):
                # Rotate who goes first, and start each run with no dirty pages from the last one.
                for name, fn in contenders[i % 3:] + contenders[: i % 3]:
                    os.sync()
                    time.sleep(0.5)
                    r = fn()
                    results[name].append(r)
                    print(f"round {i + 1} {name:12} {r['wall']:6.2f} s  {size / r['wall'] / 2**20:7.1f} MiB/s  "
                          f"cpu {r['cpu']:5.2f} s  rss {r['rss_mib']:6.1f} MiB", flush=True)
    finally:
        qbt.stop()
        tracker.stop()
        subprocess.run(["umount", str(work / "out")], capture_output=True)
    md = statistics.median(r["wall"] for r in results["modeldesk"])
    print(f"\n{args.size_mib} MiB over loopback, median of {args.rounds} interleaved rounds")
    print(f"{'client':12} {'wall s':>7} {'MiB/s':>7} {'md speed ×':>10} {'CPU s/GiB':>10} {'peak RSS MiB':>12}")
    for name, rs in results.items():
        wall = statistics.median(r["wall"] for r in rs)
        cpu = statistics.median(r["cpu"] for r in rs) / (size / GIB)
        rss = max(r["rss_mib"] for r in rs)
        print(f"{name:12} {wall:7.2f} {size / wall / 2**20:7.1f} {wall / md:10.2f} {cpu:10.2f} {rss:12.1f}")
    print("(md speed × = that client's time / ModelDesk's time: above 1 means ModelDesk is faster)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
