"""File lists of magnets for the add dialog, before the user commits (engine thread only).

A magnet is added to the session in upload mode with every file unwanted, only to get its
metadata from peers; nothing is written. When the metadata arrives the waiting futures get the
torrent (the info dict, bencoded) and the preview is removed. A preview also ends when the user
adds the same torrent for real (the job takes over), cancels, or it times out.
"""

from __future__ import annotations

import logging
import time
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import libtorrent as lt

from modeldesk.core.base.errors import BadSourceError, ModelDeskError
from modeldesk.core.base.messages import N_
from modeldesk.core.torrent.sources import job_id_of

log = logging.getLogger(__name__)

PREVIEW_TIMEOUT_S = 600.0


@dataclass
class _Preview:
    handle: Any  # lt.torrent_handle
    deadline: float
    waiting: list[Future] = field(default_factory=list)


class MetadataPreviews:
    def __init__(self, parts_dir: Path, session, clock=time.monotonic):
        self._dir = Path(parts_dir) / "previews"
        self._session = session  # () -> the libtorrent session (the engine makes it on its thread)
        self._clock = clock
        self._pending: dict[str, _Preview] = {}

    def register(self, dispatcher) -> None:
        dispatcher.register("metadata_received_alert", self._on_metadata)

    def start(self, magnet: str, flags: int, done: Future) -> None:
        ses = self._session()
        try:
            atp = lt.parse_magnet_uri(magnet)
        except RuntimeError as exc:
            raise BadSourceError(N_("Not a usable magnet link: {exc}"), exc=exc) from None
        job_id = job_id_of(atp.info_hashes)
        if job_id in self._pending:
            self._pending[job_id].waiting.append(done)
            return
        if ses.find_torrent(atp.info_hashes.get_best()).is_valid():
            raise BadSourceError(N_("This torrent is already in the list."))
        self._dir.mkdir(parents=True, exist_ok=True)
        atp.save_path = str(self._dir)
        atp.flags |= flags | lt.torrent_flags.upload_mode | lt.torrent_flags.default_dont_download
        atp.flags &= ~(lt.torrent_flags.paused | lt.torrent_flags.auto_managed)
        handle = ses.add_torrent(atp)
        self._pending[job_id] = _Preview(handle, self._clock() + PREVIEW_TIMEOUT_S, [done])

    def _on_metadata(self, alert) -> None:
        try:
            job_id = job_id_of(alert.handle.info_hashes())
        except RuntimeError:
            return
        preview = self._pending.get(job_id)
        if preview is None or preview.handle != alert.handle:
            return  # a real job's metadata: the engine's own handler deals with it
        ti = alert.handle.torrent_file()
        torrent = b"d4:info" + bytes(ti.info_section()) + b"e"
        for fut in preview.waiting:
            if not fut.done():
                fut.set_result(torrent)
        preview.waiting.clear()
        self.drop(job_id)

    def drop(self, job_id: str, why: str = "") -> None:
        """End a preview (the torrent is being added for real, or the dialog is gone)."""
        preview = self._pending.pop(job_id, None)
        if preview is None:
            return
        self._session().remove_torrent(preview.handle)
        for fut in preview.waiting:
            if not fut.done():
                fut.set_exception(ModelDeskError(why or N_("The file list was no longer wanted.")))

    def expire(self) -> None:
        now = self._clock()
        for job_id in [j for j, p in self._pending.items() if now >= p.deadline]:
            self.drop(job_id, N_("No peer sent the file list in time; add the magnet and choose files later."))

    def drop_all(self) -> None:
        for job_id in list(self._pending):
            self.drop(job_id, N_("ModelDesk is closing."))
