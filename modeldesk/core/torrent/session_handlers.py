"""Session-level alert handlers of TorrentEngine (engine thread only): resume data saved and torrents
re-added from it (ResumeSaver), the listening port, DHT node counts and the peers we served
(SessionAlerts). Each registers with the engine's dispatcher; what it needs of the engine is given."""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from typing import Any

import libtorrent as lt

from modeldesk.core.base.constants import RESUME_SAVE_ACTIVE_S, RESUME_SAVE_BYTES_PER_S, RESUME_SAVE_IDLE_S
from modeldesk.core.base.errors import DiskError
from modeldesk.core.base.messages import N_
from modeldesk.core.contracts import events as ev
from modeldesk.core.torrent import rewant
from modeldesk.core.torrent.inspect import served_by
from modeldesk.core.torrent.job import Fail, TorrentJob
from modeldesk.core.torrent.loop_guard import LoopGuard
from modeldesk.core.torrent.resume_store import ResumeStore
from modeldesk.core.torrent.sources import job_id_of

log = logging.getLogger(__name__)

SAVE_FLAGS = lt.torrent_handle.save_info_dict | lt.torrent_handle.only_if_modified
On = Callable[[str, Callable[[Any], None]], None]


class ResumeSaver:
    def __init__(self, jobs: dict[str, TorrentJob], store: ResumeStore, session: Callable[[], Any],
                 dht: Callable[[], bool], stopping: threading.Event, fail: Fail) -> None:
        self._jobs, self._store, self._session, self._dht = jobs, store, session, dht
        self._stopping, self._fail = stopping, fail
        self.saving: set[str] = set()  # jobs whose resume data was asked for at shutdown

    def register(self, on: On) -> None:
        on("save_resume_data_alert", self._on_resume_data)
        on("save_resume_data_failed_alert", self._on_resume_failed)

    def save(self, job: TorrentJob, now: float) -> None:
        job.last_resume_save = now
        job.handle.save_resume_data(SAVE_FLAGS)

    @staticmethod
    def due(job: TorrentJob, downloading: bool, now: float) -> bool:
        """Time to refresh the job's resume data: every second while it downloads, or as often as its
        size allows (RESUME_SAVE_BYTES_PER_S), and at least every minute otherwise."""
        since = now - job.last_resume_save
        if downloading:
            every = min(RESUME_SAVE_IDLE_S, max(RESUME_SAVE_ACTIVE_S, job.resume_size / RESUME_SAVE_BYTES_PER_S))
            return since >= 0.9 * every  # status ticks are ~1 s apart; a strict >= would skip every other tick
        return since >= RESUME_SAVE_IDLE_S

    def save_if_modified(self, job: TorrentJob, now: float) -> None:
        if job.handle is not None and job.handle.need_save_resume_data():
            self.save(job, now)

    def save_all(self) -> int:
        """At shutdown: ask for every job's resume data; how many were asked for."""
        for job in self._jobs.values():
            if job.handle is not None and job.handle.is_valid():
                self.saving.add(job.job_id)
                job.handle.save_resume_data(lt.torrent_handle.save_info_dict)
        return len(self.saving)

    def _on_resume_data(self, alert) -> None:
        job_id = job_id_of(alert.handle.info_hashes())
        self.saving.discard(job_id)
        job = self._jobs.get(job_id)
        if job is None or job.distrust_disk:
            return
        data = lt.write_resume_data_buf(alert.params)
        job.resume_size = len(data)
        # A finished job's files were synced before it was called finished (finishing.py).
        self._store.save_async(job_id, data, job.disk_files() if job.has_metadata and not job.finished else ())
        if job.readd and not self._stopping.is_set():
            self._readd(job, alert.params)

    def _readd(self, job: TorrentJob, params) -> None:
        try:
            rewant.readd(self._session(), job, params, self._dht())
        except RuntimeError as exc:
            self._fail(job, DiskError(N_("{name} could not restart: {exc}"), name=job.request.source.name, exc=exc))

    def _on_resume_failed(self, alert) -> None:
        with contextlib.suppress(RuntimeError):  # the handle may be gone
            self.saving.discard(job_id_of(alert.handle.info_hashes()))
        if "not modified" not in alert.message():  # only_if_modified skips are expected
            log.warning("saving resume data failed: %s", alert.message())


class SessionAlerts:
    def __init__(self, jobs: dict[str, TorrentJob], emit: Callable[[ev.Event], None], guard: LoopGuard) -> None:
        self._jobs, self._emit, self._guard = jobs, emit, guard
        self._dht_nodes = -1

    def register(self, on: On) -> None:
        on("listen_succeeded_alert", self._on_listening)
        on("session_stats_alert", self._on_session_stats)

    def _on_listening(self, alert) -> None:
        if alert.socket_type == lt.socket_type_t.tcp:
            self._emit(ev.Listening(str(alert.address), int(alert.port)))

    def _on_session_stats(self, alert) -> None:
        nodes = int(alert.values.get("dht.dht_nodes", 0))
        if nodes != self._dht_nodes:
            self._dht_nodes = nodes
            self._emit(ev.SessionStats(dht_nodes=nodes))

    def scan_peers(self, every: bool) -> None:
        """Peer lists of jobs that uploaded since the last look, for the thanks board."""
        served: list = []
        self._guard.each_job(self._jobs.values(), lambda job: served.extend(served_by(job, every)))
        if served:
            self._emit(ev.PeersServed(tuple(served)))
