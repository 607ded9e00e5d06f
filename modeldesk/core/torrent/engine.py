"""The torrent engine: one thread owns the libtorrent session and every call into it.

Its loop waits for alerts (250 ms), runs queued commands, dispatches alerts to handlers and,
about once a second, asks for status updates that leave as frozen snapshots. Nothing else in the
process touches libtorrent, so the GUI never waits on it.
"""

from __future__ import annotations

import dataclasses
import logging
import queue
import threading
from typing import Any
import time
from concurrent.futures import Future
from pathlib import Path
from collections.abc import Callable

import libtorrent as lt

from modeldesk.core.contracts import events as ev
from modeldesk.core.base.constants import (
    ALERT_WAIT_MS,
    PEER_SCAN_INTERVAL_S,
    RESUME_SAVE_IDLE_S,
    SHUTDOWN_TIMEOUT_S,
    STATUS_INTERVAL_S,
)
from modeldesk.core.base.errors import BadInputError, DiskError, ModelDeskError, UnsafePathError
from modeldesk.core.base.messages import N_
from modeldesk.core.contracts.models import JobState
from modeldesk.core.contracts.piece_layout import FeedFactory
from modeldesk.core.config.proxy import Proxy
from modeldesk.core.config.settings import TorrentSettings
from modeldesk.core.torrent.alerts import AlertDispatcher
from modeldesk.core.torrent.finishing import Finishing
from modeldesk.core.torrent.session_handlers import ResumeSaver, SessionAlerts
from modeldesk.core.torrent.inspect import job_details
from modeldesk.core.torrent.hub_check import HubFiles
from modeldesk.core.torrent.job import AddRequest, TorrentJob, job_of
from modeldesk.core.torrent.loop_guard import LoopGuard
from modeldesk.core.torrent.params import build_add_params, set_metadata_params
from modeldesk.core.torrent import disk_watch, peer_search, placement, rewant, seed_limits
from modeldesk.core.torrent.resume_store import ResumeStore
from modeldesk.core.torrent.previews import MetadataPreviews
from modeldesk.core.torrent.session_config import (
    peer_class_filter,
    proxy_pack,
    settings_pack,
    torrent_flags,
)
from modeldesk.core.torrent.sources import check_info_paths, hub_of_metadata, job_id_of
from modeldesk.core.torrent.wakeup import Wakeup
from modeldesk.core.torrent.web_feed import WebFeeds, take_web_seeds

log = logging.getLogger(__name__)

Emit = Callable[[ev.Event], None]


class TorrentEngine:
    def __init__(
        self,
        settings: TorrentSettings,
        resume_store: ResumeStore,
        parts_dir: Path,
        emit: Emit,
        clock: Callable[[], float] = time.monotonic,
        feeds: FeedFactory | None = None,
        hub_files: HubFiles | None = None,
    ) -> None:
        self._settings = settings
        self._proxy = Proxy()
        self._resume = resume_store
        self._parts_dir = Path(parts_dir)
        self._emit = emit
        self._clock = clock
        self._commands: queue.SimpleQueue = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="torrent-engine", daemon=True)
        self._ready = threading.Event()
        self._stop_requested = threading.Event()
        self._stop_timeout = SHUTDOWN_TIMEOUT_S
        self._start_error: BaseException | None = None
        self._jobs: dict[str, TorrentJob] = {}
        # Magnets start with every file unwanted, so the torrent looks "finished" the moment its
        # metadata arrives and libtorrent would drop its seeds (and not redial them for 60 s).
        # While any magnet waits for metadata, redundant connections stay open.
        self._awaiting_metadata: set[str] = set()
        self._ses: Any = None  # lt.session, made on the engine thread
        self._wakeup = Wakeup()
        self._dispatcher = AlertDispatcher()
        self._moves = placement.StorageMoves(emit)
        self._previews = MetadataPreviews(self._parts_dir, lambda: self._ses)
        self._previews.register(self._dispatcher)
        # Web seeds go to our HTTP engine (feeds) when it is given, else to libtorrent's own client.
        self._feeds = WebFeeds(feeds, self._call, clock)
        self._feeds.register(self._dispatcher)
        self._guard = LoopGuard(self._fail)
        self._saver = ResumeSaver(self._jobs, resume_store, lambda: self._ses, lambda: self._settings.enable_dht,
                                  self._stop_requested, self._fail)
        self._saver.register(self._dispatcher.register)
        # hub_files lists a hub commit, for the check of a torrent that names it
        self._finishing = Finishing(self._jobs, self._fail, self._save_resume, emit, clock, self._call, hub_files)
        self._finishing.register(self._dispatcher.register)
        self._session_alerts = SessionAlerts(self._jobs, emit, self._guard)
        self._session_alerts.register(self._dispatcher.register)
        self._register_handlers()

    # ---- public API: any thread -----------------------------------------------------------
    def start(self, proxy: Proxy | None = None) -> None:
        """Start the session thread; with a proxy, the session never opens a connection without it."""
        self._proxy = proxy or self._proxy
        self._thread.start()
        self._ready.wait()
        if self._start_error is not None:
            raise self._start_error

    def add(self, request: AddRequest) -> Future:
        return self._call(self._add, request)

    def pause(self, job_id: str) -> Future:
        return self._call(lambda: self._job(job_id).handle.pause())

    def resume(self, job_id: str) -> Future:
        return self._call(self._resume_job, job_id)

    def remove(self, job_id: str, delete_files: bool = False) -> Future:
        return self._call(self._remove, job_id, delete_files)

    def apply_settings(self, settings: TorrentSettings, proxy: Proxy | None = None) -> Future:
        return self._call(self._apply_settings, settings, proxy)

    def set_download_limit(self, down: int) -> Future:
        """The session's download limit alone (bytes/s, 0 = none): its share of the overall limit."""
        return self._call(self._set_download_limit, down)

    def _set_download_limit(self, down: int) -> None:
        if self._ses.get_settings()["download_rate_limit"] != down:
            self._ses.apply_settings({"download_rate_limit": down})

    def details(self, job_id: str) -> Future:
        """JobDetails: files with progress and priority, peers, trackers, magnet."""
        return self._call(lambda: self._feeds.details(job_id, job_details(self._job(job_id))))

    def set_file_priorities(self, job_id: str, priorities: dict[int, int]) -> Future:
        """Live: {file index: priority}; 0 stops fetching a file, >0 wants it (again)."""
        return self._call(self._set_file_priorities, job_id, priorities)

    def recheck(self, job_id: str) -> Future:
        """Hash every piece on disk again; what fails is downloaded again."""
        return self._call(lambda: rewant.start_recheck(self._job(job_id)))

    def set_limits(self, job_id: str, down: int, up: int) -> Future:
        """This job's own download and upload limits in bytes/s (0 = none)."""
        return self._call(lambda: placement.set_limits(self._job(job_id), down, up))

    def move(self, job_id: str, dest: str) -> Future:
        """Move the job's files to another folder; the future ends when libtorrent has moved them."""
        return self._call_until(lambda done: self._moves.start(self._job(job_id), dest, done))

    def fetch_metadata(self, magnet: str) -> Future:
        """A magnet's torrent (bencoded info dict) from its peers, for the add dialog; nothing is
        downloaded. Ends when the metadata arrives, the torrent is added for real, or on cancel."""
        return self._call_until(lambda done: self._previews.start(magnet, torrent_flags(self._settings), done))

    def cancel_metadata(self, job_id: str) -> Future:
        return self._call(self._previews.drop, job_id)

    def stop(self, timeout: float = SHUTDOWN_TIMEOUT_S) -> bool:
        """Save resume data for every job and close the session; True if it finished in time."""
        if not self._thread.is_alive():
            return True
        self._stop_timeout = timeout
        self._stop_requested.set()
        self._wakeup.wake()
        self._thread.join(timeout + 2.0)
        return not self._thread.is_alive()

    # ---- engine thread -------------------------------------------------------------------
    def _call_until(self, start) -> Future:
        """A command that an alert finishes later: start(done) runs on the engine thread."""
        done: Future = Future()

        def failed_to_start(f: Future) -> None:
            if f.exception() is not None and not done.done():
                done.set_exception(f.exception())
        self._call(start, done).add_done_callback(failed_to_start)
        return done

    def _call(self, fn, *args) -> Future:
        fut: Future = Future()
        if self._stop_requested.is_set():
            fut.set_exception(ModelDeskError(N_("The engine is shutting down.")))
        else:
            self._commands.put((fn, args, fut))
            self._wakeup.wake()
        return fut

    def _run(self) -> None:
        try:
            pack = settings_pack(self._settings) | proxy_pack(self._proxy)
            self._ses = lt.session(pack)  # type: ignore[call-overload]  # the bindings take a plain dict
            self._ses.set_alert_fd(self._wakeup.write_fd)
            self._set_peer_classes(self._settings)
        except BaseException as exc:
            self._start_error = exc
            self._ready.set()
            return
        self._ready.set()
        next_status = next_peers = next_idle_save = next_redial = 0.0
        guard = self._guard
        while not self._stop_requested.is_set():
            self._wakeup.wait(ALERT_WAIT_MS / 1000)
            self._drain_commands()
            guard.step("alerts", lambda: self._dispatcher.dispatch(self._ses.pop_alerts()))
            guard.step("web feeds", self._feeds.tick, guard.job_failed)
            now = self._clock()
            if now >= next_status:
                guard.step("status", self._post_status)
                guard.each_job(self._jobs.values(), seed_limits.tick, now)
                guard.each_job(self._jobs.values(), disk_watch.tick, now, self._fail)
                next_status = now + STATUS_INTERVAL_S
            if now >= next_peers:
                self._session_alerts.scan_peers(every=True)
                next_peers = now + PEER_SCAN_INTERVAL_S
            if now >= next_redial:
                guard.each_job(self._jobs.values(), peer_search.search_idle)
                next_redial = now + peer_search.REDIAL_S
            if now >= next_idle_save:
                guard.each_job(self._jobs.values(), self._saver.save_if_modified, now)
                next_idle_save = now + RESUME_SAVE_IDLE_S
        self._shutdown()

    def _post_status(self) -> None:
        self._ses.post_torrent_updates()
        self._ses.post_session_stats()
        self._previews.expire()

    def _drain_commands(self) -> None:
        while True:
            try:
                fn, args, fut = self._commands.get_nowait()
            except queue.Empty:
                return
            if not fut.set_running_or_notify_cancel():
                continue
            try:
                fut.set_result(fn(*args))
            except BaseException as exc:
                fut.set_exception(exc)

    def _shutdown(self) -> None:
        deadline = self._clock() + self._stop_timeout
        self._feeds.stop_all()
        self._drain_commands()
        self._moves.cancel_all(N_("ModelDesk quit before the move finished; the files may be in either folder."))
        self._previews.drop_all()
        self._ses.pause()
        saved_total = self._saver.save_all()
        while self._saver.saving and self._clock() < deadline:
            self._wakeup.wait(0.1)
            self._dispatcher.dispatch(self._ses.pop_alerts())
        final = [job.snapshot(job.handle.status()) for job in self._jobs.values() if job.handle.is_valid()]
        if final:
            self._emit(ev.JobsUpdated(tuple(final)))
        timed_out = bool(self._saver.saving)
        if timed_out:
            log.warning("shutdown: resume data not saved in time for %s", sorted(self._saver.saving))
        self._resume.flush()
        self._ses.set_alert_fd(-1)
        self._ses = None
        self._wakeup.close()
        self._emit(ev.EngineStopped(saved=saved_total - len(self._saver.saving), timed_out=timed_out))

    def _job(self, job_id: str) -> TorrentJob:
        try:
            return self._jobs[job_id]
        except KeyError:
            raise BadInputError(N_("No torrent job {job_id}."), job_id=job_id) from None

    def _job_of(self, handle) -> TorrentJob | None:
        return job_of(self._jobs, handle)

    def _save_resume(self, job: TorrentJob, now: float) -> None:
        self._saver.save(job, now)

    # ---- commands ------------------------------------------------------------------------
    def _add(self, request: AddRequest) -> str:
        job_id = request.source.job_id
        if job_id in self._jobs:
            raise BadInputError(N_("{name} is already being downloaded."), name=request.source.name)
        self._previews.drop(job_id, N_("The torrent was added."))  # the job takes over from a dialog's preview
        job = TorrentJob(job_id=job_id, request=request)
        atp = build_add_params(request, self._parts_dir, self._settings)
        web_seeds = tuple(dict.fromkeys(take_web_seeds(atp) + request.web_seeds))
        if not self._feeds.enabled:
            atp.url_seeds = list(web_seeds)
        if atp.ti is not None:
            check_info_paths(lt.bdecode(atp.ti.info_section()), f"The torrent {atp.ti.name()!r}")
            priorities = job.apply_metadata(atp.ti, list(atp.file_priorities) if request.resume_data else None)
            job.check_placement()
            job.check_free_space()
            set_metadata_params(atp, priorities, job.disk_renames(dict(atp.renamed_files)))
        try:
            job.handle = self._ses.add_torrent(atp)
        except RuntimeError as exc:
            raise BadInputError(N_("libtorrent refused {name}: {exc}"), name=request.source.name, exc=exc) from None
        self._jobs[job_id] = job
        self._feeds.track(job, web_seeds)
        if not job.has_metadata:
            self._set_awaiting(job_id, True)
        self._emit(ev.JobAdded(job_id, request.source.name, request.save_path))
        if job.has_metadata:
            self._announce_metadata(job)
        return job_id

    def _resume_job(self, job_id: str) -> None:
        """Resume also retries a job that failed (e.g. after the user freed disk space)."""
        job = self._job(job_id)
        job.limit_reached, job.limit_reason = False, None
        if job.failed:
            self._finishing.retry_after_flush(job)
            return
        job.handle.resume()

    def _remove(self, job_id: str, delete_files: bool) -> None:
        job = self._jobs.pop(job_id, None)
        if job is None:
            return
        flags = lt.session.delete_files if delete_files else 0
        self._feeds.drop(job_id)
        self._ses.remove_torrent(job.handle, flags)
        self._set_awaiting(job_id, False)
        self._resume.delete(job_id)
        self._emit(ev.JobRemoved(job_id))

    def _set_file_priorities(self, job_id: str, priorities: dict[int, int]) -> None:
        job = self._job(job_id)
        job.check_placement()  # the folder may have changed since the torrent was added
        rewant.change_priorities(job, priorities)
        self._save_resume(job, self._clock())
        self._announce_metadata(job)

    def _apply_settings(self, settings: TorrentSettings, proxy: Proxy | None = None) -> None:
        self._settings = settings
        self._proxy = proxy or self._proxy
        pack = settings_pack(settings) | proxy_pack(self._proxy)
        pack["close_redundant_connections"] = not self._awaiting_metadata
        self._ses.apply_settings(pack)
        self._set_peer_classes(settings)

    def _set_awaiting(self, job_id: str, waiting: bool) -> None:
        before = bool(self._awaiting_metadata)
        if waiting:
            self._awaiting_metadata.add(job_id)
        else:
            self._awaiting_metadata.discard(job_id)
        if before != bool(self._awaiting_metadata):
            self._ses.apply_settings({"close_redundant_connections": not self._awaiting_metadata})

    def _set_peer_classes(self, settings: TorrentSettings) -> None:
        f = peer_class_filter(settings)
        if f is not None:
            self._ses.set_peer_class_filter(f)

    # ---- alert handlers ------------------------------------------------------------------
    def _register_handlers(self) -> None:
        on = self._dispatcher.register
        on("metadata_received_alert", self._on_metadata)
        on("state_update_alert", self._on_state_update)
        on("file_prio_alert", self._on_priorities_applied)
        on("fastresume_rejected_alert", lambda a: log.warning("resume data rejected: %s", a.message()))
        on("listen_failed_alert", lambda a: log.warning("listen failed: %s", a.message()))
        on("storage_moved_alert", lambda a: self._moves.moved(self._job_of(a.handle), a))
        on("storage_moved_failed_alert", lambda a: self._moves.failed(self._job_of(a.handle), a))
        on("torrent_paused_alert", self._on_paused)

    def _on_paused(self, alert) -> None:
        job = self._job_of(alert.handle)
        if job is None or not job.limit_reason:
            return
        reason, job.limit_reason = job.limit_reason, None
        self._save_resume(job, self._clock())
        self._emit(ev.SeedingLimitReached(job.job_id, reason))

    def _fail(self, job: TorrentJob, error: ModelDeskError, write_failed: bool = False) -> None:
        if job.failed:
            return
        job.failed = True
        job.distrust_disk = job.distrust_disk or write_failed
        self._set_awaiting(job.job_id, False)
        try:
            job.handle.pause()
            if job.distrust_disk:  # the next run checks the files on disk instead of trusting resume data
                self._resume.delete(job.job_id)
            else:
                self._save_resume(job, self._clock())
        except RuntimeError:
            pass
        self._emit(ev.JobFailed(job.job_id, error.message, error.exit_code))

    def _on_metadata(self, alert) -> None:
        job = self._job_of(alert.handle)
        if job is None:
            return
        ti = alert.handle.torrent_file()
        if (hub := hub_of_metadata(job.request.source, ti.name())) is not None:
            # A published hub model by magnet: named by its repo, its files in the folder itself, and
            # checked against the hub's listing of the commit before their final names, as its .torrent.
            job.request = dataclasses.replace(job.request, source=dataclasses.replace(
                job.request.source, hub=hub, name=hub[0]))
        try:
            check_info_paths(lt.bdecode(ti.info_section()), f"The torrent {ti.name()!r}")
            priorities = job.apply_metadata(ti)
            job.check_placement()
            job.check_free_space()
        except (UnsafePathError, BadInputError, DiskError) as exc:
            # No file was written yet: magnets start with every file at priority 0.
            self._fail(job, exc)
            return
        renames = job.disk_renames({})
        for index, name in renames.items():
            alert.handle.rename_file(index, name)
        alert.handle.prioritize_files(priorities)  # file_prio_alert ends the wait
        self._announce_metadata(job)

    def _on_priorities_applied(self, alert) -> None:
        job = self._job_of(alert.handle)
        if job is not None and job.has_metadata:
            # The torrent wants pieces again; libtorrent may close redundant links from here on.
            self._set_awaiting(job.job_id, False)

    def _announce_metadata(self, job: TorrentJob) -> None:
        total = sum(f.size for f in job.files)
        ti = job.handle.torrent_file()
        torrent = job.request.source.torrent or b"d4:info" + bytes(ti.info_section()) + b"e"
        self._emit(ev.MetadataReceived(job.job_id, job.display_name(ti.name()), job.files, total, job.wanted_bytes,
                                       torrent))

    def _on_state_update(self, alert) -> None:
        now = self._clock()
        snaps: list = []
        for st in alert.status:
            job = self._jobs.get(job_id_of(st.info_hashes))
            if job is not None:
                self._guard.one_job(job, self._job_status, job, st, now, snaps)
        if snaps:
            self._emit(ev.JobsUpdated(tuple(snaps)))
            self._session_alerts.scan_peers(every=False)

    def _job_status(self, job: TorrentJob, st, now: float, snaps: list) -> None:
        if not job.finished and job.has_metadata and st.is_finished:
            self._finishing.maybe_finish(job)
        if self._settings.deal_pieces:
            job.dealer.tick(job.handle, st)
        else:  # turned off while it ran: what it moved goes back to normal
            job.dealer.stop(job.handle)
        snap = self._feeds.adjust(job.snapshot(st))
        snaps.append(snap)
        reason = job.seeding_limit(snap, self._settings.seed_ratio_limit, self._settings.seed_time_limit_minutes)
        if reason is not None:
            seed_limits.reached(job, reason, now)  # paused by seed_limits.tick, once its leechers are served
        elif st.need_save_resume and self._saver.due(job, snap.state is JobState.DOWNLOADING, now):
            self._save_resume(job, now)
