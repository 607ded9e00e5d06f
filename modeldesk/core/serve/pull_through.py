"""Pull-through: a repo or revision the library lacks is pinned and listed on the server's own mirrors,
answered from that listing at once (repo info, tree, HEAD), and, on the first request for one of its
files, downloaded once into the library by a hub job of the running core (many connections × mirrors,
sha256) into the server's cache folder. Every client asking for a file then gets its bytes in order as
they arrive: ten clients cause one download, and one that leaves does not stop it. The last byte of a
file is held back until the engine has verified the whole file, so a client never completes a file
that fails its hash. Once the job is complete, the catalog serves the repo like any other."""

from __future__ import annotations

import logging
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from modeldesk.core.base.errors import ModelDeskError
from modeldesk.core.base.pathsafety import resolve_inside
from modeldesk.core.contracts.hub_refs import RepoRef
from modeldesk.core.contracts.models import JobKind, LibraryEntry, Selection
from modeldesk.core.http.hub_plan import HubListing
from modeldesk.core.http.part_file import INCOMPLETE_SUFFIX
from modeldesk.core.http.segments import saved_prefix
from modeldesk.core.serve.catalog import HELD, ServedFile, Snapshot
from modeldesk.core.serve.job_board import JobBoard
from modeldesk.core.sources.adds import HubAdd, restore_add
from modeldesk.core.sources.hub_access import HubAccess

log = logging.getLogger(__name__)

BRANCH_TTL_S = 60.0  # a branch or tag is asked upstream again after this long; a commit never
MISS_TTL_S = 10.0  # a repo no mirror had is not asked again for this long
IDLE_LIMIT_S = 120.0  # a stream whose download brings nothing for this long gives up
CHUNK = 1 << 20


class PullThrough:
    def __init__(self, cache_root: Path, mirrors: tuple[str, ...], board: JobBoard):
        self._root = cache_root
        self._mirrors = mirrors
        self._board = board
        self._lock = threading.Lock()
        self._listings: dict[tuple[str, str, str], tuple[Snapshot | None, float]] = {}
        self._jobs: dict[tuple[str, str, str], str] = {}  # (hub, repo, commit) -> the library job fetching it
        self.manager: Any = None  # the running core, once started
        self.access: HubAccess | None = None
        self.pending: list[HubAdd] = []  # pulls a stopped server left unfinished, resumed by start()

    def find(self, hub: str, repo: str, revision: str) -> Snapshot | None:
        """The repo at that revision as the mirrors list it (None: no mirror has it, or not yet started)."""
        key = (hub, repo, revision)
        with self._lock:
            found = self._listings.get(key)
        if found is not None and time.monotonic() < found[1]:
            return found[0]
        snap = self._list(hub, repo, revision)
        ttl = MISS_TTL_S if snap is None else (1e12 if snap.commit == revision else BRANCH_TTL_S)
        with self._lock:
            self._listings[key] = (snap, time.monotonic() + ttl)
        return snap

    def resumable(self, entries: Iterable[LibraryEntry]) -> list[HubAdd]:
        """The pulls a stopped server left unfinished (in the library, below the cache folder), as adds
        to start again with the server, known here so a client's request joins them."""
        adds = []
        root = str(self._root) + os.sep
        for e in entries:
            if e.kind is JobKind.HTTP and e.state not in HELD and e.project_dir.startswith(root):
                try:
                    add = restore_add(e, None)
                except ModelDeskError:
                    continue
                if isinstance(add, HubAdd):
                    self._jobs[(add.ref.hub, add.ref.repo_id, add.ref.revision)] = e.job_id
                    adds.append(add)
        return adds

    def start(self, manager: Any, access: HubAccess) -> None:
        """The running core is here: pulls can start, and those left unfinished resume now."""
        self.manager, self.access = manager, access
        pending, self.pending = self.pending, []

        def resume() -> None:
            for add in pending:
                try:
                    manager.add(add).result(300)
                    log.info("pull-through: resumed %s@%s", add.ref.repo_id, add.ref.revision[:12])
                except ModelDeskError as exc:  # the next client's request tries again
                    log.warning("pull-through: %s@%s not resumed: %s", add.ref.repo_id, add.ref.revision[:12], exc)

        if pending:
            threading.Thread(target=resume, name="pull-resume", daemon=True).start()

    def knows(self, hub: str, repo: str) -> bool:
        with self._lock:
            return any(k[:2] == (hub, repo) and s is not None for k, (s, _) in self._listings.items())

    def _list(self, hub: str, repo: str, revision: str) -> Snapshot | None:
        if self.access is None:
            return None
        ref = RepoRef(repo, revision, hub=hub)
        try:
            client = self.access.client(self.access.endpoints(ref, self._mirrors))
            commit = client.resolve(ref)
            files = client.list_files(ref, commit)
        except ModelDeskError as exc:
            log.info("pull-through of %s@%s: %s", repo, revision, exc)
            return None
        folder = self._root / hub / repo.replace("/", "--") / commit[:12]
        served = {f.path: ServedFile(f.path, f.size, f.sha256, f.blob_sha1 or None, None) for f in files}
        return Snapshot(hub, repo, commit, revision, folder, served, time.time(), pulled=True)

    def _fetching(self, snap: Snapshot) -> str | None:
        """The job fetching this commit while it runs (or was added and is not yet on the board); None
        when there is none, or it failed or was removed. Under self._lock."""
        job_id = self._jobs.get((snap.hub, snap.repo, snap.commit))
        return job_id if job_id is not None and self._failure(job_id) is None else None

    def _failure(self, job_id: str) -> str | None:
        """Why the job ended without its files ("removed", or its error); None while it runs or is done."""
        job = self._board.job(job_id)
        if self._board.gone(job_id) or (job is not None and job["state"] == "error"):
            return job["error"] if job else "removed"
        return None

    def _job(self, snap: Snapshot) -> str:
        """The library job that fetches this commit: started by the first request for one of its files."""
        key = (snap.hub, snap.repo, snap.commit)
        with self._lock:
            job_id = self._fetching(snap)
            if job_id is not None:
                return job_id
            ref = RepoRef(snap.repo, snap.revision, hub=snap.hub)  # pinned by the listing; the manifest keeps the name
            files = tuple(_hub_file(f) for f in snap.files.values())
            add = HubAdd(ref, str(snap.folder), Selection(), self._mirrors, listing=HubListing(ref, snap.commit, files))
            job_id = self.manager.add(add).result(120)
            self._jobs[key] = job_id
            log.info("pull-through: fetching %s@%s into %s", snap.repo, snap.commit[:12], snap.folder)
            return job_id

    def short_of_room(self, snap: Snapshot) -> tuple[int, int] | None:
        """(bytes the commit still needs, bytes free) when the cache's disk cannot hold what is missing of
        it, as the download would find at its start; None when it can, or its job already runs."""
        with self._lock:
            if self._fetching(snap) is not None:
                return None
        need = 0
        for f in snap.files.values():
            dest = snap.folder / f.path
            part = dest.with_name(dest.name + INCOMPLETE_SUFFIX)
            have = dest.stat().st_size if dest.is_file() else part.stat().st_size if part.is_file() else 0
            need += max(0, f.size - have)  # a .part is allocated at its full size: what it lacks is a guess
        where = next((p for p in (snap.folder, *snap.folder.parents) if p.is_dir()), self._root)
        free = shutil.disk_usage(where).free
        return (need, free) if need > free else None

    def stream(self, snap: Snapshot, f: ServedFile, start: int, end: int) -> Callable[[Callable[[bytes], None]], None]:
        """The writer of bytes [start, end) of a file being pulled, in order as the download brings them."""
        job_id = self._job(snap)
        dest = snap.folder / f.path
        part = dest.with_name(dest.name + INCOMPLETE_SUFFIX)
        sidecar = part.with_name(part.name + ".map")

        def write_all(write: Callable[[bytes], None]) -> None:
            pos, fd, moved = start, None, time.monotonic()
            try:
                while pos < end:
                    failure = self._failure(job_id)
                    if failure is not None:
                        raise OSError(f"the download of {f.path} failed: {failure}")
                    if dest.is_file() and dest.stat().st_size == f.size:  # verified and named: all of it
                        ready, path = end, dest
                    elif part.is_file():  # the last byte waits for the verdict on the whole file
                        ready, path = min(end, saved_prefix(sidecar, f.size), f.size - 1), part
                    else:
                        ready, path = pos, part
                    if ready > pos and fd is None:
                        real = resolve_inside(snap.folder, path)  # a link planted in the cache leads nowhere
                        fd = os.open(real, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))  # a rename keeps its inode
                    if ready > pos and fd is not None:
                        data = os.pread(fd, min(CHUNK, ready - pos), pos)
                        write(data)
                        pos, moved = pos + len(data), time.monotonic()
                    elif time.monotonic() - moved > IDLE_LIMIT_S:
                        raise OSError(f"{f.path}: nothing new for {IDLE_LIMIT_S:.0f} s")
                    else:
                        time.sleep(0.1)
            finally:
                if fd is not None:
                    os.close(fd)

        return write_all


def _hub_file(f: ServedFile):
    from modeldesk.core.contracts.hub_refs import HubFile

    return HubFile(f.path, f.size, f.git_sha1 or "", f.sha256)
