"""Hub repos and URL files as jobs: the HTTP side of the one job interface (core.jobs.JobEngine).

Every command runs on a command thread of its own and answers with a future, like the torrent
engine's: the HTTP engine's pause and remove wait for transfers to halt, and nothing that calls in
(the GUI, the manager) may block on that. Moves have a second thread: one across file systems copies
a whole model, and the other jobs' commands must not wait behind it. A hub job's manifest is kept
here too, and written whenever the job finishes.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from modeldesk.core.sources.hub_access import HubAccess
from modeldesk.core.contracts.model_kinds import FACTS, kind_of
from modeldesk.core.contracts.source_kind import SourceKind
from modeldesk.core.sources.adds import HttpAdd, HubAdd, http_file_name
from modeldesk.core.http.client import new_session
from modeldesk.core.http.downloader import FileSpec
from modeldesk.core.http.engine import HttpEngine, HttpJob
from modeldesk.core.contracts.hub_refs import HubKey, RepoRef
from modeldesk.core.http.hub_api import api_of
from modeldesk.core.http.hub_pairs import list_alternates, split_mirrors
from modeldesk.core.runtime.hub_offline import offline_listing
from modeldesk.core.http.hub_plan import HubListing, plan_hub_job
from modeldesk.core.base.errors import BadInputError, ModelDeskError
from modeldesk.core.contracts.jobs import completed
from modeldesk.core.library.store import InLibrary
from modeldesk.core.library.manifest import hub_repos_in, manifest_path, write_manifest
from modeldesk.core.base.messages import N_, Message
from modeldesk.core.contracts.models import JobKind, LibraryEntry, Selection
from modeldesk.core.projects.projects import ensure_project_dir
from modeldesk.core.config.proxy import Proxy
from modeldesk.core.placement.relocate import move_files
from modeldesk.core.contracts.selection import glob_escape
from modeldesk.core.config.settings import HttpSettings

if TYPE_CHECKING:  # hybrid jobs only: not imported on a URL's start-up
    from modeldesk.core.http.piece_feed import MirrorFeed
    from modeldesk.core.contracts.piece_layout import PieceLayout, PieceSource

log = logging.getLogger(__name__)


@dataclass
class HubManifest:
    """What a hub job's manifest says when it finishes: every file of the repo is known, the wanted ones
    are written."""

    project: Path
    name: str
    source: dict
    entries: tuple[dict, ...]
    wanted: set[str]
    hub_cache: str | None = None

    def write(self) -> tuple[list[tuple[Path, str]], Message | None]:
        """Writes it (and places the files into the hub cache when the job asked for that); returns the
        files whose sha256 the download checked, for the library's index, and what went wrong placing
        them into the hub cache (the download itself is complete and kept)."""
        written = [e for e in self.entries if e["path"] in self.wanted]
        try:
            write_manifest(self.project, self.name, self.source, written)
        except (ModelDeskError, OSError) as exc:  # a link planted where the manifest goes, a full disk
            log.info("%s: manifest not written: %s", self.name, exc)
            return [], Message.of(N_("{name} is complete and checked in its folder, but its manifest could not be "
                                     "written: {error}"), name=self.name, error=exc)
        notice = None
        if self.hub_cache:
            try:
                if self.source.get("kind") == "ms":  # --ms-cache
                    from modeldesk.core.library.ms_cache import export_to_ms_cache

                    export_to_ms_cache(self.project, self.source, written, Path(self.hub_cache))
                else:  # --hub-cache
                    from modeldesk.core.library.hf_cache import export_to_hub_cache

                    export_to_hub_cache(self.project, self.source, written, Path(self.hub_cache))
            except (ModelDeskError, OSError) as exc:
                log.info("%s could not be placed into the hub cache %s: %s", self.name, self.hub_cache, exc)
                notice = Message.of(N_("{name} is complete in its folder, but it could not be put into the "
                                       "{hub} cache {cache}: {error}"), name=self.name,
                                    hub="ModelScope" if self.source.get("kind") == "ms" else "Hugging Face",
                                    cache=self.hub_cache, error=exc)
        return [(self.project / e["path"], e["sha256"]) for e in written if e.get("sha256")], notice


def _also(alternates) -> dict:
    """The same model on other hubs, each at the commit it was listed at, for the manifest (and so the lock)."""
    also = [str(RepoRef(a.ref.repo_id, a.commit, hub=a.ref.hub)) for a in alternates]
    return {"also": also} if also else {}


class HttpJobs:
    def __init__(self, engine: HttpEngine, record: InLibrary, settings: Callable[[], HttpSettings],
                 proxy: Callable[[], Proxy]):
        self.engine = engine
        self._proxy = proxy  # the proxy in force now
        self._record = record
        self._settings = settings
        self._control = ThreadPoolExecutor(max_workers=1, thread_name_prefix="http-control")
        self._mover = ThreadPoolExecutor(max_workers=1, thread_name_prefix="file-mover")
        self._manifests: dict[str, HubManifest] = {}  # hub job → what its manifest will say

    def stop(self, timeout: float) -> bool:
        self._control.shutdown(wait=True, cancel_futures=True)
        self._mover.shutdown(wait=True, cancel_futures=True)  # a move under way ends; none starts
        return self.engine.stop(timeout)

    def piece_feed(self, job_id: str, layout: PieceLayout, bases: tuple[str, ...], source: PieceSource,
                   down_limit: int) -> MirrorFeed:
        """The mirror half of a hybrid torrent job (core.piece_layout.FeedFactory): the settings'
        connections per mirror, tokens for trusted hosts, the proxy in force, and the HTTP limit."""
        from modeldesk.core.http.piece_feed import MirrorFeed  # hybrid jobs only: not on a URL's start-up
        access = self._access()
        http, proxy = access.http, access.proxy
        credentials: list = []
        lock = threading.Lock()

        def session():
            with lock:  # a keyring read, once, on the feed's first connection (never the engine thread)
                if not credentials:
                    credentials.append(access.credentials())
            return new_session(credentials[0], proxy)
        feed = MirrorFeed(layout, bases, source, connections=max(1, http.connections),
                          stall_timeout=http.stall_timeout, session_factory=session, limiters=(self.engine.limiter,),
                          name=f"feed-{job_id[:8]}")
        feed.set_limit(down_limit)  # the engine shares the job's limit between peers and mirrors from here on
        return feed

    def hub_files(self, key: HubKey, endpoints: tuple[str, ...]) -> dict[str, tuple[int, str | None, str]]:
        """A commit's files as the hub lists them, for the check of a torrent that names that commit
        (core.torrent.hub_check.HubFiles); on the check's own thread, never the engine thread."""
        listed = self._access().client(endpoints).list_files(key.ref(), key.commit)
        return {f.path: (f.size, f.sha256, f.blob_sha1) for f in listed}

    def pin(self, ref, mirrors: tuple[str, ...]) -> str:
        """The commit a repo reference names now (network)."""
        access = self._access()
        return access.client(access.endpoints(ref, mirrors)).resolve(ref)

    def _access(self) -> HubAccess:
        """The hub endpoints, tokens and proxy of the settings in force now."""
        return HubAccess(self._settings(), self._proxy())

    # ---- adds (network: called off the GUI thread) ------------------------------------------
    def add_hub(self, add: HubAdd) -> Future:
        """Pins the revision and lists the files, then starts."""
        access = self._access()
        project = ensure_project_dir(add.project_dir)
        credentials = access.credentials()
        offline = api_of(add.ref).offline()
        listing: HubListing | None
        if offline:  # HF_HUB_OFFLINE: what the folder holds, no URL to fetch from, no probe
            listing, endpoints = HubListing(add.ref, *offline_listing(add.ref, project, add.selection)), []
        else:
            listing = add.listing
            endpoints = access.endpoints(add.ref, add.mirrors)
        _, other_repos = split_mirrors(add.mirrors)  # the same model on another hub: its files too
        alternates, notes = ([], []) if offline else list_alternates(
            add.ref, other_repos, lambda ref: access.endpoints(ref), credentials, access.proxy)
        plan = plan_hub_job(add.ref, project, add.selection, endpoints, credentials, listing, access.proxy,
                            tuple(alternates))
        job_id = add.job_id or plan.job_id
        self._refuse_running(job_id, plan.name)
        self._refuse_overwriting(project, plan.name, {str(spec.dest.relative_to(project)) for spec in plan.files})
        self._record(lambda lib: lib.add_job(
            job_id=job_id, kind=JobKind.HTTP, name=plan.name, source_kind=SourceKind.HUB,
            source=str(dataclasses.replace(add.ref, revision=plan.commit)), torrent=None, project_dir=str(project),
            selection=add.selection,
            options={"mirrors": list(add.mirrors), "connections": add.connections, "limits": list(add.limits),
                     "hub_cache": add.hub_cache},
        )).result()
        if not offline:  # offline, the manifest there stays as it is (it names the mirrors)
            self._manifests[job_id] = HubManifest(project, plan.name, {
                "kind": add.ref.hub, "repo": plan.name, "revision": add.ref.revision, "commit": plan.commit,
                "mirrors": list(plan.endpoints), **_also(alternates)}, plan.manifest_files,
                {str(spec.dest.relative_to(project)) for spec in plan.files}, add.hub_cache)
        job = HttpJob(job_id, plan.name, str(project), plan.files, *self._transfer(add), credentials,
                      down_limit=add.limits[0], skipped=plan.skipped, editable=True,
                      notes=(*notes, *((plan.note,) if plan.note else ())))
        return self.engine.add(job)

    def add_http(self, add: HttpAdd) -> Future:
        project = ensure_project_dir(add.project_dir)
        name = http_file_name(add.urls[0])
        dest = project / name
        job_id = add.job_id or "url-" + hashlib.sha1(str(dest).encode()).hexdigest()[:24]
        self._refuse_running(job_id, name)
        self._record(lambda lib: lib.add_job(
            job_id=job_id, kind=JobKind.HTTP, name=name, source_kind=SourceKind.FILE, source=add.urls[0],
            torrent=None, project_dir=str(project), selection=Selection(),
            options={"urls": list(add.urls), "sha256": add.sha256, "connections": add.connections,
                     "limits": list(add.limits)},
        )).result()
        spec = FileSpec(tuple(add.urls), dest, None, add.sha256)
        credentials = self._access().credentials()
        return self.engine.add(HttpJob(job_id, name, str(project), (spec,), *self._transfer(add), credentials,
                                       down_limit=add.limits[0]))

    def _refuse_running(self, job_id: str, name: str) -> None:
        """Before the library hears of it: a job running here keeps its row as it is."""
        if self.engine.running(job_id):
            raise BadInputError(N_("{name} is already being downloaded here."), name=name)

    def _refuse_overwriting(self, project: Path, repo: str, paths: set[str]) -> None:
        """Two repos in one folder would overwrite each other's README.md and config.json (each lands
        at DIR/<path in repo>, like `hf download --local-dir`): the second is refused, naming both."""
        others = hub_repos_in(project)
        others.update({m.name: {e["path"] for e in m.entries} for m in self._manifests.values()
                       if m.project == project})  # jobs under way have no manifest on disk yet
        for other, theirs in sorted(others.items()):
            clash = sorted(paths & theirs)
            if other != repo and clash:
                shown = ", ".join(clash[:3]) + (" …" if len(clash) > 3 else "")
                raise BadInputError(
                    N_("{project} already holds {other}; {repo} would overwrite its {shown}. Give each repo "
                       "a folder of its own, e.g. {subfolder}."),
                    project=project, other=other, repo=repo, shown=shown, subfolder=project / repo.rsplit('/', 1)[-1])

    def _transfer(self, add: HttpAdd | HubAdd) -> tuple[int, float]:
        """Connections per mirror and stall timeout: the request's own, else the settings'."""
        http = self._settings()
        conns = add.connections if add.connections is not None else http.connections
        stall = add.stall_timeout if add.stall_timeout is not None else http.stall_timeout
        return max(1, conns), stall

    # ---- the job interface ---------------------------------------------------------------------
    def pause(self, job_id: str) -> Future:
        return self._control.submit(self.engine.pause, job_id)

    def resume(self, job_id: str) -> Future:
        return self._control.submit(self.engine.resume, job_id)

    def remove(self, job_id: str, delete_files: bool = False) -> Future:
        return self._control.submit(self.engine.remove, job_id, delete_files)

    def details(self, job_id: str) -> Future:
        return completed(self.engine.details(job_id))  # reads a few counters under a lock

    def set_file_priorities(self, job_id: str, priorities: dict[int, int]) -> Future:
        """Any priority above SKIP means "download it" (a repo's files come in listing order)."""
        return self._control.submit(self._set_files, job_id, priorities)

    def _set_files(self, job_id: str, priorities: dict[int, int]) -> None:
        wanted = self.engine.set_wanted(job_id, priorities)
        if job_id in self._manifests:
            self._manifests[job_id].wanted = set(wanted)
        selection = Selection(include=tuple(glob_escape(p) for p in wanted))  # a restart fetches the same
        self._record(lambda lib: lib.set_selection(job_id, selection)).result()

    def recheck(self, job_id: str) -> Future:
        # A run checks every finished file against its hash and fetches again what differs.
        return self._control.submit(self._rerun, job_id)

    def _rerun(self, job_id: str) -> None:
        self.engine.pause(job_id)
        self.engine.resume(job_id)

    def set_limits(self, job_id: str, down: int, up: int) -> Future:
        return self._control.submit(self.engine.set_job_limit, job_id, down)

    def move(self, job_id: str, project: str) -> Future:
        return self._mover.submit(self._move, job_id, project)

    def _move(self, job_id: str, project: str) -> str:
        entry: LibraryEntry | None = self._record(lambda lib: lib.get(job_id)).result()
        self.engine.move(job_id, project)  # sends JobMoved
        if entry is not None and FACTS[kind_of(entry)].manifest:  # a manifest written already goes along
            move_files(Path(entry.project_dir), Path(project), [manifest_path(Path(entry.project_dir), entry.name)])
        if job_id in self._manifests:  # one still to be written goes to the new place
            self._manifests[job_id].project = Path(project)
        return project

    # ---- what the event stream tells ---------------------------------------------------------
    def finished(self, job_id: str) -> tuple[list[tuple[Path, str]], Message | None]:
        """A hub job's manifest written; its files checked against their sha256, and what went wrong beside
        (see HubManifest.write)."""
        if job_id in self._manifests:  # kept: picking more files later writes it again
            return self._manifests[job_id].write()
        return [], None

    def forget(self, job_id: str) -> None:
        self._manifests.pop(job_id, None)
