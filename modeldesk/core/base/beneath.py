"""Writes below a folder that never pass through a link: ModelDesk's bookkeeping in a project (manifests,
the hub client's `.cache/huggingface` metadata, the set-aside store) goes where its path says, or nowhere.

A cloned project may carry links planted where ModelDesk writes (`.modeldesk -> ~/.ssh`, a dangling
`.cache/huggingface/.gitignore -> ~/.bashrc`). Checking the resolved path and then opening it leaves a
gap between the two; here every element below the root is opened with O_NOFOLLOW from the folder before
it (openat), folders are made the same way, and the file is created with O_NOFOLLOW | O_EXCL and renamed
into place inside the same folder descriptor. The root itself may be a link: a project folder on another
disk is the user's choice. Where the system has no dir_fd calls (Windows), the resolved path is checked
instead (pathsafety.resolve_inside).
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from collections.abc import Iterator
from pathlib import Path

from modeldesk.core.base.errors import UnsafePathError
from modeldesk.core.base.messages import N_
from modeldesk.core.base.pathsafety import resolve_inside

_AT = os.open in os.supports_dir_fd and os.mkdir in os.supports_dir_fd and hasattr(os, "O_NOFOLLOW")
_DIR_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0)


def _parts(rel: str | Path) -> list[str]:
    text = Path(rel).as_posix()
    parts = [p for p in text.split("/") if p not in ("", ".")]
    if ".." in parts or text.startswith("/"):
        raise UnsafePathError(N_("{rel} leaves its folder; nothing was written."), rel=str(rel))
    return parts


def _refuse_link(root: Path, rel: str) -> UnsafePathError:
    return UnsafePathError(N_("{path} is a link (or not a folder) where ModelDesk keeps its own files; nothing was "
                              "written through it. Remove the link, then run this again."), path=Path(root) / rel)


@contextlib.contextmanager
def folder_beneath(root: Path, rel: str | Path, create: bool = True) -> Iterator[int]:
    """A descriptor of the folder root/rel, made as needed, no element below root a link."""
    fd = os.open(root, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    done: list[str] = []
    try:
        for part in _parts(rel):
            done.append(part)
            try:
                nfd = os.open(part, _DIR_FLAGS, dir_fd=fd)
            except FileNotFoundError:
                if not create:
                    raise
                with contextlib.suppress(FileExistsError):  # made meanwhile, or a dangling link (refused below)
                    os.mkdir(part, 0o755, dir_fd=fd)
                try:
                    nfd = os.open(part, _DIR_FLAGS, dir_fd=fd)
                except OSError as exc:
                    if exc.errno in (errno.ELOOP, errno.ENOTDIR):
                        raise _refuse_link(root, "/".join(done)) from None
                    raise
            except OSError as exc:
                if exc.errno in (errno.ELOOP, errno.ENOTDIR):
                    raise _refuse_link(root, "/".join(done)) from None
                raise
            os.close(fd)
            fd = nfd
        yield fd
    finally:
        os.close(fd)


def make_folder_beneath(root: Path, rel: str | Path) -> Path:
    """root/rel made (no element below root a link) and returned, for code that opens paths itself."""
    if not _AT:
        path = resolve_inside(root, rel)
        path.mkdir(parents=True, exist_ok=True)
        return Path(root) / rel
    with folder_beneath(root, rel):
        pass
    return Path(root) / rel


def write_beneath(root: Path, rel: str | Path, data: bytes, mode: int = 0o644, replace: bool = True) -> bool:
    """root/rel holds `data`, written whole (a temporary name, fsync, a rename in the same folder, fsync
    of the folder). With replace=False a file (or link) already there is left as it is. True if written."""
    parts = _parts(rel)
    if not parts:
        raise UnsafePathError(N_("{rel} names no file; nothing was written."), rel=str(rel))
    parent, name = "/".join(parts[:-1]), parts[-1]
    if not _AT:
        target = resolve_inside(root, rel)
        target.parent.mkdir(parents=True, exist_ok=True)
        if not replace and (target.exists() or target.is_symlink()):
            return False
        from modeldesk.core.base.atomic import atomic_write

        atomic_write(target, data, mode)
        return True
    with folder_beneath(root, parent) as dfd:
        if not replace:
            try:
                os.stat(name, dir_fd=dfd, follow_symlinks=False)
                return False
            except FileNotFoundError:
                pass
        tmp = f".{name}.{secrets.token_hex(4)}.tmp"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, mode, dir_fd=dfd)
        try:
            with os.fdopen(fd, "wb") as f:
                os.fchmod(f.fileno(), mode)  # the mode asked for, not the umask's
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, name, src_dir_fd=dfd, dst_dir_fd=dfd)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp, dir_fd=dfd)
            raise
        with contextlib.suppress(OSError):
            os.fsync(dfd)
    return True
