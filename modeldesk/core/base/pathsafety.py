"""Paths from outside (torrents, hub listings, manifests), checked in one place for every engine.

Two checks. By name, when a listing or torrent is read: relative, no '..', no absolute or drive
paths, no NUL, and none of the folders that must never come from a stranger (`.git/`, whose config
can run commands, and our own or the hub client's bookkeeping). By place, just before a file is
opened or handed to libtorrent: the path, symlinks resolved, stays inside the project folder, so a
link already in a reused or shared folder cannot carry a write elsewhere.

libtorrent quietly rewrites a '..' element, but a user should hear that the torrent is hostile
rather than get a folder of renamed files.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

from modeldesk.core.base.errors import UnsafePathError
from modeldesk.core.base.messages import N_, Message

_DRIVE = re.compile(r"^[A-Za-z]:")
# Folders a listing or torrent may not write into, compared case-insensitively and without the
# trailing dots and spaces Windows ignores (".GIT." is ".git" there).
_RESERVED = ((".git",), (".modeldesk",), (".cache", "huggingface"))


USER_PATH = 300  # a path the user chose is shown whole unless it is absurdly long


def short(name: str, keep: int = 60) -> str:
    """A name cut for a message, its start and end kept: a hostile listing or a paste may be any length."""
    return name if len(name) <= keep else name[:keep // 2] + "…" + name[-(keep // 2):]


def _plain(part: str) -> str:
    return part.rstrip(". ").lower()


def _reserved_at(parts: list[str]) -> str | None:
    folded = [_plain(p) for p in parts]
    for i in range(len(folded)):
        for name in _RESERVED:
            if tuple(folded[i:i + len(name)]) == name:
                return "/".join(name)
    return None


def check_components(parts: list[str], what: str | Message) -> None:
    shown = short("/".join(parts), 120)
    if not parts:
        raise UnsafePathError(N_("{what} has an empty file name; it cannot be saved safely."), what=what)
    for part in parts:
        if part in ("", ".", "..") or "/" in part or "\\" in part or "\0" in part or _DRIVE.match(part):
            raise UnsafePathError(
                N_("{what} contains the file name {shown!r}, which would be written outside the project "
                   "folder. It was refused; ask the publisher for a fixed copy."), what=what, shown=shown
            )
    reserved = _reserved_at(parts)
    if reserved is not None:
        raise UnsafePathError(
            N_("{what} contains the file {shown!r} inside a {reserved}/ folder. Such folders are never "
               "written from a download (a .git/ folder can run commands when git is used there). It was "
               "refused; ask the publisher for a fixed copy."), what=what, shown=shown, reserved=reserved
        )


def check_relative_path(path: str, what: str | Message) -> None:
    """A '/'-separated path from a listing (e.g. a hub repo), checked element by element."""
    if path.startswith(("/", "\\")):
        raise UnsafePathError(
            N_("{what} contains the absolute file name {path!r}; it was refused so nothing is written "
               "outside the project folder."), what=what, path=path
        )
    check_components(path.split("/"), what)


def _inside(root: str, path: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def resolve_inside(root: Path | str, path: Path | str) -> Path:
    """`path` (absolute, or relative to `root`) with every symlink resolved, refused unless it stays
    inside `root` (itself resolved: a project folder that is a link to another disk is fine). Call it
    right before the file is opened; a path that does not exist yet resolves as far as it does."""
    real_root = os.path.realpath(root)
    target = Path(root) / path
    try:
        real = os.path.realpath(target)
    except (OSError, ValueError) as exc:
        raise UnsafePathError(N_("{target} cannot be checked ({exc}); nothing was written."),
                              target=target, exc=exc) from None
    if not _inside(real_root, real):
        link = _first_link(Path(root), target)
        via = Message.of(N_(" through the link {link} -> {target}"), link=link, target=os.readlink(link)) \
            if link else ""
        raise UnsafePathError(
            N_("{target} would be written outside the project folder {root}{via}. Nothing was written there; "
               "remove the link or pick another folder."), target=target, root=root, via=via
        )
    return Path(real)


def _first_link(root: Path, target: Path) -> Path | None:
    try:
        rel = target.relative_to(root)
    except ValueError:
        return None
    here = root
    for part in rel.parts:
        here = here / part
        if here.is_symlink():
            return here
    return None


def check_tree(root: Path | str, rel_paths: Iterable[str]) -> None:
    """resolve_inside for many files below one folder (a torrent's file list)."""
    for rel in rel_paths:
        resolve_inside(root, rel)


NAME_MAX = 255  # bytes per path element on ext4, XFS, btrfs, APFS and NTFS (UTF-16 units there)


def check_layout(paths: Iterable[str], what: str | Message) -> None:
    """A listing's '/'-separated paths as a whole, before anything is written: every element fits a
    file system's name limit, and no path is both a file and the folder of another (`model.bin` and
    `model.bin/inner.txt`), which would fail halfway through the download."""
    files = set(paths)
    for path in files:
        for part in path.split("/"):
            if len(part.encode("utf-8", "surrogateescape")) > NAME_MAX:
                raise UnsafePathError(
                    N_("{what} contains the file name {part!r}, longer than the {NAME_MAX} bytes a file "
                       "system allows. It cannot be saved; ask the publisher to shorten it."),
                    what=what, part=short(part), NAME_MAX=NAME_MAX)
    for path in files:
        parts = path.split("/")
        for i in range(1, len(parts)):
            folder = "/".join(parts[:i])
            if folder in files:
                raise UnsafePathError(
                    N_("{what} lists {folder!r} both as a file and as the folder of {path!r}; it cannot be "
                       "saved. Ask the publisher for a fixed copy."), what=what, folder=short(folder), path=short(path))
