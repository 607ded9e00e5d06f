"""Project folders: check or create the folder a user picked for a model."""

from __future__ import annotations

import os
from pathlib import Path

from modeldesk.core.errors import TargetDirError


def ensure_project_dir(path: str | Path) -> Path:
    p = Path(path).expanduser().absolute()
    if p.exists() and not p.is_dir():
        raise TargetDirError(f"{p} is a file, not a folder. Pick a folder for the model.")
    try:
        p.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise TargetDirError(f"{p} cannot be created: part of that path is a file.") from None
    except OSError as exc:
        raise TargetDirError(f"{p} cannot be created: {exc.strerror}. Pick another folder.") from None
    if not os.access(p, os.W_OK | os.X_OK):
        raise TargetDirError(f"{p} is not writable. Pick a folder you can write to.")
    return p
