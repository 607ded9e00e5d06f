"""Session-level alert handlers of TorrentEngine (a mixin; engine thread only): resume data saved
and re-added torrents, the listening port, DHT node counts, and the peers we served."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import libtorrent as lt

from modeldesk.core.contracts import events as ev
from modeldesk.core.base.errors import DiskError, ModelDeskError
from modeldesk.core.base.messages import N_
from modeldesk.core.config.settings import TorrentSettings
from modeldesk.core.torrent import rewant
from modeldesk.core.torrent.inspect import served_by
from modeldesk.core.torrent.job import TorrentJob
from modeldesk.core.torrent.loop_guard import LoopGuard
from modeldesk.core.torrent.resume_store import ResumeStore
from modeldesk.core.torrent.sources import job_id_of

log = logging.getLogger(__name__)

SAVE_FLAGS = lt.torrent_handle.save_info_dict | lt.torrent_handle.only_if_modified


class SessionHandlers:
    if TYPE_CHECKING:  # what the mixin uses of TorrentEngine
        import threading

        _emit: Callable[[ev.Event], None]
        _jobs: dict[str, TorrentJob]
        _saving: set[str]
        _resume: ResumeStore
        _settings: TorrentSettings
        _stop_requested: threading.Event
        _ses: Any
        _dht_nodes: int
        _guard: LoopGuard

        def _fail(self, job: TorrentJob, error: ModelDeskError, write_failed: bool = False) -> None: ...

    def _save_resume(self, job: TorrentJob, now: float) -> None:
        job.last_resume_save = now
        job.handle.save_resume_data(SAVE_FLAGS)

    def _on_resume_data(self, alert) -> None:
        job_id = job_id_of(alert.handle.info_hashes())
        self._saving.discard(job_id)
        job = self._jobs.get(job_id)
        if job is None or job.distrust_disk:
            return
        self._resume.save_async(job_id, lt.write_resume_data_buf(alert.params))
        if job.readd and not self._stop_requested.is_set():
            self._readd(job, alert.params)

    def _readd(self, job: TorrentJob, params) -> None:
        try:
            rewant.readd(self._ses, job, params, self._settings.enable_dht)
        except RuntimeError as exc:
            self._fail(job, DiskError(N_("{name} could not restart: {exc}"), name=job.request.source.name, exc=exc))

    def _on_resume_failed(self, alert) -> None:
        with contextlib.suppress(RuntimeError):  # the handle may be gone
            self._saving.discard(job_id_of(alert.handle.info_hashes()))
        if "not modified" not in alert.message():  # only_if_modified skips are expected
            log.warning("saving resume data failed: %s", alert.message())

    def _on_listening(self, alert) -> None:
        if alert.socket_type == lt.socket_type_t.tcp:
            self._emit(ev.Listening(str(alert.address), int(alert.port)))

    def _on_session_stats(self, alert) -> None:
        nodes = int(alert.values.get("dht.dht_nodes", 0))
        if nodes != self._dht_nodes:
            self._dht_nodes = nodes
            self._emit(ev.SessionStats(dht_nodes=nodes))

    def _scan_peers(self, every: bool) -> None:
        """Peer lists of jobs that uploaded since the last look, for the thanks board."""
        served: list = []
        self._guard.each_job(self._jobs.values(), lambda job: served.extend(served_by(job, every)))
        if served:
            self._emit(ev.PeersServed(tuple(served)))
