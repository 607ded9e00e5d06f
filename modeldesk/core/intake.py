"""What the user gave us (a magnet, an info-hash, a .torrent path or URL, a hub repo, a file URL)
turned into one add request. Shared by the CLI and the desktop app."""

from __future__ import annotations

import enum
from urllib.parse import urlsplit

from modeldesk.core.errors import BadSourceError
from modeldesk.core.http.hub import is_hub_url, parse_repo_ref
from modeldesk.core.adds import HttpAdd, HubAdd, TorrentAdd, is_file_url, resolve_torrent_source
from modeldesk.core.models import Selection
from modeldesk.core.torrent.sources import TorrentSource


class SourceKind(enum.StrEnum):
    TORRENT = "torrent"  # magnet, info-hash, .torrent path or URL
    HUB = "hub"  # hf://org/name, a hub or mirror repo URL
    FILE = "file"  # any other http(s) URL


def mirror_hosts(mirrors: tuple[str, ...] | list[str]) -> set[str]:
    return {urlsplit(m).netloc for m in mirrors}


def classify(text: str, hosts: set[str] | frozenset[str] = frozenset()) -> SourceKind:
    if is_hub_url(text, hosts):
        return SourceKind.HUB
    if is_file_url(text):
        return SourceKind.FILE
    return SourceKind.TORRENT


def build_add(text: str, project_dir: str, selection: Selection = Selection(), seed: bool = True,
              mirrors: tuple[str, ...] = (), connections: int | None = None, stall_timeout: float | None = None,
              resolved: TorrentSource | None = None) -> TorrentAdd | HttpAdd | HubAdd:
    """One source as an add request. Blocking for a .torrent URL (it is fetched) unless `resolved` is that
    source already read (the add dialog's preview): call it off the GUI thread."""
    text = text.strip()
    if not text:
        raise BadSourceError("Nothing to add: paste a magnet link, a .torrent, an hf:// repo or a URL.")
    mirrors = tuple(m.rstrip("/") for m in mirrors)
    kind = classify(text, mirror_hosts(mirrors))
    if kind is SourceKind.HUB:
        return HubAdd(parse_repo_ref(text), project_dir, selection, mirrors, connections, stall_timeout)
    if kind is SourceKind.FILE:
        return HttpAdd((text,), project_dir, None, connections, stall_timeout)
    return TorrentAdd(resolved or resolve_torrent_source(text), project_dir, selection, seed=seed)
