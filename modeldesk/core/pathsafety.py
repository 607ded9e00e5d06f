"""Refuse file names that would land outside the project folder.

Torrents and repo listings come from strangers. libtorrent quietly rewrites a '..' element, but a
user should hear that the torrent is hostile rather than get a folder of renamed files.
"""

from __future__ import annotations

import re

from modeldesk.core.errors import UnsafePathError

_DRIVE = re.compile(r"^[A-Za-z]:")


def check_components(parts: list[str], what: str) -> None:
    shown = "/".join(parts)
    if not parts:
        raise UnsafePathError(f"{what} has an empty file name; it cannot be saved safely.")
    for part in parts:
        if part in ("", ".", "..") or "/" in part or "\\" in part or "\0" in part or _DRIVE.match(part):
            raise UnsafePathError(
                f"{what} contains the file name {shown!r}, which would be written outside the "
                "project folder. It was refused; ask the publisher for a fixed copy."
            )


def check_relative_path(path: str, what: str) -> None:
    """A '/'-separated path from a listing (e.g. a hub repo), checked element by element."""
    if path.startswith(("/", "\\")):
        raise UnsafePathError(
            f"{what} contains the absolute file name {path!r}; it was refused so nothing is written "
            "outside the project folder."
        )
    check_components(path.split("/"), what)
