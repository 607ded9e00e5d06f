"""One job's files in several project folders: a `get` of a torrent the library already holds whole,
into another folder, places its files there (core/placing.py) instead of downloading them again. The
job keeps downloading and seeding from its own folder; the library records the other placements."""

from __future__ import annotations

from pathlib import Path

from modeldesk.core.contracts.models import FileEntry, LibraryEntry, Selection
from modeldesk.core.base.pathsafety import resolve_inside
from modeldesk.core.placement.placing import LinkMode, place_file
from modeldesk.core.contracts.selection import is_selected


def placeable(entry: LibraryEntry, selection: Selection) -> list[FileEntry] | None:
    """The files an add with `selection` wants, when the library's copy has every one of them whole;
    None when something would still have to be downloaded (then the add downloads as before)."""
    if entry.progress < 1.0 or not entry.files:
        return None
    wanted = [f for f in entry.files if is_selected(f.path, selection)]
    if not wanted:
        return None
    folder = Path(entry.project_dir)
    for f in wanted:
        try:
            st = (folder / f.path).stat()
        except OSError:
            return None
        if not f.selected or st.st_size != f.size:
            return None
    return wanted


def place_job_files(entry: LibraryEntry, files: list[FileEntry], project: Path,
                    mode: LinkMode) -> list[tuple[Path, LinkMode, Path]]:
    """Each file given its content from the job's own folder: (placed at, mode used, placed from). A
    file already sharing the library copy's inode is left as it is."""
    out = []
    for f in files:
        src = Path(entry.project_dir) / f.path
        dest = resolve_inside(project, f.path)
        try:
            if dest.stat().st_ino == src.stat().st_ino:
                continue
        except OSError:
            pass
        out.append((dest, place_file(src, dest, mode), src))
    return out


def delete_job_files(entry: LibraryEntry) -> None:
    """The job's own copies of its files, and the folders they leave empty (its placements keep theirs)."""
    root = Path(entry.project_dir)
    folders: set[Path] = set()
    for f in entry.files:
        path = root / f.path
        path.unlink(missing_ok=True)
        folders.update(p for p in path.parents if root in p.parents)
    for folder in sorted(folders, key=lambda p: len(p.parts), reverse=True):
        try:
            folder.rmdir()
        except OSError:
            pass  # not empty: something of the user's is in it
