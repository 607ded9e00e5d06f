"""The restart-50 scenario of benchmarks/faults.py: 50 jobs in mixed states across a restart of the
engine (the Manager in this process, as the desktop app runs it), and the time until every finished
torrent seeds again, against the same library with its resume data deleted (a full re-hash)."""

from __future__ import annotations

import queue
import shutil
import time
from pathlib import Path

from modeldesk.core.contracts import events as ev
from modeldesk.core.sources.adds import HttpAdd, TorrentAdd
from modeldesk.core.contracts.models import JobKind, JobState
from modeldesk.core.config.paths import default_paths
from modeldesk.core.torrent.sources import parse_torrent_file
from tests.helpers.cli import MdHome
from tests.helpers.manager import Running
from tests.helpers.nginx import Nginx
from tests.helpers.swarm import make_model, make_torrent, write_random

MiB = 1024 * 1024
FINISHED_BT, PAUSED_BT, FINISHED_HTTP, PAUSED_HTTP = 20, 15, 10, 5


def _events_until(r: Running, done, timeout: float) -> list:
    seen, deadline = [], time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            seen.append(r.events.get(timeout=0.1))
        except queue.Empty:
            continue
        if done(seen):
            return seen
    raise TimeoutError(f"gave up after {timeout} s")


def _fill_library(md: MdHome, work: Path, fast: Nginx, slow: Nginx, www: Path) -> dict[str, str]:
    """Phase 1: 30 jobs downloaded to the end, 20 paused part-way. Returns job id -> state."""
    proj = work / "proj"
    finished: set[str] = set()
    with Running(md) as r:
        for i in range(FINISHED_BT):
            t = work / f"fin-{i}.torrent"
            make_torrent(www / f"fin-{i}", t, piece_size=MiB, web_seeds=[f"{fast.url}/"])
            finished.add(r.m.add(TorrentAdd(parse_torrent_file(t), str(proj), seed=True)).result(30))
        for i in range(FINISHED_HTTP):
            finished.add(r.m.add(HttpAdd((f"{fast.url}/file-{i}.bin",), str(proj))).result(30))
        _events_until(r, lambda seen: finished <= {e.job_id for e in seen if isinstance(e, ev.JobFinished)}, 300)
        partial = []
        for i in range(PAUSED_BT):
            t = work / f"part-{i}.torrent"
            make_torrent(www / f"part-{i}", t, piece_size=MiB, web_seeds=[f"{slow.url}/"])
            partial.append(r.m.add(TorrentAdd(parse_torrent_file(t), str(proj))).result(30))
        for i in range(PAUSED_HTTP):
            partial.append(r.m.add(HttpAdd((f"{slow.url}/big-{i}.bin",), str(proj))).result(30))
        time.sleep(4)
        for job in partial:
            r.m.pause(job).result(30)
        time.sleep(1.5)
        return {e.job_id: e.state.value for e in r.m.entries().result(30)}


def _time_to_seed(md: MdHome, bt_finished: set[str]) -> tuple[float, dict[str, str], list[str]]:
    """Restart: restore as the app does; seconds until every finished torrent seeds; states after."""
    with Running(md) as r:
        t0 = time.monotonic()
        failures = r.m.restore()
        seeding: set[str] = set()

        def all_seed(seen) -> bool:
            for e in seen[-5:]:
                if isinstance(e, ev.JobsUpdated):
                    seeding.update(s.job_id for s in e.snapshots if s.state is JobState.SEEDING)
            return bt_finished <= seeding
        _events_until(r, all_seed, 300)
        took = time.monotonic() - t0
        time.sleep(2)
        states = {e.job_id: e.state.value for e in r.m.entries().result(30)}
    return took, states, [f"{name}: {exc}" for name, exc in failures]


def restart_scenario(work: Path) -> dict:
    www = work / "www"
    for i in range(FINISHED_BT):
        make_model(www, f"fin-{i}", {"model.bin": 16 * MiB})
    for i in range(PAUSED_BT):
        make_model(www, f"part-{i}", {"model.bin": 64 * MiB})
    for i in range(FINISHED_HTTP):
        write_random(www / f"file-{i}.bin", 4 * MiB)
    for i in range(PAUSED_HTTP):
        write_random(www / f"big-{i}.bin", 64 * MiB)
    md = MdHome(work / "home")
    md.configure()
    with Nginx(www, work / "ngx-fast") as fast, Nginx(www, work / "ngx-slow", "limit_rate 256k;") as slow:
        before = _fill_library(md, work, fast, slow, www)
    # No server now: a restart must bring the jobs back from the library and resume data alone.
    with Running(md) as r:
        kinds = {e.job_id: e.kind for e in r.m.entries().result(30)}
    bt_finished = {j for j, s in before.items() if kinds[j] is JobKind.BT and s in ("seeding", "finished")}
    with_resume, after, failures = _time_to_seed(md, bt_finished)
    resume_dir = default_paths(md.environ()).resume_dir
    found = list(resume_dir.glob("*.fastresume"))
    for f in found:
        f.unlink()
    rehash, _, _ = _time_to_seed(md, bt_finished)
    changed = {j: (before[j], after.get(j)) for j in before if before[j] != after.get(j)}
    ok = len(before) == 50 and not changed and not failures
    row = {"jobs": len(before), "states_before": _count(before), "states_after": _count(after), "changed": changed,
           "restore_failures": failures, "seconds_to_seed_with_resume_data": round(with_resume, 2),
           "seconds_to_seed_rehashing": round(rehash, 2), "resume_files_deleted": len(found), "ok": ok}
    print(f"  restart-50: {len(before)} jobs, states kept={not changed}, to seeding {with_resume:.2f}s with resume "
          f"data vs {rehash:.2f}s re-hashing ({len(found)} resume files deleted from {resume_dir})", flush=True)
    shutil.rmtree(work / "proj", ignore_errors=True)
    return {"scenario": "restart-50", "trials": 1, "ok": int(ok), "rows": [row]}


def _count(states: dict[str, str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for s in states.values():
        out[s] = out.get(s, 0) + 1
    return out
