"""What the lab server can serve: each hub repo the library holds at a commit, read from the manifest
its folder keeps (.modeldesk/manifest-*.json: the repo, its hub, its commit, the revision it was asked
at, and every file of the commit with its size and sha256 or git blob id).

A URL path never names a file on disk: it names (repo, revision, path in the repo), looked up here
in what the manifests list; the file on disk is the manifest's path below the model's folder, checked
with pathsafety when the catalog is read and again when the file is opened (open_checked)."""

from __future__ import annotations

import hashlib
import os
import threading
import time
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

from modeldesk.core.base.digests import git_blob_sha1
from modeldesk.core.base.errors import ModelDeskError
from modeldesk.core.base.pathsafety import resolve_inside
from modeldesk.core.base.repo_ids import COMMIT
from modeldesk.core.contracts.hub_refs import HUBS
from modeldesk.core.contracts.models import JobKind, JobState
from modeldesk.core.library.manifest import manifest_path, read_manifest
from modeldesk.core.library.store import Library
from modeldesk.core.torrent.sources import HUB_KEY_MARK

HELD = (JobState.SEEDING, JobState.FINISHED)  # a job whose files are all on disk


@dataclass(frozen=True)
class ServedFile:
    path: str  # in the repo, '/'-separated
    size: int
    sha256: str | None  # an LFS file's
    git_sha1: str | None  # a small (git) file's blob id
    disk: Path | None  # where the library keeps it; None: listed by the commit, not held here

    @property
    def lfs(self) -> bool:
        return self.sha256 is not None

    @property
    def oid(self) -> str:
        """The git blob id the hub lists: an LFS file's is its pointer file's."""
        if self.sha256 is None:
            return self.git_sha1 or ""
        pointer = f"version https://git-lfs.github.com/spec/v1\noid sha256:{self.sha256}\nsize {self.size}\n".encode()
        return hashlib.sha1(b"blob %d\0" % len(pointer) + pointer).hexdigest()

    @property
    def etag(self) -> str:
        """What the official client keys its cache by: the sha256 of an LFS file, else the blob id."""
        return self.sha256 or self.git_sha1 or ""


@dataclass(frozen=True)
class Snapshot:
    """A repo at one commit, as the library holds it."""

    hub: str  # "hf" | "ms"
    repo: str  # org/name, or datasets/org/name
    commit: str
    revision: str  # the branch or tag it was fetched at
    folder: Path
    files: dict[str, ServedFile]
    seen_at: float  # when its manifest was written: the newest answers for a branch name
    jobs: tuple[str, ...] = ()  # the library's jobs that hold it (a hub download, its torrent)
    magnet: str | None = None  # the torrent of this commit the library seeds, if any
    pulled: bool = False  # listed by the mirrors, not held: its files come through pull_through.py

    @property
    def held(self) -> int:
        return sum(1 for f in self.files.values() if f.disk is not None)

    @cached_property
    def folders(self) -> frozenset[str]:
        """Every folder of the commit (a listing names them beside the files)."""
        return frozenset(p.rsplit("/", i)[0] for p in self.files for i in range(1, p.count("/") + 1))

    def under(self, folder: str, recursive: bool) -> tuple[list[ServedFile], list[str]]:
        """The files and folders below `folder` ("" for the top), sorted; only its own when not recursive."""
        prefix = folder.strip("/") + "/" if folder.strip("/") else ""
        depth = prefix.count("/")

        def inside(p: str) -> bool:
            return p.startswith(prefix) and (recursive or p.count("/") == depth)

        return ([f for p, f in sorted(self.files.items()) if inside(p)],
                [d for d in sorted(self.folders) if inside(d)])


def _snapshot(folder: Path, name: str) -> Snapshot | None:
    m = manifest_path(folder, name)
    try:
        source, entries = read_manifest(m)
        seen_at = m.stat().st_mtime
    except (ModelDeskError, OSError):  # a damaged or vanished manifest: nothing to serve from it
        return None
    hub, repo, commit = source.get("kind"), source.get("repo"), source.get("commit")
    if hub not in HUBS or not isinstance(repo, str) or not isinstance(commit, str) or not COMMIT.match(commit):
        return None
    revision = source.get("revision") if isinstance(source.get("revision"), str) else commit
    files = {}
    for e in entries:
        disk: Path | None
        try:
            disk = resolve_inside(folder, e["path"])
            if not disk.is_file() or disk.stat().st_size != e["size"]:
                disk = None
        except (ModelDeskError, OSError):
            disk = None
        files[e["path"]] = ServedFile(e["path"], e["size"], e.get("sha256"), e.get("git_sha1"), disk)
    return Snapshot(str(hub), repo, commit, str(revision), folder, files, seen_at)


class Catalog:
    """The library's hub repos, read again when older than `ttl` seconds (any thread)."""

    def __init__(self, library_db: Path, ttl: float = 2.0):
        self._db = library_db
        self._ttl = ttl
        self._lock = threading.Lock()
        self._read_at = -1e9
        self._snapshots: list[Snapshot] = []
        self._local = threading.local()
        self._magnets: dict[str, tuple[str, tuple[str, str, str]] | None] = {}
        self._verdicts: dict[tuple, bool] = {}  # (path, inode, size, mtime, ctime) -> still the commit's

    def snapshots(self) -> list[Snapshot]:
        with self._lock:
            if time.monotonic() - self._read_at > self._ttl:
                self._snapshots = self._read()
                self._read_at = time.monotonic()
            return self._snapshots

    def _read(self) -> list[Snapshot]:
        lib = Library(self._db)
        try:
            entries = [(e, lib.torrent_bytes(e.job_id) if e.kind is JobKind.BT else None)
                       for e in lib.entries() if e.state in HELD]
        finally:
            lib.close()
        found: dict[tuple[str, str, str], Snapshot] = {}
        for e, torrent in entries:
            snap = _snapshot(Path(e.project_dir), e.name)
            if snap is None:
                continue
            key = (snap.hub, snap.repo, snap.commit)
            magnet = self._magnet(e.job_id, torrent, key)
            before = found.get(key)
            if before is None or snap.held > before.held:
                found[key] = snap
            found[key] = replace(found[key], jobs=(*(before.jobs if before else ()), e.job_id),
                                 magnet=magnet or (before.magnet if before else None))
        return sorted(found.values(), key=lambda s: (s.hub, s.repo, -s.seen_at))

    def _magnet(self, job_id: str, torrent: bytes | None, key: tuple[str, str, str]) -> str | None:
        """The magnet of a library torrent that names this repo and commit (read once per job)."""
        if not torrent or HUB_KEY_MARK not in torrent:
            return None
        if job_id not in self._magnets:
            from modeldesk.core.torrent.publish import magnet_of  # libtorrent: only for a torrent
            from modeldesk.core.torrent.sources import parse_torrent_bytes

            try:
                src = parse_torrent_bytes(torrent, job_id)
                hub = src.hub
                self._magnets[job_id] = (magnet_of(torrent, hub.repo), (hub.hub, hub.repo, hub.commit)) if hub else None
            except (ModelDeskError, RuntimeError):
                self._magnets[job_id] = None
        found = self._magnets[job_id]
        return found[0] if found and found[1] == key else None

    def find(self, hub: str, repo: str, revision: str) -> Snapshot | None:
        """The repo at a commit, or at the commit a branch or tag named when the library fetched it
        (the newest such), as the official client reads a revision offline."""
        mine = [s for s in self.snapshots() if s.hub == hub and s.repo == repo]
        return next((s for s in mine if s.commit == revision), None) or next(
            (s for s in mine if s.revision == revision), None)

    def knows(self, hub: str, repo: str) -> bool:
        return any(s.hub == hub and s.repo == repo for s in self.snapshots())

    def sha256_of(self, f: ServedFile) -> str | None:
        """The file's sha256 from the library's index (read when its stat changed), if it is there."""
        if f.disk is None:
            return None
        try:
            return self._library().blobs.hash(f.disk)
        except OSError:
            return None

    def _library(self) -> Library:
        if not hasattr(self._local, "library"):
            self._local.library = Library(self._db)  # one connection per serving thread
        return self._local.library

    def unchanged(self, f: ServedFile) -> bool:
        """The file on disk is still the commit's: an LFS file's sha256 from the library's index while its
        stat is unchanged (read again when it is not), a small file's blob id read again. A verdict is
        kept in memory for as long as the file's stat stays the same, so a file asked for often costs a
        stat, not a database connection (the first byte of each request waits for this)."""
        assert f.disk is not None
        try:
            st = os.stat(f.disk)
            key = (str(f.disk), st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)
            with self._lock:
                if key in self._verdicts:
                    return self._verdicts[key]
            if f.sha256 is not None:
                ok = self._library().blobs.hash(f.disk) == f.sha256
            else:
                ok = git_blob_sha1(f.disk) == f.git_sha1
        except OSError:
            return False
        with self._lock:
            if len(self._verdicts) > 10_000:
                self._verdicts.clear()
            self._verdicts[key] = ok
        return ok


def open_checked(snap: Snapshot, f: ServedFile) -> int:
    """The file opened for reading, its path checked inside the model's folder again and its last part
    not followed if it became a link (OSError when it moved, changed size or left the folder)."""
    if f.disk is None:
        raise FileNotFoundError(f.path)
    real = resolve_inside(snap.folder, f.path)
    fd = os.open(real, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        if os.fstat(fd).st_size != f.size:
            raise OSError(f"{f.path} changed size")
    except BaseException:
        os.close(fd)
        raise
    return fd
