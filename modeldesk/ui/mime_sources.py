"""What a drop or the clipboard carries: sources to add (.torrent files, magnet, hf:// and http(s)
links) or model folders to publish."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from modeldesk.core.sources.classify import is_source


class Dropped(NamedTuple):
    sources: list[str]  # to add
    folders: list[str]  # model folders, to publish


def dropped(mime) -> Dropped:
    """What a drag carries: sources, and local folders."""
    folders = [u.toLocalFile() for u in mime.urls() if u.isLocalFile() and Path(u.toLocalFile()).is_dir()] \
        if mime.hasUrls() else []
    return Dropped(sources_from_mime(mime), folders)


def sources_from_mime(mime) -> list[str]:
    """.torrent files, URLs, magnets, info-hashes or hf:// text from a drop or the clipboard."""
    out: list[str] = []
    if mime.hasUrls():
        for url in mime.urls():
            out.append(url.toLocalFile() if url.isLocalFile() else url.toString())
    if not out and mime.hasText():
        out = [line.strip() for line in mime.text().splitlines() if line.strip()]
    return [s for s in out if is_source(s)]
