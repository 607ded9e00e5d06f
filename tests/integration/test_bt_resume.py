"""Kill -9 in the middle of a download, run the same command again: only what is missing comes."""

from __future__ import annotations

import hashlib
import json
import signal
import time

import libtorrent as lt
import pytest

from modeldesk.core.config.paths import default_paths
from tests.helpers.cli import read_events
from tests.helpers.swarm import LtPeer, make_torrent, write_random

pytestmark = pytest.mark.integration

PIECE = 1024 * 1024
SIZE = 32 * PIECE + 4321


def test_sigkill_then_rerun_fetches_only_the_rest(md, tmp_path):
    data = tmp_path / "seed-data"
    top = data / "big-model"
    write_random(top / "model.safetensors", SIZE)
    torrent = tmp_path / "big.torrent"
    infohash = make_torrent(top, torrent, piece_size=PIECE)
    # Loopback peers ignore rate limits unless they are put in the global peer class.
    md.configure(limit_local_peers=True)
    out = tmp_path / "proj"
    with LtPeer("seed", torrent, data, tmp_path) as seed:
        magnet = f"magnet:?xt=urn:btih:{infohash}&x.pe=127.0.0.1:{seed.port}"
        args = ["get", magnet, "--to", str(out), "--no-seed", "--json", "--timeout", "30"]
        proc = md.popen(*args, "--download-limit", "2M")
        done_at_kill = 0
        try:
            for e in read_events(proc):
                if e["event"] == "progress":
                    done_at_kill = e["total_done"]
                    if e["progress"] >= 0.35:
                        break
            # Kill just after a resume save lands: on a loaded machine saves can lag the status ticks, and
            # what this test bounds is what a kill loses beyond the last save, not the save cadence.
            resume = default_paths(md.environ()).resume_dir / f"{infohash}.fastresume"
            before = resume.stat().st_mtime_ns if resume.exists() else 0
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline and (resume.stat().st_mtime_ns if resume.exists() else 0) == before:
                time.sleep(0.02)
            saved = (resume.stat().st_mtime_ns if resume.exists() else 0) != before
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.wait(10)
        assert saved, "a downloading job saves resume data about once a second"
        assert 0 < done_at_kill < SIZE, "the first run must be cut off mid-download"
        assert not (out / "big-model" / "model.safetensors").exists(), "an unverified file has no final name"
        # What the kill left on record: the pieces the last resume save names. On a loaded machine that
        # save may describe a moment before the last progress event (it measured 4.8 MiB behind).
        kept = sum(map(bool, lt.read_resume_data(resume.read_bytes()).have_pieces)) * PIECE
        assert kept > 0, "the resume data names no piece"

        md.configure(limit_local_peers=False)
        r = md.run(*args)
        assert r.code == 0, r.stderr
    fetched_again = r.last("progress")["session_downloaded"]
    remaining = SIZE - min(kept, SIZE)
    # Fetched again beyond what the last save lacked: blocks of the pieces unfinished at the kill.
    assert fetched_again <= remaining + 4 * PIECE, (fetched_again, remaining)
    assert fetched_again < SIZE * 0.8, "must not start again from zero"
    got = (out / "big-model" / "model.safetensors").read_bytes()
    assert hashlib.sha256(got).digest() == hashlib.sha256((top / "model.safetensors").read_bytes()).digest()

    listing = json.loads(md.run("list", "--json").stdout)
    assert listing[0]["state"] == "finished" and listing[0]["progress"] == 1.0
    # Counted across both runs (the first one's share as of its last status tick before the kill).
    assert listing[0]["downloaded"] >= SIZE - 4 * PIECE
