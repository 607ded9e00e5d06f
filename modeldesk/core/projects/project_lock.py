"""A project and its lock: `lock` writes what the library placed in the project; `sync` checks each
locked file, places what the library holds (core/placing.py) and says what must be fetched;
`sync --check` re-hashes everything and downloads nothing."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from modeldesk.core.contracts.model_kinds import ModelKind, kind_of
from modeldesk.core.base.errors import BadInputError
from modeldesk.core.library.blobs import BlobIndex
from modeldesk.core.library.manifest import manifest_path, read_manifest, write_manifest
from modeldesk.core.library.store import Library
from modeldesk.core.projects.lockfile import LOCK_NAME, Lock, LockedFile, LockedModel, is_pinned_repo, read_lock
from modeldesk.core.base.messages import N_
from modeldesk.core.contracts.models import JobState, LibraryEntry
from modeldesk.core.base.os_reasons import os_reason
from modeldesk.core.base.pathsafety import USER_PATH, resolve_inside, short

STORE_DIR = ".modeldesk/store"  # a project's earlier versions of its files, by sha256 (project_sync.py)


def _inside(folder: Path, project: Path) -> bool:
    return folder == project or project in folder.parents


def _model_path(folder: Path, project: Path) -> str:
    return folder.relative_to(project).as_posix()  # "." for the project's root


def _pinned(index: BlobIndex, f: Path, expected: str | None = None) -> str:
    """The sha256 `lock` pins for `f`; the content is ModelDesk's own from now on when it is what its
    source names (`expected`), or when no source names one (a torrent's files, checked by piece)."""
    sha = index.hash(f)
    if expected is None or expected == sha:
        index.remember(f, sha, ours=True)
    return sha


def _hub_model(e: LibraryEntry, torrent: bytes | None, project: Path, index: BlobIndex) -> LockedModel:
    folder = Path(e.project_dir)
    m = manifest_path(folder, e.name)
    if not m.is_file():
        raise BadInputError(N_("{name} in {folder} has no manifest ({manifest}); run the same get again to rewrite "
                               "it, then lock."), name=e.name, folder=folder, manifest=m)
    source, entries = read_manifest(m)
    files = []
    for entry in entries:
        f = folder / entry["path"]
        if not f.is_file() or f.stat().st_size != entry["size"]:
            raise BadInputError(N_("{entry} of {name} is missing in {folder}; repair it with `modeldesk "
                                   "verify {folder}` and get, then lock."),
                                entry=entry['path'], name=e.name, folder=folder)
        files.append(LockedFile(entry["path"], entry["size"], _pinned(index, f, entry.get("sha256"))))
    hub = str(source.get("kind")) if source.get("kind") in ("hf", "ms") else "hf"
    return LockedModel(_model_path(folder, project), e.name, tuple(files), repo=e.name, hub=hub,
                       revision=source.get("revision"), commit=source.get("commit"),
                       mirrors=tuple(u for u in source.get("mirrors", ()) if isinstance(u, str)),
                       also=tuple(u for u in source.get("also", ()) if is_pinned_repo(u)))


def _torrent_model(e: LibraryEntry, torrent: bytes | None, project: Path, index: BlobIndex) -> LockedModel:
    from modeldesk.core.torrent.publish import magnet_of  # libtorrent only when a torrent is locked
    from modeldesk.core.torrent.sources import parse_torrent_bytes

    folder = Path(e.project_dir)
    files = []
    for fe in e.files:
        if fe.selected:
            f = folder / fe.path
            if not f.is_file():
                raise BadInputError(N_("{path} of {name} is missing in {folder}; repair it, then lock."),
                                    path=fe.path, name=e.name, folder=folder)
            files.append(LockedFile(fe.path, fe.size, _pinned(index, f)))  # (pieces checked by libtorrent)
    hub = parse_torrent_bytes(torrent, e.name).hub if torrent else None
    magnet = magnet_of(torrent, e.name) if torrent else (e.source if e.source.startswith("magnet:") else None)
    return LockedModel(_model_path(folder, project), e.name, tuple(files), magnet=magnet,
                       repo=hub.repo if hub else None, commit=hub.commit if hub else None,
                       hub=hub.hub if hub else "hf")


def _url_model(e: LibraryEntry, torrent: bytes | None, project: Path, index: BlobIndex) -> LockedModel:
    folder = Path(e.project_dir)
    f = folder / e.name
    if not f.is_file():
        raise BadInputError(N_("{name} is missing in {folder}; get it again, then lock."), name=e.name, folder=folder)
    urls = tuple(e.options.get("urls") or (e.source,))
    sha = e.options.get("sha256")
    pinned = _pinned(index, f, sha if isinstance(sha, str) else None)
    return LockedModel(_model_path(folder, project), e.name, (LockedFile(e.name, f.stat().st_size, pinned),),
                       urls=urls)


# A complete job as a locked model, by its kind (core/contracts/model_kinds.py)
LOCKED: dict[ModelKind, Callable[[LibraryEntry, bytes | None, Path, BlobIndex], LockedModel]] = {
    ModelKind.TORRENT: _torrent_model,
    ModelKind.HUB_REPO: _hub_model,
    ModelKind.URL_FILE: _url_model,
}


def lock_project(project: Path, library: Library, index: BlobIndex) -> Lock:
    """Every complete library job placed in `project` (or below it), with each file hashed (the index
    spares files hashed before)."""
    project = project.resolve()
    models = []
    for job in library.entries():
        if job.state not in (JobState.FINISHED, JobState.SEEDING) or job.progress < 1:
            continue
        # Its own folder, and the folders its files were placed in (one gone since is left out).
        for i, where in enumerate((job.project_dir, *job.placed_in)):
            folder = Path(where).resolve()
            if not _inside(folder, project) or (i and not folder.is_dir()):
                continue
            e = dataclasses.replace(job, project_dir=str(folder))
            kind = kind_of(e)
            torrent = library.torrent_bytes(e.job_id) if kind is ModelKind.TORRENT else None
            models.append(LOCKED[kind](e, torrent, project, index))
    if not models:
        raise BadInputError(N_("The library has no complete model in {project}; get one with `modeldesk get "
                               "SOURCE --to DIR` inside the project first."), project=short(str(project), USER_PATH))
    return Lock(tuple(_one_per_place(models)))


def _one_per_place(models: list[LockedModel]) -> list[LockedModel]:
    """A hub model and the torrent published from its folder (which names the same repo and commit) are
    one model with two sources: one entry with the repo, commit, files and magnet together (two entries
    would place the same files twice, and sync refuses that)."""
    torrents = {(m.path, m.repo, m.commit): m for m in models if m.magnet and m.repo and m.commit}
    out: list[LockedModel] = []
    joined: set[int] = set()
    for m in models:
        t = torrents.get((m.path, m.repo, m.commit)) if m.repo and m.commit and not m.magnet else None
        if t is not None and {f.path for f in t.files} <= {f.path for f in m.files}:
            out.append(dataclasses.replace(m, magnet=t.magnet))
            joined.add(id(t))
        else:
            out.append(m)
    return [m for m in out if id(m) not in joined]


@dataclass
class ProjectState:
    """Each locked file of a project: right, missing, or holding other bytes."""

    ok: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    differs: list[str] = field(default_factory=list)
    placed: dict[str, str] = field(default_factory=dict)  # path -> link mode used

    @property
    def clean(self) -> bool:
        return not self.missing and not self.differs


def _dest(project: Path, model: LockedModel, f: LockedFile) -> tuple[str, Path]:
    rel = f.path if model.path == "." else f"{model.path}/{f.path}"
    try:
        return rel, resolve_inside(project, rel)
    except OSError as exc:
        raise BadInputError(N_("{rel} cannot be checked: {strerror}."), rel=rel, strerror=os_reason(exc)) from None


def locked_paths(project: Path, lock: Lock) -> Iterator[tuple[str, Path, LockedFile]]:
    """Each locked file: its path in the project, where that resolves (checked inside it), its entry."""
    for model in lock.models:
        for f in model.files:
            rel, dest = _dest(project, model, f)
            yield rel, dest, f


def check_project(project: Path, lock: Lock, index: BlobIndex, trust_index: bool) -> ProjectState:
    state = ProjectState()
    for rel, dest, f in locked_paths(project, lock):
        if not dest.is_file():
            state.missing.append(rel)
        elif dest.stat().st_size != f.size or index.hash(dest, trust_index) != f.sha256:
            state.differs.append(rel)
        else:
            state.ok.append(rel)
    return state


@dataclass
class Garbage:
    removed: list[str] = field(default_factory=list)
    freed: int = 0  # bytes the file system gets back (a file still linked elsewhere frees nothing)
    left: list[str] = field(default_factory=list)  # in a store, but not a version ModelDesk itself kept


def collect_garbage(index: BlobIndex, dry_run: bool = False) -> Garbage:
    """Earlier versions ModelDesk kept in projects' stores that the project's lock no longer names are
    removed. Nothing else is: a file in a store that ModelDesk did not put there (an earlier version set
    aside a user's edit there) is listed and left, and the user's edits that `sync --force` moved to
    `.modeldesk/edited/` are never looked at."""
    out = Garbage()
    marker = os.sep + STORE_DIR.replace("/", os.sep) + os.sep
    wanted: dict[str, set[str]] = {}  # project -> the contents its lock names, read once per project
    for seen in index.under(marker):
        path = Path(seen.path)
        project = seen.path.split(marker, 1)[0]
        if project not in wanted:
            try:
                wanted[project] = {f.sha256 for m in read_lock(Path(project) / LOCK_NAME).models for f in m.files}
            except BadInputError:
                wanted[project] = set()  # no lock (or an unreadable one) keeps nothing
        if seen.sha256 in wanted[project]:
            continue
        try:
            st = path.stat()
        except OSError:
            index.forget(path)
            continue
        if not index.is_ours(path, index.hash(path)):  # (read again only when its stat moved)
            out.left.append(seen.path)
            continue
        out.removed.append(seen.path)
        out.freed += st.st_blocks * 512 if st.st_nlink == 1 else 0
        if not dry_run:
            path.unlink()
            index.forget(path)
    return out


def missing_by_model(lock: Lock, missing: Iterable[str]) -> list[tuple[LockedModel, list[LockedFile]]]:
    wanted = set(missing)
    out = []
    for model in lock.models:
        files = [f for f, rel in zip(model.files, model.file_paths(), strict=True) if rel in wanted]
        if files:
            out.append((model, files))
    return out


def write_hub_manifests(project: Path, lock: Lock) -> None:
    """After a sync, each hub model's manifest lists all its locked files (a sync fetches only some)."""
    for model in lock.models:
        if model.repo and model.commit and not model.magnet:
            folder = project if model.path == "." else project / model.path
            write_manifest(folder, model.repo, {
                "kind": model.hub, "repo": model.repo, "revision": model.revision or model.commit,
                "commit": model.commit, "mirrors": list(model.mirrors),
                **({"also": list(model.also)} if model.also else {})},
                [{"path": f.path, "size": f.size, "sha256": f.sha256} for f in model.files], root=project)
