"""Moving a job's files to another project folder, all or none: nothing at the destination is
overwritten, and a move that fails half-way puts back what it had moved."""

from __future__ import annotations

import errno
import logging
import os
import shutil
from pathlib import Path

from modeldesk.core.base.errors import DiskError
from modeldesk.core.base.messages import N_
from modeldesk.core.base.os_reasons import os_reason
from modeldesk.core.base.pathsafety import resolve_inside

log = logging.getLogger(__name__)


def _move_one(src: Path, dst: Path) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.rename(src, dst)  # same file system: instant, and atomic per file
    except OSError as exc:
        if exc.errno != errno.EXDEV:  # another file system: copy, then delete
            raise
        shutil.move(src, dst)


def _prune(folder: Path, stop: Path) -> None:
    """Remove folders left empty by the move, up to (not including) the old project folder."""
    while folder != stop and stop in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


def move_files(old_root: Path, new_root: Path, paths: list[Path]) -> None:
    """Move each existing path (inside old_root) to the same place under new_root."""
    old_root, new_root = Path(old_root), Path(new_root)
    pairs = [(p, new_root / p.relative_to(old_root)) for p in paths if p.exists()]
    for _src, dst in pairs:  # a link in the new folder must not carry the model elsewhere
        resolve_inside(new_root, dst.parent)
        resolve_inside(new_root, dst)
    clash = [dst for _src, dst in pairs if dst.exists()]
    if clash:
        raise DiskError(N_("{clash} already exists; move or rename it first. Nothing was moved."), clash=clash[0])
    done: list[tuple[Path, Path]] = []
    try:
        for src, dst in pairs:
            _move_one(src, dst)
            done.append((src, dst))
    except OSError as exc:
        for src, dst in reversed(done):
            try:
                _move_one(dst, src)
            except OSError:
                log.exception("could not put %s back at %s", dst, src)
        raise DiskError(N_("Moving to {new_root} failed: {reason}. The files stay in {old_root}."),
                        new_root=new_root, reason=os_reason(exc), old_root=old_root) \
            from None
    for src, _dst in pairs:
        _prune(src.parent, old_root)
