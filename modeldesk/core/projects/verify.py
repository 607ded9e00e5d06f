"""`verify FOLDER` for every kind of job: hub repos by their manifests' sha256 (and git blob ids),
torrents by their piece hashes (v1 and v2), URL files by their sha256 when one was given. What the
folder holds is known from its manifests and from the library's jobs in that folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from modeldesk.core.contracts.source_kind import SourceKind
from modeldesk.core.base.errors import BadInputError
from modeldesk.core.library.manifest import file_matches, verify_manifests
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
    checked = 0
    missing: list[str] = []
    corrupt: list[str] = []
    unverified: list[str] = []
    by_manifest = verify_manifests(folder)
    if by_manifest is not None:
        checked += by_manifest.checked
        missing += by_manifest.missing
        corrupt += by_manifest.corrupt
    jobs = _jobs_in(folder, paths)
    for entry, torrent, base in jobs:
        if entry.kind is JobKind.BT and torrent:
            from modeldesk.core.torrent.verify import check_torrent  # libtorrent only when a torrent is here

            wanted = {f.path for f in entry.files if f.selected} or None
            result = check_torrent(torrent, str(base), wanted, paths.parts_dir)
            checked += len(result.checked)
            missing += result.missing
            corrupt += result.corrupt
        elif entry.kind is JobKind.HTTP and entry.source_kind == SourceKind.FILE:
            checked += 1
            f, sha = folder / entry.name, entry.options.get("sha256")
            if not f.is_file():
                missing.append(entry.name)
            elif not file_matches(f, entry.size_total if entry.size_total > 0 else f.stat().st_size, sha):
                corrupt.append(entry.name)
            elif not sha:
                unverified.append(entry.name)
    if by_manifest is None and not checked:
        raise BadInputError(N_("{folder} holds no model ModelDesk knows: no manifest "
                               "(.modeldesk/manifest-*.json) and no job of the library in this folder."), folder=folder)
    return FolderReport(checked, tuple(missing), tuple(corrupt), tuple(unverified))
