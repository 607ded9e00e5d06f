"""Where a running torrent keeps its files and how fast it may go (engine thread only): moving its
storage to another project folder, and its own download and upload limits."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from concurrent.futures import Future

import libtorrent as lt

from modeldesk.core.contracts import events as ev
from modeldesk.core.base.errors import BadInputError, DiskError
from modeldesk.core.base.messages import N_, Message
from modeldesk.core.torrent.job import TorrentJob


def set_limits(job: TorrentJob, down: int, up: int) -> None:
    if down < 0 or up < 0:
        raise BadInputError(N_("A speed limit cannot be negative."))
    job.handle.set_download_limit(down if down > 0 else -1)
    job.handle.set_upload_limit(up if up > 0 else -1)
    job.request = dataclasses.replace(job.request, limits=(down, up))


class StorageMoves:
    """move_storage requests waiting for libtorrent to say they are done. libtorrent moves the files
    on its disk thread; a file of the same name already in the new folder fails the move rather
    than being replaced, so nothing of the user's is overwritten."""

    def __init__(self, emit: Callable[[ev.Event], None]):
        self._emit = emit
        self._pending: dict[str, Future] = {}

    def start(self, job: TorrentJob, dest: str, done: Future) -> None:
        if job.job_id in self._pending:
            raise BadInputError(N_("{name} is already being moved."), name=job.request.source.name)
        if dest == job.request.save_path:
            done.set_result(dest)
            return
        job.check_placement(dest)  # libtorrent would follow a link planted in the new folder
        self._pending[job.job_id] = done
        job.handle.move_storage(dest, lt.move_flags_t.fail_if_exist)

    def moved(self, job: TorrentJob | None, alert) -> None:
        if job is None:
            return
        path = alert.storage_path()
        job.request = dataclasses.replace(job.request, save_path=path)
        self._emit(ev.JobMoved(job.job_id, path))
        done = self._pending.pop(job.job_id, None)
        if done is not None:
            done.set_result(path)

    def failed(self, job: TorrentJob | None, alert) -> None:
        if job is None:
            return
        done = self._pending.pop(job.job_id, None)
        where = f" ({alert.file_path()})" if alert.file_path() else ""
        reason: Message | str = alert.error.message()
        if "exist" in str(reason).lower():
            reason = Message.of(N_("a file of the same name is already there; move or rename it first"))
        error = DiskError(N_("{name} could not be moved{where}: {reason}. Its files stay where they were."),
                          name=job.request.source.name, where=where, reason=reason)
        if done is not None:
            done.set_exception(error)

    def cancel_all(self, why: str) -> None:
        for done in self._pending.values():
            if not done.done():
                done.set_exception(BadInputError(why))
        self._pending.clear()
