"""Torrents that stall on a full disk fail with a message that says so. Engine thread only.

libtorrent reports most failed writes (file_error_alert), but a write into a full disk through its
mmap storage can block instead, and the job then sits at 0 B/s in the app with no word. A downloading
job whose done bytes have not moved for DISK_STALL_S while its folder has less free space than it
still has to write fails as a full disk (exit 4); resuming it re-checks the files on disk.
"""

from __future__ import annotations

from collections.abc import Callable

from modeldesk.core.placement.disk_space import full_disk_stall
from modeldesk.core.contracts.models import JobState

DISK_STALL_S = 30.0


def tick(job, now: float, fail: Callable) -> None:
    snap = job.last_snapshot
    if (snap is None or job.finished or job.failed or not job.has_metadata
            or snap.state is not JobState.DOWNLOADING):
        job.done_since = None
        return
    if job.done_since is None or job.done_since[0] != snap.total_done:
        job.done_since = (snap.total_done, now)
        return
    if now - job.done_since[1] < DISK_STALL_S:
        return
    err = full_disk_stall(snap.name, job.request.save_path, snap.total_wanted, snap.total_done)
    if err is None:
        job.done_since = (snap.total_done, now)  # quiet peers: look again a stall later
        return
    job.done_since = None
    fail(job, err, write_failed=True)  # a write may have half landed: the next run checks the disk
