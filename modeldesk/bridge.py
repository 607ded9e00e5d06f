"""EngineBridge: core events in, Qt signals out (queued onto the GUI thread); GUI intents in,
core commands out, run on worker threads so the GUI thread never waits on disk or network."""

from __future__ import annotations

import dataclasses
import logging
import os
import shutil
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import assert_never

from PySide6.QtCore import QCoreApplication, QObject, Signal

from modeldesk.core.contracts import events as ev
from modeldesk.core.base.errors import ModelDeskError
from modeldesk.core.sources.intake import Resolved
from modeldesk.core.base.messages import Message, message_of, render
from modeldesk.core.contracts.models import Selection

log = logging.getLogger(__name__)


Preview = Resolved  # what the add dialog shows before the job starts, and adds as it is


def _translate(template: str) -> str:
    # Context "": lupdate files the core's N_() templates there (N_ is an alias of QT_TR_NOOP).
    return QCoreApplication.translate("", template)


def message_text(message: Message | str) -> str:
    """A core message (core/messages.py) in the app's language; text that is no message stays as it is."""
    return render(message, _translate) if isinstance(message, Message) else message


def error_text(exc: BaseException) -> str:
    """An error's sentence in the app's language, with its remedy (ModelDeskError.hint) worded for the app."""
    found = message_of(exc)
    text = render(found, _translate) if found is not None else str(exc)
    if getattr(exc, "hint", "") == "mirror":
        text += " " + QCoreApplication.translate(
            "Errors", "Choose a mirror in the add dialog's Mirror field, or add one in Settings → Mirrors.")
    return text


class Preferences(QObject):
    """The app's current settings; every change is saved atomically on a worker thread, in order."""

    changed = Signal(object)  # Settings

    def __init__(self, settings, path: Path, parent: QObject | None = None):
        super().__init__(parent)
        self._settings = settings
        self._path = path
        self._saver = ThreadPoolExecutor(max_workers=1, thread_name_prefix="settings-save")

    def get(self):
        return self._settings

    def set(self, settings) -> Future:
        from modeldesk.core.config.settings import save_settings

        self._settings = settings
        self.changed.emit(settings)
        return self._saver.submit(save_settings, self._path, settings)

    def update_ui(self, **changes) -> Future:
        s = self._settings
        return self.set(dataclasses.replace(s, ui=dataclasses.replace(s.ui, **changes)))

    def remember_folder(self, folder: str) -> Future:
        s = self._settings
        recent = tuple(dict.fromkeys((folder, *s.recent_project_dirs)))[:10]
        return self.set(dataclasses.replace(s, default_project_dir=folder, recent_project_dirs=recent))

    def flush(self) -> None:
        """Wait for the saves queued so far."""
        self._saver.submit(lambda: None).result()

    def close(self) -> None:
        self._saver.shutdown(wait=True)


class EngineBridge(QObject):
    jobsUpdated = Signal(object)  # tuple[JobSnapshot, ...]
    metadataReceived = Signal(object)  # events.MetadataReceived
    jobFinished = Signal(str)
    jobNotice = Signal(str, str)  # job id, what went wrong beside a finished download (the hub cache)
    jobFailed = Signal(str, str)  # job id, reason
    jobPaused = Signal(str)
    jobRemoved = Signal(str)
    seedingLimitReached = Signal(str, str)
    listening = Signal(str, int)
    entriesLoaded = Signal(object)  # list[LibraryEntry], the whole library
    entryLoaded = Signal(object)  # LibraryEntry of a job just added
    tokenStored = Signal(str)  # the origin (scheme://host[:port]) a token was stored for
    actionFailed = Signal(str, str)  # what the user tried, what happened and what to do
    sourceAdded = Signal(str)  # job id of a job the user added
    previewReady = Signal(int, object)  # request number, Preview or ModelDeskError
    freeSpace = Signal(str, object)  # folder, free bytes or None
    tokensListed = Signal(object)  # [(account, origin, masked token or "")]
    restored = Signal(object)  # [(name, reason)] of saved jobs that could not be restarted
    detailsReady = Signal(object)  # core.details.JobDetails
    jobMoved = Signal(str, str)  # job id, its new project folder
    limitsSet = Signal(str, int, int)  # job id, download and upload bytes/s (0 = none)
    dhtNodes = Signal(int)
    publishProgress = Signal(int, int, int)  # request number, pieces hashed, pieces in all
    publishReady = Signal(int, object)  # request number, core.publish_flow.Published or ModelDeskError
    lockStatus = Signal(str, object)  # project folder, core.lock_status.LockStatus or None (no lock)
    filePlaced = Signal(str, str, str)  # job id, where a file the library held was placed, link mode
    jobNote = Signal(str, str)  # job id, what the user should know of it (which files two hubs serve)
    probeReady = Signal(int, object)  # request number, (what was probed, [ProbeResult]) or ModelDeskError
    serverStatus = Signal(str, str)  # the URL the lab server answers at ("" when off), why it cannot ("" if it can)

    def __init__(self, workers: int = 4, parent: QObject | None = None):
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="bridge")
        self._manager = None
        self._settings = None
        self._ready = threading.Event()  # the manager has started; commands wait for it off the GUI thread
        self._start_error: Exception | None = None
        self._closed = False
        self._server = None  # core.serve.host.ServerHost, made in bind()
        self.server_url = ""
        self.dht_nodes: int | None = None
        from modeldesk.servers_bridge import ServersBridge

        self.servers = ServersBridge(self.actionFailed.emit, error_text, self)  # lab servers the app is attached to

    def bind(self, manager, settings_getter: Callable) -> None:
        """The manager is made with `deliver` as its sink, so it is bound after construction."""
        from modeldesk.core.serve.host import ServerHost
        from modeldesk.resources import resources_dir

        self._manager = manager
        self._settings = settings_getter
        self._server = ServerHost(manager.paths, resources_dir() / "web" / "index.html")

    def start_engine(self, restore: bool = True) -> Future:
        """Open the library and start the engines on a worker, then show the library and restart
        the jobs that were running when the app last closed."""

        def run():
            try:
                self._manager.start()
            except Exception as exc:
                log.exception("engine start failed")
                self._start_error = exc
                self._ready.set()
                self.actionFailed.emit("Start", f"The download engine could not start: {exc}")
                return
            self._ready.set()
            self._server.attach(self._manager, self._settings())
            self._serve(self._settings())
            self.entriesLoaded.emit(self._manager.entries().result())
            if restore:
                failures = self._manager.restore()
                self.restored.emit([(name, error_text(exc)) for name, exc in failures])

        return self._spawn(run)

    def _serve(self, settings) -> None:
        """Settings → Server applied (blocking); serverStatus says where it serves, or why it cannot."""
        try:
            self.server_url, why = self._server.apply(settings), ""
        except ModelDeskError as exc:
            self.server_url, why = self._server.url, error_text(exc)
        self.serverStatus.emit(self.server_url, why)

    def stop_engine(self, timeout: float) -> bool:
        """Blocking: call it from a worker (the app awaits it in an executor)."""
        if self._server is not None:
            self._server.stop()
        self._ready.wait(timeout)
        if self._start_error is not None or not self._ready.is_set():
            return False
        return self._manager.stop(timeout)

    def _wait_ready(self) -> None:
        if not self._ready.wait(60.0):
            raise ModelDeskError("The download engine is still starting; try again in a moment.")
        if self._start_error is not None:
            raise ModelDeskError(f"The download engine could not start: {self._start_error}")

    # ---- core → GUI (called on core threads; Qt queues the signals to the GUI thread) --------
    def deliver(self, event: ev.Event) -> None:
        if self._server is not None:
            self._server.feed(event)  # the lab server's job list (Settings → Server)
        match event:
            case ev.JobsUpdated(snapshots=snaps):
                self.jobsUpdated.emit(snaps)
            case ev.JobAdded(entry=entry):
                if entry is not None:  # None only when the library could not be read
                    self.entryLoaded.emit(entry)
            case ev.MetadataReceived():
                self.metadataReceived.emit(event)
            case ev.JobFinished(job_id=job_id, notice=notice):
                if notice:  # first: the notice replaces the plain "complete" one
                    self.jobNotice.emit(job_id, message_text(notice))
                self.jobFinished.emit(job_id)
            case ev.JobFailed(job_id=job_id, reason=reason):
                self.jobFailed.emit(job_id, message_text(reason))
            case ev.JobPaused(job_id=job_id):
                self.jobPaused.emit(job_id)
            case ev.JobRemoved(job_id=job_id):
                self.jobRemoved.emit(job_id)
            case ev.SeedingLimitReached(job_id=job_id, reason=reason):
                self.seedingLimitReached.emit(job_id, message_text(reason))
            case ev.Listening(address=address, port=port):
                self.listening.emit(address, port)
            case ev.JobMoved(job_id=job_id, project_dir=project_dir):
                self.jobMoved.emit(job_id, project_dir)
            case ev.SessionStats(dht_nodes=nodes):
                self.dht_nodes = nodes  # for a window made after the engine said it
                self.dhtNodes.emit(nodes)
            case ev.FilePlaced(job_id=job_id, path=path, mode=mode):
                self.filePlaced.emit(job_id, path, mode)
            case ev.JobNote(job_id=job_id, message=message):
                self.jobNote.emit(job_id, message_text(message))
            case ev.FilesChecked() | ev.PeersServed() | ev.EngineStopped():
                pass  # the Files tab polls details; the thanks board reads the library; quit waits itself
            case _:
                assert_never(event)

    # ---- GUI → core (never blocks the caller) ---------------------------------------------
    def _spawn(self, run: Callable, *args) -> Future:
        """run(*args) on the bridge's pool. After shutdown nothing runs: a window's timer may still fire
        while the app closes, and gets a cancelled future."""
        try:
            return self._pool.submit(run, *args)
        except RuntimeError:
            cancelled: Future = Future()
            cancelled.cancel()
            return cancelled

    def _submit(self, what: str, fn: Callable, *args, on_result: Callable | None = None) -> Future:
        def run():
            try:
                self._wait_ready()
                result = fn(*args)
                if isinstance(result, Future):
                    result = result.result()
            except ModelDeskError as exc:
                self.actionFailed.emit(what, error_text(exc))
                return None
            except Exception as exc:
                log.exception("%s failed", what)
                self.actionFailed.emit(what, f"Unexpected error: {exc}")
                return None
            if on_result is not None:
                on_result(result)
            return result

        return self._spawn(run)

    def add_source(self, text: str, project_dir: str, selection: Selection = Selection(), seed: bool = True,
                   mirrors: tuple[str, ...] = (), resolved=None, hub_cache: bool = False, urls: tuple[str, ...] = (),
                   sha256: str = "") -> Future:
        """hub_cache: a hub repo also goes into its hub's cache once complete (HF_HUB_CACHE, where
        huggingface_hub finds it; MODELSCOPE_CACHE, where modelscope finds it). urls, sha256: a plain
        file's other URLs and its published sha256."""
        from modeldesk.core.sources.adds import HttpAdd, check_sha256
        from modeldesk.core.config.hf_env import hub_cache_dir
        from modeldesk.core.library.ms_cache import ms_cache_dir
        from modeldesk.core.sources.classify import hub_hosts, hub_of
        from modeldesk.core.sources.intake import build_add

        def add():
            http = self._settings().http
            hub = hub_of(text, hub_hosts(mirrors, http))
            cache = (ms_cache_dir() if hub == "ms" else hub_cache_dir()) if hub_cache else None
            request = build_add(text, project_dir, selection, seed, mirrors, resolved=resolved,
                                proxy=self._manager.proxy,  # engine settings apply
                                hub_cache=str(cache) if cache else None, http=http)
            if isinstance(request, HttpAdd) and (urls or sha256):
                request = dataclasses.replace(request, urls=(*request.urls, *urls),
                                              sha256=check_sha256(sha256) if sha256 else None)
            return self._manager.add(request).result()

        return self._submit(f"Add {text[:80]}", add, on_result=self.sourceAdded.emit)

    def _reply(self, signal, number: int, fn: Callable, failed: str, then: Callable | None = None) -> Future:
        """Run fn on a worker; emit (number, its result or a ModelDeskError) on signal, then call then(result)."""
        def run():
            try:
                result = fn()
            except ModelDeskError as exc:
                result = exc
            except Exception as exc:
                log.exception("%s", failed)
                result = ModelDeskError(f"{failed}: {exc}")
            signal.emit(number, result)
            if then is not None:
                then(result)

        return self._spawn(run)

    def hub_mirrors(self) -> tuple[str, ...]:
        """The mirrors in Settings, offered in the add dialog's mirror field."""
        return self._settings().http.hub_mirrors

    def preview(self, number: int, text: str, mirrors: tuple[str, ...] = (), project_dir: str = "") -> Future:
        def read():
            from modeldesk.core.sources.intake import resolve_source

            return resolve_source(text, mirrors, self._settings().http, self._manager.proxy, project_dir)

        def more(result) -> None:  # a magnet: its file list follows when a peer sends it
            src = result.torrent if isinstance(result, Preview) else None
            if src is not None and not src.has_metadata and src.text.startswith("magnet:"):
                self._fetch_files(number, result)

        return self._reply(self.previewReady, number, read, f"Could not read {text}", then=more)

    def _fetch_files(self, number: int, preview: Preview) -> None:
        """A magnet's file list arrives from peers: preview it a second time, with files."""
        def done(fut: Future) -> None:
            if fut.exception() is not None:
                log.debug("no file list for %s: %s", preview.name, fut.exception())
                return
            src = fut.result()
            self.previewReady.emit(number, Preview(preview.source, preview.kind, src.name, src.files,
                                                   sum(f.size for f in src.files), torrent=src))
        try:
            self._wait_ready()
        except ModelDeskError:
            return
        self._manager.fetch_metadata(preview.torrent).add_done_callback(done)

    def cancel_preview(self, preview: Preview) -> None:
        """The dialog that asked for a magnet's file list is gone or reads another source."""
        if preview.torrent is not None and not preview.torrent.has_metadata and self._ready.is_set():
            self._manager.cancel_metadata(preview.torrent.job_id)

    def publish(self, number: int, source: str, options, out: str = "", seed: bool = True) -> Future:
        """Hash SOURCE (a folder or a finished job) into a .torrent at `out` (default: beside the
        folder), then add it to the library, seeded unless `seed` is off; progress as it hashes."""
        def run():
            from modeldesk.core.publish.publish_flow import default_out, plan_for, publish

            self._wait_ready()
            plan = plan_for(source, options, self._manager.paths)
            done = publish(plan, Path(out) if out else default_out(plan), options,
                           lambda hashed, pieces: self.publishProgress.emit(number, hashed, pieces))
            add = done.seed_add(seed)
            if not self._manager.is_running(add.source.job_id):  # published again: it runs already
                job_id = self._manager.add(add).result()
                self.sourceAdded.emit(job_id)
            return done

        return self._reply(self.publishReady, number, run, "Publishing failed")

    def check_locks(self, folders: list[str]) -> Future:
        """For each folder, whether the project it belongs to matches its modeldesk.lock."""
        def run():
            from modeldesk.core.projects.lock_status import lock_statuses

            self._wait_ready()
            try:
                statuses = lock_statuses([Path(f) for f in folders], self._manager.paths.library_db)
            except Exception:  # a check must never take the panel down; the next one tries again
                log.exception("lock check of %s", folders)
                return
            for folder in folders:
                self.lockStatus.emit(folder, statuses[Path(folder)])

        return self._spawn(run)

    def query_free_space(self, folder: str) -> Future:
        def run():
            path = Path(os.path.expanduser(folder))
            while not path.exists() and path != path.parent:
                path = path.parent
            try:
                free = shutil.disk_usage(path).free
            except OSError:
                free = None
            self.freeSpace.emit(folder, free)

        return self._spawn(run)

    def pause(self, job_id: str) -> Future:
        return self._submit("Pause", self._manager.pause, job_id)

    def resume(self, job_id: str) -> Future:
        return self._submit("Resume", self._manager.resume, job_id)

    def remove(self, job_id: str, delete_files: bool) -> Future:
        return self._submit("Remove", self._manager.remove, job_id, delete_files)

    def request_details(self, job_id: str) -> Future | None:
        """Live details of one job for the details panel; quietly nothing if it is gone."""
        if self._closed:
            return None  # a window outliving the engine keeps polling until it is deleted

        def run():
            if not self._ready.is_set() or self._start_error is not None:
                return
            try:
                details = self._manager.details(job_id).result(10)
            except Exception as exc:  # removed meanwhile, engine stopping: the next poll asks again
                log.debug("details of %s: %s", job_id, exc)
                return
            self.detailsReady.emit(details)

        return self._spawn(run)

    def set_file_priorities(self, job_id: str, priorities: dict[int, int]) -> Future:
        return self._submit("Change files", self._manager.set_file_priorities, job_id, priorities)

    def recheck(self, job_id: str) -> Future:
        return self._submit("Recheck", self._manager.recheck, job_id)

    def set_limits(self, job_id: str, down: int, up: int) -> Future:
        return self._submit("Speed limits", self._manager.set_limits, job_id, down, up,
                            on_result=lambda _r: self.limitsSet.emit(job_id, down, up))

    def move(self, job_id: str, folder: str) -> Future:
        return self._submit("Move", self._manager.move, job_id, folder)

    def probe_mirrors(self, number: int, source: str, http) -> Future:
        """Time every mirror of `http` (HttpSettings, perhaps not saved yet) on a real file of source."""
        from modeldesk.core.sources.mirror_probe import probe_source

        return self._reply(self.probeReady, number, lambda: probe_source(source, (), http, self._manager.proxy),
                           "Could not probe the mirrors")

    def list_tokens(self, hosts: tuple[str, ...]) -> Future:
        from modeldesk.core.config.credentials import mask, scope_of
        from modeldesk.core.config.secrets import get_token

        def run():  # (account, the origin its token goes to, masked token or "")
            return [(h, scope_of(h) or h, mask(t) if (t := get_token(h)) else "") for h in hosts]

        return self._submit("Read tokens", run, on_result=self.tokensListed.emit)

    def store_token(self, host: str, token: str) -> Future:
        """Stores it in the OS keyring; the future gives the normalized host (None on failure)."""
        from modeldesk.core.config.secrets import set_token

        return self._submit("Store token", set_token, host, token, on_result=self.tokenStored.emit)

    def forget_token(self, host: str) -> Future:
        from modeldesk.core.config.secrets import delete_token

        return self._submit("Forget token", delete_token, host)

    def apply_settings(self, settings, proxy_password: str | None = None) -> Future:
        """Apply settings live; a new proxy password (None: unchanged) goes to the keyring; the lab
        server starts, moves or stops as Settings → Server says."""
        if self._ready.is_set() and self._start_error is None:
            self._spawn(lambda: self._serve(settings))
        return self._submit("Apply settings", self._manager.apply_settings, settings, proxy_password)

    def load_entries(self) -> Future:
        return self._submit("Read the library", self._manager.entries, on_result=self.entriesLoaded.emit)

    def shutdown(self) -> None:
        self._closed = True
        self.servers.close()
        self._pool.shutdown(wait=False, cancel_futures=True)
