"""Project folders: check or create the folder a user picked for a model."""

from __future__ import annotations

import os
from pathlib import Path

from modeldesk.core.base.errors import TargetDirError
from modeldesk.core.base.messages import N_
from modeldesk.core.base.os_reasons import os_reason
from modeldesk.core.base.pathsafety import USER_PATH, short


PATH_MAX = 4095  # bytes in a whole path on Linux (PATH_MAX less its NUL)
NAME_MAX = 255  # bytes in one element on ext4, XFS, btrfs, APFS and NTFS


def user_path(text: str | Path) -> Path:
    """A folder or file name the user typed, '~' expanded, made absolute. Refused with a sentence: an
    empty name, a NUL (no file system allows one), bytes that are not UTF-8, a `~user` with no such user,
    a name longer than a file system takes."""
    raw = str(text)
    shown = short(raw.encode("utf-8", "replace").decode("utf-8"), USER_PATH)
    if not raw.strip():
        raise TargetDirError(N_("An empty path was given; name a folder."))
    if "\0" in raw:
        raise TargetDirError(N_("{text!r} is not a valid path (it contains a NUL character)."), text=shown)
    try:
        raw.encode("utf-8")
    except UnicodeEncodeError:
        raise TargetDirError(N_("{text!r} is not valid UTF-8 text (shown with ? for the bytes that are not); "
                                "ModelDesk takes UTF-8 file names. Rename it, or pick another folder."),
                             text=raw.encode("utf-8", "replace").decode("utf-8")) from None
    expanded = os.path.expanduser(raw)
    if raw.startswith("~") and expanded == raw:
        user = raw[1:].split("/", 1)[0]
        raise TargetDirError(N_("{text!r} starts with ~{user}, but this machine has no user {user!r}; write the "
                                "folder out in full."), text=shown, user=short(user))
    path = Path(expanded).absolute()
    if len(os.fsencode(path)) > PATH_MAX or any(len(os.fsencode(p)) > NAME_MAX for p in path.parts):
        raise TargetDirError(N_("{text!r} is longer than a file system allows ({name_max} bytes a name, {path_max} "
                                "in all); pick a shorter path."), text=short(raw), name_max=NAME_MAX,
                             path_max=PATH_MAX)
    return path


def ensure_project_dir(path: str | Path) -> Path:
    p = user_path(path)
    shown = short(str(p), USER_PATH)
    try:
        if p.exists() and not p.is_dir():
            raise TargetDirError(N_("{shown} is a file, not a folder. Pick a folder for the model."), shown=shown)
        p.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise TargetDirError(N_("{path} cannot be created: part of that path is a file."), path=p) from None
    except OSError as exc:
        raise TargetDirError(N_("{shown} cannot be created: {strerror}. Pick another folder."),
                             shown=shown, strerror=os_reason(exc)) from None
    if not os.access(p, os.W_OK | os.X_OK):
        raise TargetDirError(N_("{path} is not writable. Pick a folder you can write to."), path=p)
    return p


MAX_LEVELS = 8  # how far above a folder its project's files (modeldesk.lock, modeldesk.toml) are looked for


def find_upwards(folder: Path, name: str) -> Path | None:
    """The file `name` of the project holding `folder`: in it or in a folder above it, never above home
    (the folder itself need not exist yet)."""
    home = Path.home()
    for level, candidate in enumerate((folder, *folder.parents)):
        found = candidate / name
        if found.is_file():
            return found
        if candidate == home or level >= MAX_LEVELS:
            return None
    return None
