"""`verify FOLDER` for every kind of job: hub repos by their manifests' sha256 (and git blob ids),
torrents by their piece hashes (v1 and v2), URL files by their sha256 when one was given. What the
folder holds is known from its manifests and from the library's jobs in that folder."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from modeldesk.core.contracts.model_kinds import ModelKind, kind_of
from modeldesk.core.base.errors import BadInputError
from modeldesk.core.base.digests import file_matches
from modeldesk.core.library.manifest import verify_manifests
from modeldesk.core.library.store import Library
from modeldesk.core.base.messages import N_
from modeldesk.core.contracts.models import JobKind, LibraryEntry
from modeldesk.core.config.paths import AppPaths
from modeldesk.core.projects.projects import user_path


@dataclass(frozen=True)
class FolderReport:
    checked: int
    missing: tuple[str, ...]
    corrupt: tuple[str, ...]
    unverified: tuple[str, ...] = ()  # URL files with no published sha256: only their size was checked

    @property
    def ok(self) -> bool:
        return not self.missing and not self.corrupt


def _top_folder(e: LibraryEntry) -> str | None:
    """The one folder a multi-file torrent puts its files in (`--to out` gives out/NAME), if it has one."""
    tops = {f.path.split("/", 1)[0] for f in e.files if "/" in f.path}
    return tops.pop() if len(tops) == 1 and all("/" in f.path for f in e.files) else None


def _jobs_in(folder: Path, paths: AppPaths) -> list[tuple[LibraryEntry, bytes | None, Path]]:
    """The library's jobs in `folder`, each with the folder its files are relative to: `folder` itself,
    or, for a torrent's own top folder (verify out/NAME), the folder above it."""
    if not paths.library_db.exists():
        return []
    lib = Library(paths.library_db)
    try:
        found = []
        for e in lib.entries():
            places = {Path(where).resolve() for where in (e.project_dir, *e.placed_in)}
            if folder in places:
                found.append((e, lib.torrent_bytes(e.job_id), folder))
            elif e.kind is JobKind.BT and folder.parent in places and _top_folder(e) == folder.name:
                found.append((e, lib.torrent_bytes(e.job_id), folder.parent))
        return found
    finally:
        lib.close()


def verify_folder(folder: Path, paths: AppPaths) -> FolderReport:
    folder = user_path(folder).resolve()
    if not folder.is_dir():
        raise BadInputError(N_("{folder} is not a folder."), folder=folder)
    by_manifest = verify_manifests(folder)
    found = [FolderReport(by_manifest.checked, by_manifest.missing, by_manifest.corrupt)] if by_manifest else []
    for entry, torrent, base in _jobs_in(folder, paths):
        if (report := CHECKS[kind_of(entry)](entry, torrent, base, paths)) is not None:
            found.append(report)
    checked = sum(r.checked for r in found)
    if by_manifest is None and not checked:
        raise BadInputError(N_("{folder} holds no model ModelDesk knows: no manifest "
                               "(.modeldesk/manifest-*.json) and no job of the library in this folder."), folder=folder)
    return FolderReport(checked, tuple(p for r in found for p in r.missing),
                        tuple(p for r in found for p in r.corrupt), tuple(p for r in found for p in r.unverified))


def _check_torrent(entry: LibraryEntry, torrent: bytes | None, base: Path, paths: AppPaths) -> FolderReport | None:
    if not torrent:
        return None
    from modeldesk.core.torrent.verify import check_torrent  # libtorrent only when a torrent is here

    wanted = {f.path for f in entry.files if f.selected} or None
    result = check_torrent(torrent, str(base), wanted, paths.parts_dir)
    return FolderReport(len(result.checked), tuple(result.missing), tuple(result.corrupt))


def _check_file(entry: LibraryEntry, torrent: bytes | None, base: Path, paths: AppPaths) -> FolderReport:
    f, sha = base / entry.name, entry.options.get("sha256")
    if not f.is_file():
        return FolderReport(1, (entry.name,), ())
    if not file_matches(f, entry.size_total if entry.size_total > 0 else f.stat().st_size, sha):
        return FolderReport(1, (), (entry.name,))
    return FolderReport(1, (), (), () if sha else (entry.name,))


def _by_manifest(entry: LibraryEntry, torrent: bytes | None, base: Path, paths: AppPaths) -> None:
    return None  # a hub repo's manifest is checked with the folder's others


# How a library job in the folder is checked, by its kind (core/contracts/model_kinds.py)
CHECKS: dict[ModelKind, Callable[[LibraryEntry, bytes | None, Path, AppPaths], FolderReport | None]] = {
    ModelKind.TORRENT: _check_torrent,
    ModelKind.HUB_REPO: _by_manifest,
    ModelKind.URL_FILE: _check_file,
}
