"""A torrent that stops moving while its disk has less free space than it still has to write fails as a
full disk, in the app as on the command line; one that merely waits for peers with room to spare does
not. A real libtorrent session bound to 127.0.0.1 and a real 3 MiB tmpfs; the stall time is shortened."""

from __future__ import annotations

import contextlib
import queue
import time

from modeldesk.core.contracts import events as ev
from modeldesk.core.torrent import disk_watch
from modeldesk.core.torrent.engine import TorrentEngine
from modeldesk.core.torrent.job import AddRequest
from modeldesk.core.torrent.resume_store import ResumeStore
from modeldesk.core.torrent.sources import parse_torrent_file
from tests.core.torrent.test_engine import LOOPBACK, wait_for
from tests.helpers.disk import small_disk
from tests.helpers.swarm import make_model, make_torrent

MiB = 1024 * 1024


def test_a_stalled_torrent_on_a_full_disk_fails_as_a_full_disk(tmp_path, monkeypatch):
    monkeypatch.setattr(disk_watch, "DISK_STALL_S", 1.0)
    top = make_model(tmp_path / "src", "model", sizes={"weights.bin": 2 * MiB})
    make_torrent(top, tmp_path / "m.torrent")
    events: queue.Queue = queue.Queue()
    eng = TorrentEngine(LOOPBACK, ResumeStore(tmp_path / "resume"), tmp_path / "parts", events.put)
    eng.start()
    try:
        with small_disk(tmp_path / "disk", 3 * 1024) as disk:
            job_id = eng.add(AddRequest(parse_torrent_file(tmp_path / "m.torrent"), str(disk))).result(10)
            # No peer, 3 MiB free for 2 MiB: a wait for peers, not a full disk.
            deadline = time.monotonic() + 3.5
            while time.monotonic() < deadline:
                with contextlib.suppress(queue.Empty):
                    e = events.get(timeout=0.2)
                    assert not (isinstance(e, ev.JobFailed) and e.job_id == job_id), e
            with open(disk / "filler", "wb") as f, contextlib.suppress(OSError):
                f.write(b"\0" * (3 * MiB))  # someone else fills the disk
            failed = wait_for(events, lambda e: isinstance(e, ev.JobFailed) and e.job_id == job_id, timeout=15)
            assert failed.exit_code == 4
            assert "2.0 MiB still to write" in str(failed.reason) and str(disk) in str(failed.reason), failed.reason
            eng.remove(job_id, delete_files=False).result(10)
    finally:
        eng.stop()
