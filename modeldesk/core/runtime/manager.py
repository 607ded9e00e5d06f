"""One facade over the engines and the library: commands in, events out.

Each job belongs to one engine (contracts.jobs.JobEngine): the torrent engine (added through
TorrentJobs), the HTTP jobs, or, for a job no engine runs in this process, StoredJobs. The manager keeps
the job → engine map and passes commands on; it never asks what kind a job is. Engine events are recorded
on the library's writer thread (library/writer.py), then handed to the subscriber (the CLI's queue, or
the GUI bridge): subscribers never see an event before the library reflects it. One process owns a
library (library/owner.py) for as long as its engines run.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any

from modeldesk.core.base.errors import BadInputError, ModelDeskError
from modeldesk.core.base.messages import N_
from modeldesk.core.config.paths import AppPaths
from modeldesk.core.config.proxy import Proxy
from modeldesk.core.config.secrets import load_proxy, set_proxy_password
from modeldesk.core.config.settings import Settings, TorrentSettings
from modeldesk.core.contracts import events as ev
from modeldesk.core.contracts.jobs import JobEngine, failed, then
from modeldesk.core.contracts.model_kinds import ModelKind
from modeldesk.core.contracts.models import JobKind, JobState
from modeldesk.core.http.engine import HttpEngine
from modeldesk.core.library.owner import LibraryLock
from modeldesk.core.library.recorder import Recorder
from modeldesk.core.library.reuse import Reuse
from modeldesk.core.library.writer import LibraryWriter
from modeldesk.core.placement.placing import LinkMode, parse_link_mode
from modeldesk.core.projects.projects import ensure_project_dir
from modeldesk.core.runtime.http_jobs import HttpJobs
from modeldesk.core.runtime.hub_swarm import HubRouting
from modeldesk.core.runtime.shared_limit import SharedDownloadLimit
from modeldesk.core.runtime.stored_jobs import StoredJobs
from modeldesk.core.runtime.torrent_jobs import TorrentJobs, heirs_of
from modeldesk.core.sources.adds import HttpAdd, HubAdd, TorrentAdd, restore_add
from modeldesk.core.torrent.lazy import LazyTorrents
from modeldesk.core.torrent.resume_store import ResumeStore
from modeldesk.core.torrent.sources import TorrentSource

if TYPE_CHECKING:
    from modeldesk.core.torrent.engine import TorrentEngine

log = logging.getLogger(__name__)

Sink = Callable[[ev.Event], None]


class Manager:
    def __init__(self, paths: AppPaths, settings: Settings, sink: Sink, owner: str = "ModelDesk",
                 lock: LibraryLock | None = None):
        self._paths = paths.ensure()
        self._settings = settings
        self._sink = sink
        self._owner = owner  # who holds the library, for another process's message
        self._lock = lock or LibraryLock(paths.library_lock)  # given: taken already, before slow work
        self._writer = LibraryWriter(paths.library_db)
        self._in_library = self._writer.run
        self._resume = ResumeStore(paths.resume_dir)
        reuse = Reuse(self._in_library, self._link_mode, self._on_event)
        self._http = HttpJobs(HttpEngine(self._on_event, lambda: self._proxy, reuse), self._in_library,
                              lambda: self._settings.http, lambda: self._proxy)
        # Made when a torrent first needs it (a URL or hub download never imports libtorrent).
        self._torrents = LazyTorrents(self._torrent_engine, settings.torrent)
        self._torrent_jobs = TorrentJobs(self._torrents, self._resume, self._in_library, self._on_event,
                                         self._link_mode, lambda: self._settings,
                                         lambda job_id: self._engines.get(job_id) is self._torrents)
        self._hubs = HubRouting(self._torrents, self._in_library, self._http.pin, lambda job: job in self._engines)
        self._stored = StoredJobs(self._in_library, self._on_event, self.add)
        self._engines: dict[str, JobEngine] = {}  # jobs this process runs → what runs them
        self._recorder = Recorder(paths.library_db, lambda: list(self._engines))
        self._shared = SharedDownloadLimit(self._torrents.set_download_limit, self._http.engine.set_rate_limit)
        self._proxy = Proxy()  # the proxy in force, with its password once start() has read it

    # ---- lifecycle ---------------------------------------------------------------------
    def start(self, torrents_when_needed: bool = False) -> None:
        """Open the library and start the engines. The desktop app listens for peers from the start
        (it seeds); a command line run opens the torrent session only when a torrent needs it."""
        self._lock.acquire(self._owner)  # LibraryBusyError: another process runs this library
        try:
            self._writer.open()
            self._proxy = load_proxy(self._settings.proxy)  # a keyring read: start() runs off the GUI thread
            self._torrents.start(self._proxy, now=not torrents_when_needed)
        except BaseException:
            self._lock.release()
            raise
        self._shared.set_limit(self._settings.torrent.rate_limits()[0])

    def stop(self, timeout: float) -> bool:
        self._stored.stop()
        ok = self._http.stop(timeout / 2)
        ok = self._torrents.stop(timeout / 2) and ok
        self._resume.close()
        self._writer.close()
        self._lock.release()
        return ok

    def _torrent_engine(self, settings: TorrentSettings) -> TorrentEngine:
        from modeldesk.core.torrent.engine import TorrentEngine

        # Torrents with web seeds fetch from them with the HTTP engine (hybrid jobs).
        return TorrentEngine(settings, self._resume, self._paths.parts_dir, self._on_event,
                             feeds=self._http.piece_feed, hub_files=self._http.hub_files)

    def _link_mode(self) -> LinkMode:
        try:
            return parse_link_mode(self._settings.link_mode)
        except BadInputError:
            return LinkMode.AUTO

    # ---- adds --------------------------------------------------------------------------
    def add(self, add: TorrentAdd | HttpAdd | HubAdd) -> Future:
        """Record the job and start it; the future gives the job id or a ModelDeskError. A hub repo is
        pinned and listed first (network: call off the GUI thread)."""
        if isinstance(add, HubAdd):
            add = self._hubs.as_torrent(add) or add  # a repo a swarm already has, as that torrent
        starts: dict[ModelKind, tuple[Callable[[Any], Future], JobEngine]] = {
            ModelKind.TORRENT: (self._torrent_jobs.add, self._torrents),
            ModelKind.HUB_REPO: (self._http.add_hub, self._http),
            ModelKind.URL_FILE: (self._http.add_http, self._http),
        }
        start, engine = starts[add.model_kind]

        def runs_here(job_id: str) -> str:
            self._engines[job_id] = engine
            return job_id
        return then(start(add), runs_here)

    def ask_swarms(self, adds: list) -> None:
        """Ask every swarm these hub adds' locks name, now (`sync`): they wait together, not in turn."""
        self._hubs.ask_swarms(adds)

    # ---- the job interface -------------------------------------------------------------
    def _engine(self, job_id: str) -> JobEngine:
        return self._engines.get(job_id, self._stored)

    def pause(self, job_id: str) -> Future:
        """The library remembers the user's pause: a restart leaves the job paused, as qBittorrent does
        (a job that was running when the app closed, or whose process was killed, starts again)."""
        return then(self._engine(job_id).pause(job_id), lambda result: self._user_paused(job_id, True, result))

    def resume(self, job_id: str) -> Future:
        return then(self._engine(job_id).resume(job_id), lambda result: self._user_paused(job_id, False, result))

    def _user_paused(self, job_id: str, paused: bool, result: object) -> object:
        self._in_library(lambda lib: lib.update_options(job_id, user_paused=paused))
        return result

    def remove(self, job_id: str, delete_files: bool = False) -> Future:
        """Stop a job and forget it; with delete_files, its files (finished or not) go too. A torrent
        placed in other folders as well is handed on instead of forgotten: the first placement still
        there becomes its folder, seeded from there, and the other placements stay recorded. Blocks
        on the library: call off the GUI thread."""
        entry, torrent = self._in_library(lambda lib: (lib.get(job_id), lib.torrent_bytes(job_id))).result()
        heirs = heirs_of(entry, torrent)
        if entry is None or torrent is None or not heirs:
            return self._engine(job_id).remove(job_id, delete_files)
        return self._torrent_jobs.hand_on(entry, torrent, heirs, delete_files, self._engine(job_id), self.add)

    def details(self, job_id: str) -> Future:
        """JobDetails of a job: live from its engine, else the file list the library keeps."""
        return self._engine(job_id).details(job_id)

    def set_file_priorities(self, job_id: str, priorities: dict[int, int]) -> Future:
        """Live: {file index: priority} (core.details SKIP … HIGH). For a hub repo any priority above
        SKIP means "download it" (its files come in listing order)."""
        return self._engine(job_id).set_file_priorities(job_id, priorities)

    def recheck(self, job_id: str) -> Future:
        """Hash what is on disk again; what fails is fetched again."""
        return self._engine(job_id).recheck(job_id)

    def set_limits(self, job_id: str, down: int, up: int) -> Future:
        """This job's own limits in bytes/s (0 = none), live and kept for the next start."""
        if down < 0 or up < 0:
            return failed(BadInputError(N_("A speed limit cannot be negative.")))
        fut = self._engine(job_id).set_limits(job_id, down, up)
        return then(fut, lambda _r: self._in_library(lambda lib: lib.update_options(job_id, limits=[down, up])))

    def move(self, job_id: str, new_dir: str) -> Future:
        """Move a job's files (finished or not) to another project folder; it goes on from there."""
        try:
            project = str(ensure_project_dir(new_dir))
        except ModelDeskError as exc:
            return failed(exc)
        return self._engine(job_id).move(job_id, project)

    def fetch_metadata(self, src: TorrentSource) -> Future:
        """The magnet with its file list once a peer sends it (the add dialog; nothing is downloaded)."""
        return self._torrent_jobs.fetch_metadata(src)

    def cancel_metadata(self, job_id: str) -> Future:
        return self._torrents.cancel_metadata(job_id)

    @property
    def paths(self) -> AppPaths:
        return self._paths

    def is_running(self, job_id: str) -> bool:
        """The job runs in this process (downloading, seeding or paused), not only in the library."""
        return job_id in self._engines

    @property
    def proxy(self) -> Proxy:
        """The proxy in force: HTTP sessions opened from now on go through it."""
        return self._proxy

    def apply_settings(self, settings: Settings, proxy_password: str | None = None) -> Future:
        """Torrent settings apply at once, HTTP settings to jobs (and the proxy to connections) from now on.
        A new proxy password goes to the keyring (a refusal is raised after everything else applied);
        the keyring is read only when the proxy changed without one. Call off the GUI thread."""
        self._settings = settings
        refused = None
        if proxy_password is not None and settings.proxy.username:
            try:
                set_proxy_password(settings.proxy, proxy_password)
            except ModelDeskError as exc:
                refused = exc
            self._proxy = Proxy(settings.proxy, proxy_password)
        elif settings.proxy != self._proxy.settings:
            self._proxy = load_proxy(settings.proxy)
        applied = self._torrents.apply_settings(settings.torrent, self._proxy)
        self._shared.set_limit(settings.torrent.rate_limits()[0])  # one limit for BitTorrent and HTTP together
        if refused:
            raise refused
        return applied

    def entry(self, job_id: str) -> Future:
        """One library entry (LibraryEntry or None), read on the writer thread."""
        return self._in_library(lambda lib: lib.get(job_id))

    def entries(self) -> Future:
        """Every library entry (list[LibraryEntry]), read on the writer thread."""
        return self._in_library(lambda lib: lib.entries())

    def restore(self) -> list[tuple[str, Exception]]:
        """Start again every library job that was running when the app last closed (not those the user
        paused). Blocking (hub listings go over the network): call it off the GUI thread. Returns failures."""
        failures = []
        entries = self._in_library(lambda lib: [(e, lib.torrent_bytes(e.job_id)) for e in lib.entries()]).result()
        for entry, torrent in entries:
            if (entry.state is JobState.ERROR or entry.options.get("user_paused")
                    or (entry.state is JobState.FINISHED and entry.kind is JobKind.HTTP)):
                continue  # failed, paused by the user (resuming it adds it), or nothing left to do
            try:
                self.add(restore_add(entry, torrent)).result()
            except Exception as exc:  # one bad entry must not stop the others
                log.warning("could not restore %s: %s", entry.name, exc)
                failures.append((entry.name, exc))
        return failures

    # ---- events ------------------------------------------------------------------------
    def _on_event(self, event: ev.Event) -> None:
        """Called on an engine thread; recording and delivery happen on the writer thread."""
        if isinstance(event, ev.JobsUpdated):  # re-balances BitTorrent's and HTTP's shares of the limit
            self._shared.observe(event.snapshots)
        try:
            self._writer.submit(self._record_and_deliver, event)
        except RuntimeError:  # writer already shut down (late event at exit)
            self._sink(event)

    def _record_and_deliver(self, event: ev.Event) -> None:
        if self._writer.library is not None:
            event = self._recorder.record(self._writer.library, event)
        try:
            event = self._follow(event)
        except Exception:  # a bug of ours must not swallow the event: a waiting CLI would wait for ever
            log.exception("following %s failed", type(event).__name__)
        self._sink(event)

    def _follow(self, event: ev.Event) -> ev.Event:
        """What the manager itself keeps from the event stream: which jobs run here, and manifests. A hub
        job's finish comes back with what went wrong placing it into the hub cache."""
        match event:
            case ev.JobFinished(job_id=job_id):
                checked, notice = self._http.finished(job_id)
                if notice is not None:
                    event = dataclasses.replace(event, notice=notice)
                if self._writer.library is not None:  # placed into other projects instead of fetched again
                    index = self._writer.library.blobs
                    for path, sha in checked:
                        try:
                            index.remember(path, sha, ours=True)  # fetched and checked here
                        except OSError:
                            pass  # gone already: nothing to place from
            case ev.JobRemoved(job_id=job_id):
                self._engines.pop(job_id, None)
                self._http.forget(job_id)
            case _:
                pass
        return event

