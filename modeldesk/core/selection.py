"""Include/exclude globs over the paths of a model, with the Hugging Face CLI's fnmatch rules.

A pattern ending in '/' means everything under that folder. A file is selected when it matches
some include pattern (or there are none) and no exclude pattern.
"""

from __future__ import annotations

from fnmatch import fnmatchcase
from collections.abc import Iterable

from modeldesk.core.models import Selection


def _norm(pattern: str) -> str:
    return pattern + "*" if pattern.endswith("/") else pattern


def _matches(path: str, patterns: Iterable[str]) -> bool:
    return any(fnmatchcase(path, _norm(p)) for p in patterns)


def is_selected(path: str, selection: Selection) -> bool:
    if selection.include and not _matches(path, selection.include):
        return False
    return not _matches(path, selection.exclude)


def select(paths: Iterable[str], selection: Selection) -> list[bool]:
    return [is_selected(p, selection) for p in paths]
