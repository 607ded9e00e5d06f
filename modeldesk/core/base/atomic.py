"""Atomic file replacement: temp file on the same volume, fsync, rename, fsync the folder; and a file's
bytes synced by path."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def atomic_write(path: Path, data: bytes, mode: int = 0o600) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    fsync_dir(path.parent)


def fsync_dir(folder: Path) -> None:
    _sync(folder, os.O_RDONLY, os.fsync)


def sync_file(path: Path) -> None:
    """fdatasync a file that may not exist (yet): a file libtorrent has not written to is not created,
    and a write error of its own reaches the job through the writer."""
    _sync(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0), os.fdatasync)


def _sync(path: Path, flags: int, sync) -> None:
    try:
        fd = os.open(path, flags)
    except OSError:
        return
    try:
        sync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
