"""What a source text is: the one vocabulary of the classifier (core/sources/classify.py), the add
dialog's preview, the torrent parsers and the library, which stores these values (jobs.source_kind)."""

from __future__ import annotations

import enum


class SourceKind(enum.StrEnum):
    MAGNET = "magnet"
    INFO_HASH = "infohash"  # 40 or 64 hex digits, or 32 base32 letters
    TORRENT = "torrent"  # a .torrent file, or an http(s) URL of one
    HUB = "hf"  # hf://org/name, or a repo, folder or file URL on a hub or a mirror
    FILE = "url"  # any other http(s) URL: a plain file, from mirrors

    @property
    def is_torrent(self) -> bool:
        """A job of the torrent engine (its file list may come from peers)."""
        return self in (SourceKind.MAGNET, SourceKind.INFO_HASH, SourceKind.TORRENT)
