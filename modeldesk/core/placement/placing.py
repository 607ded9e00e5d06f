"""Placing a file the library already holds into a project, without a second download and, where the
file system allows, without a second copy: like uv's link modes and pnpm's store.

- reflink: a copy-on-write clone (FICLONE; btrfs, XFS, bcachefs). Shares blocks until either side is
  written; an edit in one project never shows in another.
- hardlink: the same inode in both places (same file system). The file is made read-only, so an editor
  or a training script that opens it for writing fails instead of changing every project at once;
  tools that save by writing a new file and renaming it replace only their own link.
- copy: a full copy (another file system, or the user asked for it).
`auto` tries them in that order.
"""

from __future__ import annotations

import errno
import fcntl
import os
import shutil
import stat
from enum import StrEnum
from pathlib import Path

from modeldesk.core.base.errors import BadInputError, DiskError
from modeldesk.core.base.messages import N_, Message
from modeldesk.core.base.os_reasons import os_reason

FICLONE = 0x40049409  # _IOW(0x94, 9, int), linux/fs.h
# Errors that mean "this file system or this pair of folders cannot do that": try the next mode.
_UNSUPPORTED = {errno.EXDEV, errno.EOPNOTSUPP, errno.ENOTTY, errno.EINVAL, errno.EPERM, errno.EMLINK, errno.ENOSYS}


class LinkMode(StrEnum):
    AUTO = "auto"
    REFLINK = "reflink"
    HARDLINK = "hardlink"
    COPY = "copy"


def parse_link_mode(text: str) -> LinkMode:
    try:
        return LinkMode(text)
    except ValueError:
        raise BadInputError(N_("{text!r} is not a link mode; use one of: {modes}."), text=text,
                            modes=", ".join(m.value for m in LinkMode)) from None


def _reflink(src: Path, tmp: Path) -> None:
    with open(src, "rb") as s:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
        try:
            fcntl.ioctl(fd, FICLONE, s.fileno())
        finally:
            os.close(fd)


def _hardlink(src: Path, tmp: Path) -> None:
    os.link(src, tmp)
    mode = os.stat(tmp).st_mode
    os.chmod(tmp, mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


def _copy(src: Path, tmp: Path) -> None:
    shutil.copyfile(src, tmp)  # copy_file_range/sendfile in the kernel where it can


_STEPS = {LinkMode.REFLINK: _reflink, LinkMode.HARDLINK: _hardlink, LinkMode.COPY: _copy}
_AUTO = (LinkMode.REFLINK, LinkMode.HARDLINK, LinkMode.COPY)


def place_file(src: Path, dest: Path, mode: LinkMode = LinkMode.AUTO) -> LinkMode:
    """Give `dest` the content of `src`; returns the mode used. `dest` appears whole or not at all (a
    temporary name beside it, then a rename); its folder must already be checked to be inside the
    project (pathsafety.resolve_inside)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.parent / f".{dest.name}.{os.getpid()}.placing"
    modes = _AUTO if mode is LinkMode.AUTO else (mode,)
    last: OSError | None = None
    for m in modes:
        try:
            tmp.unlink(missing_ok=True)
            _STEPS[m](src, tmp)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            if exc.errno in _UNSUPPORTED and m is not modes[-1]:
                last = exc
                continue
            if exc.errno in _UNSUPPORTED:
                raise DiskError(N_("{dest} cannot be placed as a {mode} of {src}: {strerror}. Use "
                                   "--link-mode auto or copy."),
                                dest=dest, mode=m.value, src=src, strerror=os_reason(exc)) from None
            raise DiskError(N_("{dest} cannot be placed from {src}: {strerror}."),
                            dest=dest, src=src, strerror=os_reason(exc)) from None
        os.replace(tmp, dest)
        return m
    raise DiskError(N_("{dest} cannot be placed from {src}: {reason}."),
                    dest=dest, src=src, reason=os_reason(last) if last else Message(N_("no way of placing worked")))
