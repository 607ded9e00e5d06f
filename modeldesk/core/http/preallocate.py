"""Reserve a file's full size before its bytes arrive.

On disk file systems fallocate only marks extents (milliseconds for 1 GiB) and makes a full disk
fail at once instead of halfway. On tmpfs and ramfs there is nothing to lay out: fallocate allocates
and zeroes every page up front (0.43 s for 1 GiB here), work the writes would do anyway, so there
the file only gets its size; the free-space check before it still stands. macOS and Windows have no
posix_fallocate: there too the file only gets its size (both allocate lazily and report a full disk
on write, which the downloader turns into the same message).
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from modeldesk.core.base.errors import DiskError, InsufficientSpaceError
from modeldesk.core.base.messages import N_
from modeldesk.core.base.units import fmt_bytes

MEMORY_FILESYSTEMS = {"tmpfs", "ramfs"}


def filesystem_type(path: Path, mounts: str = "/proc/self/mounts") -> str:
    """The type of the file system holding `path` ("" where the mount table cannot be read)."""
    try:
        table = Path(mounts).read_text()
    except OSError:
        return ""
    target = os.path.realpath(path)
    best, kind = "", ""
    for line in table.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        point = fields[1].replace("\\040", " ")
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, kind = point, fields[2]
    return kind


def preallocate(fd: int, size: int, where: Path, name: str) -> None:
    fallocate = getattr(os, "posix_fallocate", None)  # None on macOS and Windows
    try:
        if fallocate is not None and filesystem_type(where) not in MEMORY_FILESYSTEMS:
            try:
                fallocate(fd, 0, size)
                return
            except OSError as exc:
                if exc.errno not in (errno.EOPNOTSUPP, errno.EINVAL):
                    raise
        os.ftruncate(fd, size)  # memory file systems, and those without fallocate
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            raise InsufficientSpaceError(N_("No space left for {name}."), name=name) from None
        if exc.errno == errno.EFBIG:
            raise DiskError(N_("The file system holding {where} cannot store a file of {size} ({name}); "
                               "FAT32 stops at 4 GiB. Pick a project folder on another drive, or reformat "
                               "this one as exFAT, NTFS or ext4."),
                            where=where, size=fmt_bytes(size), name=name) from None
        raise
