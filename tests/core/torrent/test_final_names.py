"""A complete file gets its final name only after its bytes reach the disk, and a failed job is
retried only after the writes queued before its failure are done.

libtorrent hashes a piece from its store buffer before the write, so "every piece passed" can come
before a write fails on a full disk (seen under load in tests/integration/test_bad_input.py). The
handle here records calls and stands in for libtorrent only to put a write failure between the
flush request and its alert, an order a real disk gives only by chance."""

from __future__ import annotations

from types import SimpleNamespace

import libtorrent as lt

from modeldesk.core.base.errors import DiskError
from modeldesk.core.contracts.models import FileEntry
from modeldesk.core.contracts.source_kind import SourceKind
from modeldesk.core.torrent.finishing import Finishing
from modeldesk.core.torrent.job import AddRequest, TorrentJob
from modeldesk.core.torrent.sources import TorrentSource


JOB_ID = "ab" * 20


class RecordingHandle:
    def __init__(self, progress: list[int]) -> None:
        self.progress = progress
        self.calls: list[tuple] = []

    def file_progress(self, flags=0) -> list[int]:
        return self.progress

    def info_hashes(self):
        return lt.info_hash_t(lt.sha1_hash(bytes.fromhex(JOB_ID)))

    def status(self):
        return SimpleNamespace(state=lt.torrent_status.states.downloading)

    def flush_cache(self) -> None:
        self.calls.append(("flush",))

    def rename_file(self, index: int, name: str) -> None:
        self.calls.append(("rename", index, name))

    def __getattr__(self, name):  # pause, resume, clear_error, force_recheck, unset_flags, ...
        return lambda *a, **k: self.calls.append((name,))


class Host:
    """What the engine gives Finishing: its jobs, a _fail that fails a job once, and an event list."""

    def __init__(self, job: TorrentJob) -> None:
        self.job, self.events, self.failed = job, [], []
        self.finishing = Finishing({job.job_id: job}, self._fail, lambda job, now: None, self.events.append,
                                   lambda: 0.0, lambda fn, *a: fn(*a), None)

    def _fail(self, job, error, write_failed=False) -> None:  # as TorrentEngine._fail: once
        if job.failed:
            return
        job.failed, job.distrust_disk = True, job.distrust_disk or write_failed
        self.failed.append(error)


def _job(sizes: list[int], done: list[int]) -> tuple[Host, RecordingHandle]:
    src = TorrentSource(JOB_ID, "model", SourceKind.MAGNET, "magnet:?xt=urn:btih:" + JOB_ID)
    handle = RecordingHandle(done)
    job = TorrentJob(JOB_ID, AddRequest(src, "/nowhere"), handle=handle,
                     files=tuple(FileEntry(i, f"model/f{i}", n) for i, n in enumerate(sizes)), wanted_bytes=sum(sizes))
    job.incomplete = set(range(len(sizes)))
    return Host(job), handle




def test_a_complete_file_is_renamed_only_after_the_flush():
    host, handle = _job([10, 20], [10, 5])
    host.finishing._on_file_completed(SimpleNamespace(handle=handle))
    assert handle.calls == [("flush",)], "no final name before the bytes are on disk"
    handle.progress[1] = 20
    # completes while the flush is under way: waits for the next one
    host.finishing._on_file_completed(SimpleNamespace(handle=handle))
    assert handle.calls == [("flush",)]
    host.finishing._on_cache_flushed(SimpleNamespace(handle=handle))
    assert handle.calls[1:] == [("rename", 0, "model/f0"), ("flush",)]
    host.finishing._on_cache_flushed(SimpleNamespace(handle=handle))
    assert handle.calls[3:] == [("rename", 1, "model/f1")]


def test_a_write_that_fails_before_the_flush_keeps_the_incomplete_name():
    host, handle = _job([10], [10])
    host.finishing._on_file_completed(SimpleNamespace(handle=handle))
    host._fail(host.job, DiskError("No space left on device"), write_failed=True)  # file_error_alert
    host.finishing._on_cache_flushed(SimpleNamespace(handle=handle))
    assert not [c for c in handle.calls if c[0] == "rename"]
    assert host.job.flushing is None and host.job.incomplete == {0}
    assert not host.job.finished


def test_resume_after_a_failure_waits_for_the_queued_writes():
    host, handle = _job([10], [4])
    host._fail(host.job, DiskError("No space left on device"), write_failed=True)
    host.finishing.retry_after_flush(host.job)
    assert handle.calls == [("flush",)] and host.job.failed
    host._fail(host.job, DiskError("late write error"), write_failed=True)  # ignored: still failed
    host.finishing._on_cache_flushed(SimpleNamespace(handle=handle))
    assert not host.job.failed and host.job.rechecking, "the retry reads the disk again"
    assert ("force_recheck",) in handle.calls
    assert [str(e) for e in host.failed] == ["No space left on device"]
