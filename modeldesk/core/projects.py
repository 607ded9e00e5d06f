"""Project folders: check or create the folder a user picked for a model."""

from __future__ import annotations

import os
from pathlib import Path

from modeldesk.core.errors import TargetDirError
from modeldesk.core.messages import N_
from modeldesk.core.os_reasons import os_reason
from modeldesk.core.pathsafety import USER_PATH, short


def user_path(text: str | Path) -> Path:
    """A folder or file name the user typed, '~' expanded (an unknown '~user' stays as typed), made
    absolute; a NUL, which no file system allows, is refused with a sentence."""
    if "\0" in str(text):
        raise TargetDirError(N_("{text!r} is not a valid path (it contains a NUL character)."),
                             text=short(str(text), USER_PATH))
    return Path(os.path.expanduser(text)).absolute()


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
