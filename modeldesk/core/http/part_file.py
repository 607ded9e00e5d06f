"""A file of an HTTP job on disk before it is finished: its three names (final, partial, and the map
of finished ranges), the folder made for it, the partial file opened without following a link, the
free space it still needs, and a write error said in one line. Nothing here fetches."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

from modeldesk.core.base.constants import INCOMPLETE_SUFFIX
from modeldesk.core.base.errors import DiskError, InsufficientSpaceError, UnsafePathError
from modeldesk.core.base.messages import N_
from modeldesk.core.base.os_reasons import os_reason
from modeldesk.core.base.pathsafety import resolve_inside
from modeldesk.core.base.units import fmt_bytes


def file_paths(dest: Path) -> tuple[Path, Path, Path]:
    """A file of a job on disk: its final name, its partial file and that one's map of finished ranges."""
    part = dest.with_name(dest.name + INCOMPLETE_SUFFIX)
    return dest, part, part.with_name(part.name + ".map")


def make_folder(folder: Path) -> None:
    """mkdir -p with a message a user can act on when a file sits where a folder must go."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        blocker = next((p for p in (folder, *folder.parents) if p.exists() and not p.is_dir()), folder)
        raise DiskError(N_("Cannot create the folder {folder}: the file {blocker} is in the way. Move or "
                           "rename it, or pick another project folder; it was left as it is."),
                        folder=folder, blocker=blocker) from None
    except OSError as exc:
        raise DiskError(N_("Cannot create the folder {folder}: {reason}."),
                        folder=folder, reason=os_reason(exc)) from None


def open_part(part: Path, root: Path) -> int:
    """The partial file, opened only where it resolves inside the project folder `root`: the folders
    leading to it are checked again now that they exist, and the file itself is never a link
    (O_NOFOLLOW). The final name is given by rename, which replaces a link rather than following it."""
    resolve_inside(root, part.parent)
    try:
        return os.open(part, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o644)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise UnsafePathError(N_("{part} is a link; it was left alone and nothing was written "
                                     "through it. Remove it, then try again."), part=part) from None
        raise write_error(exc, part) from None


def check_space(dest: Path, size: int) -> None:
    """What the partial file already holds is reused (or freed by a truncate): one a run preallocated
    in full needs no more space, however little of it is downloaded."""
    part = file_paths(dest)[1]
    held = part.stat().st_blocks * 512 if part.exists() else 0
    need = max(0, size - held)
    free = shutil.disk_usage(dest.parent).free
    if need > free:
        raise InsufficientSpaceError(
            N_("Not enough free space in {parent}: {name} needs {need} more, only {free} is free."),
            parent=dest.parent, name=dest.name, need=fmt_bytes(need), free=fmt_bytes(free)
        )


def write_error(exc: OSError, part: Path) -> DiskError:
    if exc.errno == errno.ENOSPC:
        return InsufficientSpaceError(N_("No space left while writing {part}. Free some space, then try "
                                         "again; finished bytes are kept."), part=part)
    return DiskError(N_("Writing {part} failed: {reason}. Fix the folder, then try again; "
                        "finished bytes are kept."), part=part, reason=os_reason(exc))
