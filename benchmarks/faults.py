"""Fault suite, run by hand (root: it mounts tmpfs file systems). Every part runs on 127.0.0.1 with the
test suite's real servers and peers; results go to the terminal as a table and to --json.

    .venv/bin/python -m benchmarks.faults                     # everything, 20 kill trials per engine
    .venv/bin/python -m benchmarks.faults --only kill-http --trials 5

Scenarios:
  kill-http   `get URL --sha256` from nginx, SIGKILL at a random moment, run again: right sha256? how many
              bytes did nginx send beyond the file's size over both runs (what the kill cost)?
  kill-bt     `get magnet` from a libtorrent seed, SIGKILL at a random moment, run again: right sha256?
              bytes of valid pieces on disk at the kill that the second run fetched again?
  disk-full   a URL download and a torrent into a small real tmpfs that another writer fills at a random
              moment: exit 4 with one line, nothing under a final name that is not the real file, and the
              same command completes once the space is back.
  state-full  the state folder (library, resume data) on a tmpfs that fills during a download: the
              download completes, one warning instead of tracebacks, the database passes integrity_check,
              and the library catches up on the next run.
  restart-50  50 jobs (finished and paused torrents, finished and paused URL files) across a restart of
              the engine: all back in their states; time until every finished torrent seeds, against the
              same library with its resume data deleted (a full re-hash), side by side.
  hostile     a mirror that flips bytes, one that truncates, one that answers 500, one that stalls, each
              beside an honest nginx; a peer that sends corrupt pieces beside an honest seed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import libtorrent as lt  # noqa: E402

from modeldesk.core.config.paths import default_paths  # noqa: E402

from tests.helpers.cli import MdHome  # noqa: E402
from tests.helpers.faulty_http import FaultyServer  # noqa: E402
from tests.helpers.nginx import Nginx  # noqa: E402
from tests.helpers.swarm import LtPeer, make_model, make_torrent, random_payload, sha  # noqa: E402

MiB = 1024 * 1024
_LOG_BYTES = re.compile(r'" (\d{3}) (\d+) "')


def mount_tmpfs(where: Path, mib: int) -> None:
    where.mkdir(parents=True, exist_ok=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={mib}m", "tmpfs", str(where)], check=True)


def umount(where: Path) -> None:
    subprocess.run(["umount", "-l", str(where)], capture_output=True)


def fill(folder: Path) -> Path:
    """Write into `folder` until its file system is full; returns the filler."""
    filler = folder / "filler.bin"
    block = b"\0" * (64 * 1024)
    try:
        with open(filler, "wb") as f:
            while True:
                f.write(block)
                f.flush()
    except OSError:  # full (already, if the download got there first)
        pass
    return filler


def nginx_bytes(ngx: Nginx) -> int:
    log = ngx.work / "access.log"
    return sum(int(m.group(2)) for m in _LOG_BYTES.finditer(log.read_text())) if log.exists() else 0


def one_line(stderr: str) -> bool:
    lines = [line for line in stderr.splitlines() if line.strip()]
    return len(lines) == 1 and "Traceback" not in stderr


def final_files_ok(out: Path, expected: dict[str, str]) -> bool:
    """Every file under a final name is the real file (partial files have other names)."""
    return all(sha(out / rel) == digest for rel, digest in expected.items() if (out / rel).exists())


# ---- kill -9 ------------------------------------------------------------------------------------------
def kill_http(work: Path, trials: int, rng: random.Random) -> dict:
    size = 256 * MiB
    www, _, digest = random_payload(work / "www", size, "model.bin")
    rows = []
    with Nginx(www, work / "ngx", "limit_rate 8m;") as ngx:  # 8 connections x 8 MiB/s: ~4 s per run
        for i in range(trials):
            md = MdHome(work / f"home-{i}")
            md.configure()
            out = work / f"out-{i}"
            args = ["get", f"{ngx.url}/model.bin", "--to", str(out), "--sha256", digest, "--json"]
            sent0 = nginx_bytes(ngx)
            proc = md.popen(*args)
            at = rng.uniform(0.3, 3.5)
            time.sleep(at)
            proc.send_signal(signal.SIGKILL)
            proc.wait(10)
            r = md.run(*args, timeout=600)
            time.sleep(0.2)  # nginx logs a request when its connection closes
            extra = nginx_bytes(ngx) - sent0 - size
            ok = r.code == 0 and sha(out / "model.bin") == digest
            rows.append({"kill_at_s": round(at, 2), "ok": ok, "fetched_again_mib": round(extra / MiB, 2)})
            print(f"  kill-http {i + 1}/{trials}: kill at {at:.2f}s ok={ok} again={extra / MiB:.1f} MiB", flush=True)
            shutil.rmtree(out, ignore_errors=True)
            shutil.rmtree(md.root, ignore_errors=True)
    return summarize("kill-http", rows, size)


def valid_piece_bytes(ti: lt.torrent_info, data: Path) -> int:
    """Bytes of whole pieces on disk that match the torrent (a single-file v1 torrent)."""
    if not data.exists():
        return 0
    n, good = ti.piece_length(), 0
    with open(data, "rb") as f:
        for p in range(ti.num_pieces()):
            block = f.read(n)
            if hashlib.sha1(block).digest() == ti.hash_for_piece(p):
                good += len(block)
    return good


def kill_bt(work: Path, trials: int, rng: random.Random) -> dict:
    size = 256 * MiB
    data, payload, digest = random_payload(work / "seed-data", size, "model.bin")
    torrent = work / "model.torrent"
    ih = make_torrent(payload, torrent, piece_size=MiB)
    ti = lt.torrent_info(str(torrent))
    rows = []
    with LtPeer("seed", torrent, data, work, upload_limit=64 * MiB) as seed:
        magnet = f"magnet:?xt=urn:btih:{ih}&x.pe=127.0.0.1:{seed.port}"
        for i in range(trials):
            md = MdHome(work / f"home-{i}")
            md.configure()
            out = work / f"out-{i}"
            args = ["get", magnet, "--to", str(out), "--no-seed", "--json", "--timeout", "60"]
            proc = md.popen(*args)
            at = rng.uniform(0.5, 4.0)
            time.sleep(at)
            proc.send_signal(signal.SIGKILL)
            proc.wait(10)
            partial = [p for p in out.rglob("*") if p.is_file()] if out.exists() else []
            on_disk = valid_piece_bytes(ti, partial[0]) if len(partial) == 1 else 0
            r = md.run(*args, timeout=600)
            again = r.last("progress")["session_downloaded"] if r.code == 0 else size
            ok = r.code == 0 and sha(out / "model.bin") == digest
            extra = max(0, again - (size - on_disk))
            rows.append({"kill_at_s": round(at, 2), "ok": ok, "valid_at_kill_mib": round(on_disk / MiB, 1),
                         "fetched_again_mib": round(extra / MiB, 2)})
            print(f"  kill-bt {i + 1}/{trials}: kill at {at:.2f}s, {on_disk / MiB:.0f} MiB valid, ok={ok} "
                  f"again={extra / MiB:.1f} MiB", flush=True)
            shutil.rmtree(out, ignore_errors=True)
            shutil.rmtree(md.root, ignore_errors=True)
    return summarize("kill-bt", rows, size)


def summarize(name: str, rows: list[dict], size: int) -> dict:
    again = [r["fetched_again_mib"] for r in rows]
    return {"scenario": name, "trials": len(rows), "ok": sum(r["ok"] for r in rows),
            "fetched_again_median_mib": round(statistics.median(again), 2) if again else None,
            "fetched_again_max_mib": max(again) if again else None,
            "file_mib": size // MiB, "rows": rows}


# ---- disk full ----------------------------------------------------------------------------------------
def disk_full(work: Path, trials: int, rng: random.Random) -> dict:
    size = 64 * MiB
    www, _, digest = random_payload(work / "www", size, "model.bin")
    torrent = work / "model.torrent"
    ih = make_torrent(www / "model.bin", torrent, piece_size=MiB)
    rows = []
    with Nginx(www, work / "ngx", "limit_rate 2m;") as ngx, \
            LtPeer("seed", torrent, www, work, upload_limit=16 * MiB) as seed:
        sources = {"http": ["get", f"{ngx.url}/model.bin", "--sha256", digest],
                   "bt": ["get", f"magnet:?xt=urn:btih:{ih}&x.pe=127.0.0.1:{seed.port}", "--no-seed",
                          "--timeout", "30"]}
        for kind, get in sources.items():
            for i in range(trials):
                md = MdHome(work / f"home-{kind}-{i}")
                md.configure()
                disk = work / f"disk-{kind}-{i}"
                mount_tmpfs(disk, 80)
                try:
                    out = disk / "proj"
                    proc = md.popen(*get, "--to", str(out))
                    at = rng.uniform(0.5, 3.0)
                    time.sleep(at)
                    filler = fill(disk)
                    _, err = proc.communicate(timeout=120)
                    first = {"code": proc.returncode, "one_line": one_line(err),
                             "says_space": "space" in err.lower() or "full" in err.lower(),
                             "finals_ok": final_files_ok(out, {"model.bin": digest})}
                    filler.unlink(missing_ok=True)
                    r = md.run(*get, "--to", str(out), timeout=300)
                    ok = (first["code"] == 4 and first["one_line"] and first["says_space"] and first["finals_ok"]
                          and r.code == 0 and sha(out / "model.bin") == digest)
                    rows.append({"kind": kind, "fill_at_s": round(at, 2), **first, "rerun_code": r.code, "ok": ok})
                    print(f"  disk-full {kind} {i + 1}/{trials}: fill at {at:.2f}s first exit {first['code']} "
                          f"rerun {r.code} ok={ok}" + ("" if ok else f" stderr={err.strip()[:200]!r}"), flush=True)
                finally:
                    umount(disk)
                    shutil.rmtree(md.root, ignore_errors=True)
    return {"scenario": "disk-full", "trials": len(rows), "ok": sum(r["ok"] for r in rows), "rows": rows}


def state_full(work: Path, trials: int, rng: random.Random) -> dict:
    size = 64 * MiB
    www, _, digest = random_payload(work / "www", size, "model.bin")
    rows = []
    with Nginx(www, work / "ngx", "limit_rate 2m;") as ngx:
        for i in range(trials):
            state = work / f"state-{i}"
            mount_tmpfs(state, 4)
            try:
                md = MdHome(state / "home")
                md.configure()
                out = work / f"out-{i}"
                args = ["get", f"{ngx.url}/model.bin", "--to", str(out), "--sha256", digest]
                proc = md.popen(*args)
                at = rng.uniform(0.5, 2.5)
                time.sleep(at)
                filler = fill(state)
                _, err = proc.communicate(timeout=120)
                db = default_paths(md.environ()).library_db
                integrity = sqlite3.connect(db).execute("pragma integrity_check").fetchone()[0]
                refused = md.run(*args)  # the state disk is still full: one sentence, exit 4 or the job done
                filler.unlink(missing_ok=True)
                listed = json.loads(md.run("list", "--json").stdout or "[]")
                ok = (proc.returncode == 0 and sha(out / "model.bin") == digest and "Traceback" not in err
                      and integrity == "ok" and "Traceback" not in refused.stderr
                      and any(e["name"] == "model.bin" for e in listed))
                rows.append({"fill_at_s": round(at, 2), "code": proc.returncode, "integrity": integrity,
                             "warnings": [line for line in err.splitlines() if line.strip()][:3],
                             "second_run_when_full": refused.code, "listed_after": len(listed), "ok": ok})
                print(f"  state-full {i + 1}/{trials}: exit {proc.returncode} integrity={integrity} "
                      f"again-when-full={refused.code} ok={ok}", flush=True)
            finally:
                umount(state)
                shutil.rmtree(out, ignore_errors=True)
    return {"scenario": "state-full", "trials": len(rows), "ok": sum(r["ok"] for r in rows), "rows": rows}


# ---- restart with 50 jobs -----------------------------------------------------------------------------
def restart_50(work: Path, trials: int, rng: random.Random) -> dict:
    from benchmarks.restart_jobs import restart_scenario

    return restart_scenario(work)


# ---- hostile mirrors and peers ------------------------------------------------------------------------
def hostile(work: Path, trials: int, rng: random.Random) -> dict:
    size = 64 * MiB
    www, _, digest = random_payload(work / "www", size, "model.bin")
    rows = []
    with Nginx(www, work / "ngx", "limit_rate 4m;") as honest:
        for mode in ("flip", "truncate", "status:500", "stall", "badtotal"):
            md = MdHome(work / f"home-{mode}")
            md.configure()
            out = work / f"out-{mode.replace(':', '')}"
            with FaultyServer(www, mode) as bad:
                t0 = time.monotonic()
                r = md.run("get", f"{bad.url}/model.bin", "--url", f"{honest.url}/model.bin", "--to", str(out),
                           "--sha256", digest, "--stall-timeout", "3", timeout=300)
                took = time.monotonic() - t0
            ok = r.code == 0 and sha(out / "model.bin") == digest
            rows.append({"case": f"mirror {mode} + honest nginx", "ok": ok, "seconds": round(took, 1)})
            print(f"  hostile mirror {mode}: exit {r.code} ok={ok} {took:.1f}s", flush=True)
    # A peer with corrupt data (seed_mode: it serves without checking) beside an honest seed.
    data, bad_data = work / "good", work / "bad"
    top = make_model(data, "liar-model", {"model.bin": 32 * MiB})
    torrent = work / "liar.torrent"
    ih = make_torrent(top, torrent, piece_size=MiB)
    shutil.copytree(data, bad_data)
    with open(bad_data / "liar-model" / "model.bin", "r+b") as f:
        for off in range(0, 32 * MiB, 2 * MiB):  # every other piece corrupt
            f.seek(off + 100)
            f.write(b"\xff" * 64)
    md = MdHome(work / "home-liar")
    md.configure()
    out = work / "out-liar"
    with LtPeer("seed", torrent, bad_data, work) as liar, LtPeer("seed", torrent, data, work, upload_limit=8 * MiB) \
            as good:
        t0 = time.monotonic()
        r = md.run("get", f"magnet:?xt=urn:btih:{ih}&x.pe=127.0.0.1:{liar.port}&x.pe=127.0.0.1:{good.port}",
                   "--to", str(out), "--no-seed", "--json", "--timeout", "120", timeout=300)
        took = time.monotonic() - t0
    ok = r.code == 0 and sha(out / "liar-model" / "model.bin") == sha(top / "model.bin")
    rows.append({"case": "peer with corrupt pieces + honest seed", "ok": ok, "seconds": round(took, 1)})
    print(f"  hostile peer: exit {r.code} ok={ok} {took:.1f}s", flush=True)
    return {"scenario": "hostile", "trials": len(rows), "ok": sum(r["ok"] for r in rows), "rows": rows}


SCENARIOS = {"kill-http": kill_http, "kill-bt": kill_bt, "disk-full": disk_full, "state-full": state_full,
             "restart-50": restart_50, "hostile": hostile}
TRIALS = {"kill-http": 20, "kill-bt": 20, "disk-full": 5, "state-full": 3, "restart-50": 1, "hostile": 1}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", default=",".join(SCENARIOS), help="comma-separated scenarios")
    ap.add_argument("--trials", type=int, default=0, help="trials per scenario (default: each one's own)")
    ap.add_argument("--seed", type=int, default=1, help="random seed for the kill and fill moments")
    ap.add_argument("--json", type=Path, help="write every result here")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    results = []
    for name in a.only.split(","):
        work = Path(tempfile.mkdtemp(prefix=f"faults-{name}-"))
        print(f"{name}:", flush=True)
        try:
            results.append(SCENARIOS[name](work, a.trials or TRIALS[name], rng))
        finally:
            shutil.rmtree(work, ignore_errors=True)
    print("\n| scenario | trials | ok | fetched again (median / max MiB) |\n|---|---|---|---|")
    for res in results:
        again = (f"{res['fetched_again_median_mib']} / {res['fetched_again_max_mib']}"
                 if "fetched_again_median_mib" in res else "–")
        print(f"| {res['scenario']} | {res['trials']} | {res['ok']} | {again} |")
    if a.json:
        a.json.write_text(json.dumps(results, indent=2))
    return 0 if all(res["ok"] == res["trials"] for res in results) else 1


if __name__ == "__main__":
    sys.exit(main())
