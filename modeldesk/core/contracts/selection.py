"""Include/exclude globs over the paths of a model, with the Hugging Face CLI's fnmatch rules.

A pattern ending in '/' means everything under that folder. A file is selected when it matches
some include pattern (or there are none) and no exclude pattern. For a torrent with a top folder,
a pattern may name paths inside it ('models/**') or with it ('tts-model/models/**').
"""

from __future__ import annotations

from fnmatch import fnmatchcase
from collections.abc import Iterable

from modeldesk.core.contracts.models import Selection


def _norm(pattern: str) -> str:
    return pattern + "*" if pattern.endswith("/") else pattern


def _matches(paths: tuple[str, ...], patterns: Iterable[str]) -> bool:
    return any(fnmatchcase(path, _norm(p)) for p in patterns for path in paths)


def is_selected(path: str, selection: Selection, top_folder: str = "") -> bool:
    paths: tuple[str, ...] = (path,)
    if top_folder and path.startswith(top_folder + "/"):
        paths = (path, path[len(top_folder) + 1 :])
    if selection.include and not _matches(paths, selection.include):
        return False
    return not _matches(paths, selection.exclude)


def select(paths: Iterable[str], selection: Selection, top_folder: str = "") -> list[bool]:
    return [is_selected(p, selection, top_folder) for p in paths]


def glob_escape(path: str) -> str:
    """A pattern that matches exactly `path` (a file picked by name, whatever characters it has)."""
    return "".join(f"[{c}]" if c in "*?[" else c for c in path)
