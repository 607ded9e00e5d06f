"""One facade over the engines and the library: commands in, events out.

Engine events are recorded in the library on a writer thread of the manager's own, then handed
to the subscriber (the CLI's queue, or the GUI bridge). Subscribers never see an event before
the library reflects it.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from collections.abc import Callable

from modeldesk.core import events as ev
from modeldesk.core.adds import HttpAdd, HubAdd, TorrentAdd, http_file_name, restore_add
from modeldesk.core.details import JobDetails, files_from_library
from modeldesk.core.library.store import Library
from modeldesk.core.errors import BadInputError, ModelDeskError
from modeldesk.core.http.downloader import FileSpec
from modeldesk.core.http.engine import HttpEngine, HttpJob, file_paths
from modeldesk.core.http.hub_plan import hub_endpoints, plan_hub_job
from modeldesk.core.library.manifest import manifest_path, write_manifest
from modeldesk.core.models import JobKind, JobState, Selection
from modeldesk.core.selection import glob_escape
from modeldesk.core.paths import AppPaths
from modeldesk.core.projects import ensure_project_dir
from modeldesk.core.relocate import move_files
from modeldesk.core import proxy as proxies
from modeldesk.core.secrets import load_credentials, load_proxy, set_proxy_password
from modeldesk.core.settings import Settings
from modeldesk.core.shared_limit import SharedDownloadLimit
from modeldesk.core.torrent.engine import TorrentEngine
from modeldesk.core.torrent.job import AddRequest
from modeldesk.core.torrent.resume_store import ResumeStore
from modeldesk.core.torrent.sources import (
    TorrentSource,
    parse_torrent_bytes,
)

log = logging.getLogger(__name__)

Sink = Callable[[ev.Event], None]


@dataclass
class HubManifest:
    """What a hub job's manifest says when it finishes: every file of the repo is known, the wanted ones
    are written."""

    project: Path
    name: str
    source: dict
    entries: tuple[dict, ...]
    wanted: set[str]

    def write(self) -> None:
        write_manifest(self.project, self.name, self.source, [e for e in self.entries if e["path"] in self.wanted])


class Manager:
    def __init__(self, paths: AppPaths, settings: Settings, sink: Sink):
        self._paths = paths.ensure()
        self._settings = settings
        self._sink = sink
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="library-writer")
        self._control = ThreadPoolExecutor(max_workers=1, thread_name_prefix="http-control")
        # Moves copy whole models across file systems: a thread of their own keeps the other jobs' commands moving.
        self._mover = ThreadPoolExecutor(max_workers=1, thread_name_prefix="file-mover")
        self._library: Library | None = None
        self._resume = ResumeStore(paths.resume_dir)
        self._job_ids: set[str] = set()  # jobs this process runs
        self._manifests: dict[str, HubManifest] = {}  # hub job → what its manifest will say
        self._torrents = TorrentEngine(settings.torrent, self._resume, paths.parts_dir, self._on_event)
        self._http = HttpEngine(self._on_event)
        self._shared = SharedDownloadLimit(self._torrents.set_download_limit, self._http.set_rate_limit)
        self._proxy = proxies.Proxy()  # with its password, once start() has read it

    # ---- lifecycle ---------------------------------------------------------------------
    def start(self) -> None:
        self._writer.submit(self._open_library).result()
        self._proxy = load_proxy(self._settings.proxy)  # a keyring read: start() runs off the GUI thread
        proxies.use(self._proxy)
        self._torrents.start(self._proxy)
        self._shared.set_limit(self._settings.torrent.rate_limits()[0])

    def stop(self, timeout: float) -> bool:
        self._control.shutdown(wait=True, cancel_futures=True)
        self._mover.shutdown(wait=True, cancel_futures=True)  # a move under way ends; none starts
        ok = self._http.stop(timeout / 2)
        ok = self._torrents.stop(timeout / 2) and ok
        self._resume.close()
        self._writer.submit(self._close_library).result()
        self._writer.shutdown(wait=True)
        return ok

    def _open_library(self) -> None:
        self._library = Library(self._paths.library_db)

    def _close_library(self) -> None:
        if self._library is not None:
            self._library.close()
            self._library = None

    # ---- commands ----------------------------------------------------------------------
    def add(self, add: TorrentAdd | HttpAdd | HubAdd) -> Future:
        if isinstance(add, HubAdd):
            return self.add_hub(add)
        return self.add_http(add) if isinstance(add, HttpAdd) else self.add_torrent(add)

    def add_hub(self, add: HubAdd) -> Future:
        """Pins the revision and lists the files (network: call off the GUI thread), then starts."""
        http = self._settings.http
        project = ensure_project_dir(add.project_dir)
        endpoints = hub_endpoints(add.ref, add.mirrors + http.hub_mirrors, http.use_official_hub)
        credentials = load_credentials(http.token_hosts)
        plan = plan_hub_job(add.ref, project, add.selection, endpoints, credentials)
        job_id = add.job_id or plan.job_id
        source = f"hf://{plan.name}@{plan.commit}"
        self._writer.submit(
            self._library.add_job, job_id=job_id, kind=JobKind.HTTP, name=plan.name, source_kind="hf",
            source=source, torrent=None, project_dir=str(project), selection=add.selection,
            options={"mirrors": list(add.mirrors), "connections": add.connections, "limits": list(add.limits)},
        ).result()
        self._job_ids.add(job_id)
        self._manifests[job_id] = HubManifest(project, plan.name, {
            "kind": "hf", "repo": plan.name, "revision": add.ref.revision, "commit": plan.commit,
            "mirrors": list(plan.endpoints)}, plan.manifest_files,
            {str(spec.dest.relative_to(project)) for spec in plan.files})
        job = HttpJob(job_id, plan.name, str(project), plan.files, *self._transfer(add), credentials,
                      down_limit=add.limits[0], skipped=plan.skipped, editable=True)
        return self._http.add(job)

    def add_http(self, add: HttpAdd) -> Future:
        project = ensure_project_dir(add.project_dir)
        name = http_file_name(add.urls[0])
        dest = project / name
        job_id = add.job_id or "url-" + hashlib.sha1(str(dest).encode()).hexdigest()[:24]
        self._writer.submit(
            self._library.add_job, job_id=job_id, kind=JobKind.HTTP, name=name, source_kind="url",
            source=add.urls[0], torrent=None, project_dir=str(project), selection=Selection(),
            options={"urls": list(add.urls), "sha256": add.sha256, "connections": add.connections,
                     "limits": list(add.limits)},
        ).result()
        self._job_ids.add(job_id)
        spec = FileSpec(tuple(add.urls), dest, None, add.sha256)
        credentials = load_credentials(self._settings.http.token_hosts)
        return self._http.add(HttpJob(job_id, name, str(project), (spec,), *self._transfer(add), credentials,
                                      down_limit=add.limits[0]))

    def _transfer(self, add: HttpAdd | HubAdd) -> tuple[int, float]:
        """Connections per mirror and stall timeout: the request's own, else the settings'."""
        http = self._settings.http
        conns = add.connections if add.connections is not None else http.connections
        stall = add.stall_timeout if add.stall_timeout is not None else http.stall_timeout
        return max(1, conns), stall

    def add_torrent(self, add: TorrentAdd) -> Future:
        """Record the job and start it; the future gives the job id or a ModelDeskError."""
        project = ensure_project_dir(add.project_dir)
        src = add.source
        previous, stored = self._writer.submit(
            lambda: (self._library.get(src.job_id), self._library.torrent_bytes(src.job_id))).result()
        same_place = previous is not None and previous.project_dir == str(project)
        resume = self._resume.load(src.job_id) if same_place else None
        if stored and same_place and not src.has_metadata:
            # A magnet we met before: reuse the metadata we stored, so no peer is needed for it.
            src = TorrentSource(src.job_id, src.name, src.kind, src.text, stored, ())
        self._writer.submit(
            self._library.add_job,
            job_id=src.job_id,
            kind=JobKind.BT,
            name=src.name,
            source_kind=src.kind,
            source=src.text or src.name,
            torrent=src.torrent or None,
            project_dir=str(project),
            selection=add.selection,
            options={"limits": list(add.limits)},
        ).result()
        request = AddRequest(
            source=src,
            save_path=str(project),
            selection=add.selection,
            resume_data=resume,
            rename_incomplete=add.rename_incomplete,
            seed=add.seed,
            base_uploaded=previous.uploaded if previous else 0,  # what this model gave back, anywhere
            base_downloaded=previous.downloaded if previous and same_place else 0,
            limits=add.limits,
        )
        self._job_ids.add(src.job_id)
        return self._torrents.add(request)

    def pause(self, job_id: str) -> Future:
        if self._http.has(job_id):
            return self._control.submit(self._http.pause, job_id)
        return self._torrents.pause(job_id)

    def resume(self, job_id: str) -> Future:
        if self._http.has(job_id):
            return self._control.submit(self._http.resume, job_id)
        return self._torrents.resume(job_id)

    def remove(self, job_id: str, delete_files: bool = False) -> Future:
        """Stop a job and forget it; with delete_files, its files (finished or not) go too."""
        if self._http.has(job_id):
            return self._control.submit(self._http.remove, job_id, delete_files)
        if job_id in self._job_ids:
            return self._torrents.remove(job_id, delete_files)
        # Not running in this process (finished, failed at start): only the library knows it.
        return self._writer.submit(self._forget, job_id)

    def details(self, job_id: str) -> Future:
        """JobDetails of a job: live from its engine, else the file list the library keeps."""
        if self._http.has(job_id):
            fut: Future = Future()
            fut.set_result(self._http.details(job_id))  # reads a few counters under a lock
            return fut
        if job_id in self._job_ids:
            return self._torrents.details(job_id)
        return self._writer.submit(self._library_details, job_id)

    def _library_details(self, job_id: str) -> JobDetails:
        entry = self._library.get(job_id)
        if entry is None:
            return JobDetails(job_id)
        return JobDetails(job_id, files_from_library(entry.files, entry.state in (JobState.FINISHED,
                                                                                  JobState.SEEDING)))

    def set_file_priorities(self, job_id: str, priorities: dict[int, int]) -> Future:
        """Live: {file index: priority} (core.details SKIP … HIGH). For a hub repo any priority above
        SKIP means "download it" (its files come in listing order)."""
        if self._http.has(job_id):
            return self._control.submit(self._set_http_files, job_id, priorities)
        if job_id in self._job_ids:
            return self._torrents.set_file_priorities(job_id, priorities)
        return _failed(BadInputError("Start the job first; its files can be picked while it is in the engine."))

    def _set_http_files(self, job_id: str, priorities: dict[int, int]) -> None:
        wanted = self._http.set_wanted(job_id, priorities)
        if job_id in self._manifests:
            self._manifests[job_id].wanted = set(wanted)
        selection = Selection(include=tuple(glob_escape(p) for p in wanted))  # a restart fetches the same
        self._writer.submit(self._library.set_selection, job_id, selection).result()

    def recheck(self, job_id: str) -> Future:
        """Hash what is on disk again; what fails is fetched again."""
        if self._http.has(job_id):
            # A run checks every finished file against its hash and fetches again what differs.
            return self._control.submit(lambda: (self._http.pause(job_id), self._http.resume(job_id)))
        return self._torrents.recheck(job_id)

    def fetch_metadata(self, src: TorrentSource) -> Future:
        """The magnet as a TorrentSource with its file list, once a peer has sent the metadata
        (for the add dialog; nothing is downloaded)."""
        def with_files(torrent: bytes) -> TorrentSource:
            read = parse_torrent_bytes(torrent, src.name)
            return TorrentSource(src.job_id, read.name, src.kind, src.text, torrent, read.files)
        return _then(self._torrents.fetch_metadata(src.text), with_files)

    def cancel_metadata(self, job_id: str) -> Future:
        return self._torrents.cancel_metadata(job_id)

    def set_limits(self, job_id: str, down: int, up: int) -> Future:
        """This job's own limits in bytes/s (0 = none), live and kept for the next start."""
        if down < 0 or up < 0:
            return _failed(BadInputError("A speed limit cannot be negative."))
        if self._http.has(job_id):
            fut = self._control.submit(self._http.set_job_limit, job_id, down)
        elif job_id in self._job_ids:
            fut = self._torrents.set_limits(job_id, down, up)
        else:
            fut = _failed(BadInputError("Resume the job first; its limits apply while it runs."))
        return _then(fut, lambda _r: self._writer.submit(self._library.update_options, job_id, limits=[down, up]))

    def move(self, job_id: str, new_dir: str) -> Future:
        """Move a job's files (finished or not) to another project folder; it goes on from there."""
        try:
            project = str(ensure_project_dir(new_dir))
        except ModelDeskError as exc:
            return _failed(exc)
        if self._http.has(job_id):
            return self._mover.submit(self._move_http, job_id, project)
        if job_id in self._job_ids:
            return self._torrents.move_storage(job_id, project)
        return self._mover.submit(self._move_stored, job_id, project)

    def _move_http(self, job_id: str, project: str) -> str:
        entry = self._writer.submit(self._library.get, job_id).result()
        self._http.move(job_id, project)  # sends JobMoved
        if entry is not None and entry.source_kind == "hf":  # a manifest written already goes along
            move_files(Path(entry.project_dir), Path(project), [manifest_path(Path(entry.project_dir), entry.name)])
        if job_id in self._manifests:  # one still to be written goes to the new place
            self._manifests[job_id].project = Path(project)
        return project

    def _move_stored(self, job_id: str, project: str) -> str:
        """A job this process does not run: move what the library says it has."""
        entry = self._writer.submit(self._library.get, job_id).result()
        if entry is None:
            raise BadInputError(f"No job {job_id}.")
        old = Path(entry.project_dir)
        paths = [p for f in entry.files for p in file_paths(old / f.path)]
        if entry.source_kind == "hf":
            paths.append(manifest_path(old, entry.name))
        move_files(old, Path(project), paths)
        self._on_event(ev.JobMoved(job_id, project))
        return project

    def _forget(self, job_id: str) -> None:
        self._library.remove(job_id)
        self._sink(ev.JobRemoved(job_id))

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
            self._proxy = proxies.Proxy(settings.proxy, proxy_password)
        elif settings.proxy != self._proxy.settings:
            self._proxy = load_proxy(settings.proxy)
        proxies.use(self._proxy)
        applied = self._torrents.apply_settings(settings.torrent, self._proxy)
        self._shared.set_limit(settings.torrent.rate_limits()[0])  # one limit for BitTorrent and HTTP together
        if refused:
            raise refused
        return applied

    def entry(self, job_id: str) -> Future:
        """One library entry (LibraryEntry or None), read on the writer thread."""
        return self._writer.submit(lambda: self._library.get(job_id))

    def entries(self) -> Future:
        """Every library entry (list[LibraryEntry]), read on the writer thread."""
        return self._writer.submit(lambda: self._library.entries())

    def restore(self) -> list[tuple[str, Exception]]:
        """Start again every library job that was downloading or seeding when the app last closed.
        Blocking (hub listings go over the network): call it off the GUI thread. Returns failures."""
        failures = []
        entries = self._writer.submit(
            lambda: [(e, self._library.torrent_bytes(e.job_id)) for e in self._library.entries()]).result()
        for entry, torrent in entries:
            if entry.state is JobState.ERROR or (entry.state is JobState.FINISHED and entry.kind is JobKind.HTTP):
                continue
            try:
                self.add(restore_add(entry, torrent)).result()
            except Exception as exc:  # one bad entry must not stop the others
                log.warning("could not restore %s: %s", entry.name, exc)
                failures.append((entry.name, exc))
        return failures

    # ---- events ------------------------------------------------------------------------
    def _on_event(self, event: ev.Event) -> None:
        """Called on the engine thread; recording and delivery happen on the writer thread."""
        try:
            self._writer.submit(self._record_and_deliver, event)
        except RuntimeError:  # writer already shut down (late event at exit)
            self._sink(event)

    def _record_and_deliver(self, event: ev.Event) -> None:
        lib = self._library
        try:
            if lib is not None:
                self._record(lib, event)
        except Exception:
            log.exception("library update failed for %s", type(event).__name__)
        self._sink(event)

    def _record(self, lib: Library, event: ev.Event) -> None:
        if isinstance(event, ev.JobsUpdated):
            lib.update_progress(event.snapshots)
            self._shared.observe(event.snapshots)
        elif isinstance(event, ev.MetadataReceived):
            lib.set_metadata(
                event.job_id, event.name, event.files, event.total_size, event.wanted_size, event.torrent or None
            )
        elif isinstance(event, ev.JobFinished):
            lib.mark_finished(event.job_id)
            if event.job_id in self._manifests:  # kept: picking more files later writes it again
                self._manifests[event.job_id].write()
        elif isinstance(event, ev.JobFailed):
            lib.set_state(event.job_id, JobState.ERROR, event.reason)
        elif isinstance(event, ev.SeedingLimitReached):
            lib.set_state(event.job_id, JobState.FINISHED)
        elif isinstance(event, ev.PeersServed):
            lib.record_peers(event.peers)
        elif isinstance(event, ev.JobPaused):
            lib.set_state(event.job_id, JobState.PAUSED)
        elif isinstance(event, ev.JobMoved):
            lib.set_project_dir(event.job_id, event.project_dir)
        elif isinstance(event, ev.JobRemoved):
            lib.remove(event.job_id)
            self._job_ids.discard(event.job_id)
            self._manifests.pop(event.job_id, None)
        elif isinstance(event, ev.EngineStopped):
            lib.mark_stopped(self._job_ids)


def _failed(exc: BaseException) -> Future:
    fut: Future = Future()
    fut.set_exception(exc)
    return fut


def _then(fut: Future, after: Callable) -> Future:
    """A future that ends when fut has and after(result) has run (fut's exception passes through)."""
    out: Future = Future()

    def done(f: Future) -> None:
        try:
            out.set_result(after(f.result()))
        except BaseException as exc:
            out.set_exception(exc)
    fut.add_done_callback(done)
    return out
