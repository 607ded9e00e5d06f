"""Hybrid benchmark: one model from a capped peer and a throttled mirror at once (run by hand).

Rig on loopback: a bare libtorrent seed capped at 20 MiB/s upload, found through opentracker; nginx
serving the same files in BEP 19 layout behind a proxy that gives each connection 4 MiB/s (a CDN's
per-connection throttle that holds across kept-alive requests). Contenders, in interleaved rounds:

  hybrid       `modeldesk get T --no-seed`, T naming the tracker and the mirror (url-list)
  qbittorrent  qbittorrent-nox with the same T (libtorrent's own web-seed client: one connection)
  md-mirror    `modeldesk get URL`: the mirror alone, ModelDesk's HTTP engine with its defaults
  md-peer      `modeldesk get T'`: T without the url-list, the peer alone

Reports median wall time, the ratio of each to the hybrid, what the two sources can deliver together
(the seed's cap plus the mirror's rate for ModelDesk's connections), the hybrid's duplicate bytes
(peer payload + mirror bytes - size), CPU and peak RSS.

    .venv/bin/python -m benchmarks.hybrid [--size-mib 1024] [--rounds 3]
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import libtorrent as lt

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bt_download import run_modeldesk, run_qbt  # noqa: E402
from benchmarks.common import bench_setup, ram_disk  # noqa: E402
from modeldesk.core.config.settings import HttpSettings  # noqa: E402
from tests.helpers.foreign import OpenTracker, QBittorrent  # noqa: E402
from tests.helpers.nginx import Nginx  # noqa: E402
from tests.helpers.shaping_proxy import ShapingProxy  # noqa: E402
from tests.helpers.swarm import LtPeer, write_random  # noqa: E402

MIB = 1024 * 1024
SEED_RATE = 20 * MIB
CONN_RATE = 4 * MIB


def make(data: Path, out: Path, tracker: str, web_seed: str | None) -> None:
    ct = lt.create_torrent(lt.list_files(str(data / "bench-model")), 0, flags=lt.create_torrent.v1_only)
    ct.add_tracker(tracker)
    if web_seed:
        ct.add_url_seed(web_seed)
    lt.set_piece_hashes(ct, str(data))
    out.write_bytes(lt.bencode(ct.generate()))


def duplicates(work: Path, mirror_bytes: int, size: int) -> int:
    last = [json.loads(x) for x in (work / "modeldesk-last.jsonl").read_text().splitlines()
            if x.startswith('{"event":"progress"')][-1]
    return last["session_downloaded"] - last["mirror_downloaded"] + mirror_bytes - size


def main() -> int:
    args, work, size = bench_setup("md-hybrid-")
    data = work / "seed"
    payload = data / "bench-model" / "model.safetensors"
    if not payload.exists() or payload.stat().st_size != size:
        write_random(payload, size)
    tracker = OpenTracker(work)
    ram_disk(work)
    qbt = QBittorrent(work)
    results: dict[str, list[dict]] = {"hybrid": [], "qbittorrent": [], "md-mirror": [], "md-peer": []}
    dup: list[int] = []
    try:
        with Nginx(data, work / "nginx") as web, ShapingProxy(web.port, conn_rate=CONN_RATE) as mirror:
            both, peer_only = work / "hybrid.torrent", work / "peer.torrent"
            make(data, both, tracker.announce, mirror.url + "/")
            make(data, peer_only, tracker.announce, None)
            # The url-list lies outside the info dictionary: both are one torrent, one swarm, one seed.
            tracker.start(str(lt.torrent_info(str(both)).info_hashes().v1))
            seeds = [LtPeer("seed", peer_only, data, work, upload_limit=SEED_RATE)]
            try:
                time.sleep(1.0)
                url = f"{mirror.url}/bench-model/model.safetensors"
                contenders = [("hybrid", lambda: run_modeldesk(both, work)),
                              ("qbittorrent", lambda: run_qbt(qbt, both, work)),
                              ("md-mirror", lambda: run_modeldesk(url, work, extra=())),
                              ("md-peer", lambda: run_modeldesk(peer_only, work))]
                only = os.environ.get("BENCH_ONLY")  # e.g. "hybrid": one contender, to try a change quickly
                for i in range(args.rounds):
                    for name, fn in contenders[i % 4:] + contenders[: i % 4]:
                        if only and name not in only.split(","):
                            continue
                        os.sync()
                        time.sleep(0.5)
                        served0 = web.bytes_served()
                        r = fn()
                        results[name].append(r)
                        extra = ""
                        if name == "hybrid":
                            dup.append(duplicates(work, web.bytes_served() - served0, size))
                            extra = f"  duplicate {dup[-1] / MIB:6.1f} MiB"
                        print(f"round {i + 1} {name:12} {r['wall']:6.2f} s  {size / r['wall'] / MIB:7.1f} MiB/s  "
                              f"cpu {r['cpu']:5.2f} s  rss {r['rss_mib']:6.1f} MiB{extra}", flush=True)
            finally:
                for s in seeds:
                    s.stop()
    finally:
        qbt.stop()
        tracker.stop()
        subprocess.run(["umount", str(work / "out")], capture_output=True)
    hybrid = statistics.median(r["wall"] for r in results["hybrid"])
    together = SEED_RATE + CONN_RATE * HttpSettings().connections
    print(f"\n{args.size_mib} MiB, seed capped at {SEED_RATE // MIB} MiB/s, mirror {CONN_RATE // MIB} MiB/s per "
          f"connection; median of {args.rounds} interleaved rounds")
    print(f"the two can deliver {together / MIB:.0f} MiB/s together: the hybrid reached "
          f"{size / hybrid / together:.2f} of it")
    print(f"{'client':12} {'wall s':>7} {'MiB/s':>7} {'hybrid ×':>9} {'CPU s':>6} {'peak RSS MiB':>12}")
    for name, rs in ((n, rs) for n, rs in results.items() if rs):
        wall = statistics.median(r["wall"] for r in rs)
        print(f"{name:12} {wall:7.2f} {size / wall / MIB:7.1f} {wall / hybrid:9.2f} "
              f"{statistics.median(r['cpu'] for r in rs):6.2f} {max(r['rss_mib'] for r in rs):12.1f}")
    print(f"hybrid duplicate bytes: median {statistics.median(dup) / size * 100:.2f}% of the model")
    print("(hybrid × = that contender's time / the hybrid's: above 1 means the hybrid is faster)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
