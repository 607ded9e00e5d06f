"""Torrents that stall on a full disk fail with a message that says so. Engine thread only.

libtorrent reports most failed writes (file_error_alert), but a write into a full disk through its
mmap storage can block instead, and the job then sits at 0 B/s in the app with no word. A downloading
job whose done bytes have not moved for DISK_STALL_S while its folder has less free space than it
still has to write fails as a full disk (exit 4); resuming it re-checks the files on disk.
"""

from __future__ import annotations

from collections.abc import Callable

from modeldesk.core.disk_space import full_disk_stall
from modeldesk.core.models import JobState

DISK_STALL_S = 30.0


class DiskWatch:
    def __init__(self) -> None:
        self._since: dict[str, tuple[int, float]] = {}  # job id -> (done bytes, when they last moved)

    def tick(self, job, now: float, fail: Callable) -> None:
        snap = job.last_snapshot
        if (snap is None or job.finished or job.failed or not job.has_metadata
                or snap.state is not JobState.DOWNLOADING):
            self._since.pop(job.job_id, None)
            return
        seen = self._since.get(job.job_id)
        if seen is None or seen[0] != snap.total_done:
            self._since[job.job_id] = (snap.total_done, now)
            return
        if now - seen[1] < DISK_STALL_S:
            return
        err = full_disk_stall(snap.name, job.request.save_path, snap.total_wanted, snap.total_done)
        if err is None:
            self._since[job.job_id] = (snap.total_done, now)  # quiet peers: look again a stall later
            return
        self._since.pop(job.job_id, None)
        fail(job, err, write_failed=True)  # a write may have half landed: the next run checks the disk
