"""The lab benchmark (issue "Lab distribution"), run by hand, not in CI: one seed capped at 50 MiB/s
(the cap applied to local peers too) and N leechers that start together and keep seeding until all
are done, peers found through opentracker, all on 127.0.0.1, TCP only. Side by side in one run:

  modeldesk   `modeldesk seed T --from DIR --upload-limit 50M` and N x `modeldesk get T` (defaults)
  libtorrent  bare libtorrent with defaults (tests/helpers/lt_peer.py), seed capped the same way

The optimum: every byte leaves the seed once and the leechers trade the rest, so the last leecher is
done after size / 50 MiB/s. Reports, per client and N: the last leecher's time and its ratio to the
optimum (target <= 1.25), the seed's upload in multiples of the model (target <= 1.1), and peak RSS.

    .venv/bin/python -m benchmarks.lab_swarm [--size-mib 1024] [--rounds 1] [--leechers 4 8]
        [--piece-kib K] [--cap-mib 50] [--clients modeldesk libtorrent]

The torrent's piece size is the one `modeldesk publish` picks for the size (1 MiB for 1 GiB).
--cap-mib 0 with --leechers 1 measures one peer's speed from an uncapped seed. For experiments with
the bare clients: LAB_SEED_SETTINGS / LAB_LEECH_SETTINGS (JSON libtorrent settings), LAB_SUPER_SEED=1,
LAB_SEED_LOG=FILE (the bare seed's peer log), LAB_TRACE=1 (the seed's upload every second).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import libtorrent as lt

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.common import (  # noqa: E402
    busy_share,
    compile_modeldesk,
    installed_env,
    machine_busy,
    proc_hwm_mib,
    ram_disk,
    work_folder,
)
from modeldesk.core.publish.publishing import piece_size_for  # noqa: E402
from tests.helpers.cli import loopback_settings  # noqa: E402
from tests.helpers.foreign import OpenTracker, stop_process  # noqa: E402
from tests.helpers.swarm import write_random  # noqa: E402

CAP_MIB = 50
LT_PEER = ROOT / "tests" / "helpers" / "lt_peer.py"
MODELDESK = ROOT / ".venv" / "bin" / "modeldesk"


class Child:
    """A process whose stdout lines are watched in a thread: when it said `done_word`, the last
    upload total it reported, and its peak RSS."""

    def __init__(self, argv, env, done_word: str):
        self.proc = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        self.done_at: float | None = None
        self.uploaded = 0
        self.peers = 0  # the most peers it reported at once (ModelDesk's progress events)
        self.rss = 0.0
        self._word = done_word
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.proc.stdout:  # type: ignore[union-attr]
            if line.startswith("up "):
                self.uploaded = int(line.split()[1])
                if os.environ.get("LAB_TRACE"):
                    print(f"  {time.monotonic():.1f} seed up {self.uploaded / 2**20:.0f} MiB", flush=True)
            elif line.startswith("{"):
                e = json.loads(line)
                if e.get("event") == "progress":
                    self.uploaded = e.get("uploaded", self.uploaded)
                    self.peers = max(self.peers, e.get("peers", 0))
                if e.get("event") == self._word and self.done_at is None:
                    self.done_at = time.monotonic()
            elif line.startswith(self._word) and self.done_at is None:
                self.done_at = time.monotonic()
                if os.environ.get("LAB_TRACE"):
                    print(f"  {self.done_at:.1f} leecher done", flush=True)
            try:
                self.rss = max(self.rss, proc_hwm_mib(self.proc.pid))
            except OSError:
                pass

    def stop(self) -> None:
        stop_process(self.proc, grace=20)


def md_env(home: Path) -> dict:
    shutil.rmtree(home, ignore_errors=True)
    (home / "config").mkdir(parents=True)
    (home / "config" / "settings.json").write_text(json.dumps(loopback_settings()))
    return installed_env(MODELDESK_HOME=str(home))


def seed_of(kind: str, torrent: Path, data: Path, work: Path, cap: int) -> Child:
    if kind == "modeldesk":
        limit = ["--upload-limit", str(cap)] if cap else []
        return Child([str(MODELDESK), "seed", str(torrent), "--from", str(data), *limit, "--json"],
                     md_env(work / "home-seed"), "finished")
    env = installed_env(LT_PEER_UPLOAD_LIMIT=str(cap), LT_PEER_REPORT="1",
                        LT_PEER_SETTINGS=os.environ.get("LAB_SEED_SETTINGS", "{}"),
                        LT_PEER_SUPER_SEED=os.environ.get("LAB_SUPER_SEED", ""),
                        LT_PEER_LOG=os.environ.get("LAB_SEED_LOG", ""))
    return Child([sys.executable, str(LT_PEER), "seed", str(torrent), str(data), str(work / "seed.port")], env,
                 "never")


def leecher_of(kind: str, i: int, torrent: Path, out: Path, work: Path) -> Child:
    if kind == "modeldesk":
        return Child([str(MODELDESK), "get", str(torrent), "--to", str(out), "--json"], md_env(work / f"home-{i}"),
                     "finished")
    env = installed_env(LT_PEER_STAY="1", LT_PEER_SETTINGS=os.environ.get("LAB_LEECH_SETTINGS", "{}"))
    return Child([sys.executable, str(LT_PEER), "leech", str(torrent), str(out), str(work / f"leech-{i}.port")],
                 env, "done")


def until_done(kind: str, children: list, t0: float, sample: Callable[[], None] = lambda: None,
               limit: float = 900) -> None:
    """Every child has said it is done (sample() every 0.2 s meanwhile); raises if one exits first or the
    run passes `limit` seconds."""
    while any(c.done_at is None for c in children):
        if time.monotonic() - t0 > limit or any(c.proc.poll() is not None for c in children):
            raise RuntimeError(f"{kind}: a machine failed or the run took over {limit / 60:.0f} min")
        sample()
        time.sleep(0.2)


def one_run(kind: str, n: int, torrent: Path, data: Path, work: Path, size: int, cap: int) -> dict:
    outs = [work / "out" / f"{kind}-{i}" for i in range(n)]
    for o in outs:
        shutil.rmtree(o, ignore_errors=True)
    os.sync()
    seed = seed_of(kind, torrent, data, work, cap)
    time.sleep(3.0)  # the seed has checked its data and announced
    t0, cpu0 = time.monotonic(), machine_busy()
    leechers = [leecher_of(kind, i, torrent, o, work) for i, o in enumerate(outs)]
    try:
        until_done(kind, leechers, t0, limit=600)
        busy = busy_share(cpu0)
        last = max(c.done_at for c in leechers if c.done_at) - t0
        time.sleep(1.2)  # the seed's next report
        up = seed.uploaded
    finally:
        for c in [*leechers, seed]:
            c.stop()
        for o in outs:
            shutil.rmtree(o, ignore_errors=True)
    return {"last": last, "seed_up": up / size, "rss": max(c.rss for c in leechers), "seed_rss": seed.rss,
            "busy": busy}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--size-mib", type=int, default=1024)
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--leechers", type=int, nargs="+", default=[4, 8])
    ap.add_argument("--work", default="")
    ap.add_argument("--cap-mib", type=int, default=CAP_MIB, help="the seed's upload limit; 0: none (single-peer speed)")
    ap.add_argument("--piece-kib", type=int, default=0, help="default: the piece size `modeldesk publish` picks")
    ap.add_argument("--clients", nargs="+", default=["modeldesk", "libtorrent"])
    args = ap.parse_args()
    cap = args.cap_mib * 1024 * 1024
    compile_modeldesk(ROOT)
    work = work_folder("md-lab-", args.work)
    size = args.size_mib * 1024 * 1024
    data = work / "seed"
    payload = data / "lab-model" / "model.safetensors"
    torrent = work / "lab.torrent"
    if not payload.exists() or payload.stat().st_size != size:
        write_random(payload, size)
    tracker = OpenTracker(work)
    piece = args.piece_kib * 1024 or piece_size_for(size)
    ct = lt.create_torrent(lt.list_files(str(data / "lab-model")), piece)
    ct.add_tracker(tracker.announce)
    lt.set_piece_hashes(ct, str(data))
    torrent.write_bytes(lt.bencode(ct.generate()))
    ti = lt.torrent_info(str(torrent))
    tracker.start(str(ti.info_hashes().v1))
    ram_disk(work, size_gib=max(args.leechers) * args.size_mib // 1024 + 2)
    optimum = size / cap if cap else float("inf")
    results: dict[tuple[str, int], list[dict]] = {}
    try:
        for r in range(args.rounds):
            for n in args.leechers:
                order = args.clients if r % 2 == 0 else args.clients[::-1]
                for kind in order:
                    res = one_run(kind, n, torrent, data, work, size, cap)
                    results.setdefault((kind, n), []).append(res)
                    print(f"round {r + 1} n={n} {kind:10} last {res['last']:6.1f} s ({res['last'] / optimum:4.2f} x "
                          f"optimum)  seed up {res['seed_up']:4.2f} x model  rss: leecher {res['rss']:6.1f} MiB, seed "
                          f"{res['seed_rss']:6.1f} MiB; cores busy {res['busy']:.0%}", flush=True)
    finally:
        tracker.stop()
        subprocess.run(["umount", str(work / "out")], capture_output=True)
    print(f"\n{args.size_mib} MiB, seed capped at {args.cap_mib} MiB/s (0: none), optimum {optimum:.1f} s; piece size "
          f"{ti.piece_length() // 1024} KiB; medians of {args.rounds} round(s)")
    print(f"{'client':10} {'N':>2} {'last s':>7} {'x optimum':>9} {'seed up x':>9} {'leecher RSS':>11} "
          f"{'seed RSS':>8} {'cores busy':>10}")
    for (kind, n), rs in sorted(results.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        last = statistics.median(x["last"] for x in rs)
        up = statistics.median(x["seed_up"] for x in rs)
        print(f"{kind:10} {n:2d} {last:7.1f} {last / optimum:9.2f} {up:9.2f} {max(x['rss'] for x in rs):11.1f} "
              f"{max(x['seed_rss'] for x in rs):8.1f} {statistics.median(x['busy'] for x in rs):10.0%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
