"""What the user gave us (a magnet, an info-hash, a .torrent path or URL, a hub repo, a file URL)
turned into one add request. Shared by the CLI and the desktop app: the add dialog's preview
resolves a source once (a .torrent read, a hub repo pinned to its commit and listed, with the
token of its host), and the add takes exactly what the preview resolved."""

from __future__ import annotations

from dataclasses import dataclass

from modeldesk.core.sources.hub_access import HubAccess
from modeldesk.core.base.errors import BadSourceError
from modeldesk.core.contracts.source_kind import SourceKind
from modeldesk.core.http.hub import parse_repo_ref
from modeldesk.core.sources.adds import HttpAdd, HubAdd, TorrentAdd, http_file_name, torrent_source
from modeldesk.core.sources.classify import classify, hub_hosts
from modeldesk.core.http.hub_plan import HubListing, list_repo
from modeldesk.core.base.messages import N_
from modeldesk.core.contracts.models import FileEntry, Selection
from modeldesk.core.projects.project_config import project_mirrors, project_pairs
from modeldesk.core.config.proxy import Proxy
from modeldesk.core.contracts.selection import is_selected
from modeldesk.core.config.settings import HttpSettings
from modeldesk.core.torrent.sources import TorrentSource


@dataclass(frozen=True)
class Resolved:
    """A source read before it is added (what the add dialog shows)."""

    source: str
    kind: SourceKind
    name: str
    files: tuple[FileEntry, ...]  # empty for a magnet (metadata comes from peers) or a plain URL
    total_size: int
    torrent: TorrentSource | None = None  # the torrent read, so adding it does not read it again
    hub: HubListing | None = None  # the repo pinned and listed, so the add fetches exactly this


def resolve_source(text: str, mirrors: tuple[str, ...], http: HttpSettings, proxy: Proxy | None = None,
                   project_dir: str = "") -> Resolved:
    """Blocking: may read a .torrent from disk or the network, or pin and list a hub repo (with the
    token the user trusted its host with), through `proxy` (None: the system's): call it off the GUI thread.
    `mirrors`: given once; the mirrors of the project holding `project_dir` come after them."""
    text = text.strip()
    mirrors = tuple(m.rstrip("/") for m in mirrors) + (project_mirrors(project_dir) if project_dir else ())
    hosts = hub_hosts(mirrors, http)
    source = classify(text, hosts)
    kind = source.kind
    if kind is SourceKind.FILE:
        return Resolved(text, kind, http_file_name(text), (), 0)
    if kind is SourceKind.HUB:
        ref = parse_repo_ref(text, hosts)
        access = HubAccess(http, proxy)
        listing = list_repo(ref, access.endpoints(ref, mirrors), access.credentials(), proxy)
        wanted = ref.narrowed(Selection())  # a file or folder URL preselects what it points at
        files = tuple(FileEntry(i, f.path, f.size, is_selected(f.path, wanted)) for i, f in enumerate(listing.files))
        return Resolved(text, kind, ref.repo_id, files, sum(f.size for f in files), hub=listing)
    src = torrent_source(source, proxy)
    return Resolved(text, kind, src.name, src.files, sum(f.size for f in src.files), torrent=src)


def build_add(text: str, project_dir: str, selection: Selection = Selection(), seed: bool = True,
              mirrors: tuple[str, ...] = (), connections: int | None = None, stall_timeout: float | None = None,
              resolved: Resolved | None = None, proxy: Proxy | None = None,
              hub_cache: str | None = None, http: HttpSettings | None = None) -> TorrentAdd | HttpAdd | HubAdd:
    """One source as an add request. Blocking for a .torrent URL (it is fetched) unless `resolved` is that
    source already read (the add dialog's preview): call it off the GUI thread. `hub_cache`: a hub repo is
    also placed into this hub cache folder once complete. `http`: the settings whose hub mirrors' URLs
    are read as repos of their hub."""
    if resolved is not None and resolved.source.strip() != text.strip():
        resolved = None  # the user changed the text after the preview
    text = text.strip()
    if not text:
        raise BadSourceError(N_("Nothing to add: paste a magnet link, a .torrent, an hf:// repo or a URL."))
    mirrors = tuple(m.rstrip("/") for m in mirrors) + project_mirrors(project_dir)  # once, then the project's
    hosts = hub_hosts(mirrors, http)
    source = classify(text, hosts)
    if source.kind is SourceKind.HUB:
        listing = resolved.hub if resolved is not None else None
        ref = listing.ref if listing is not None else parse_repo_ref(text, hosts)
        from modeldesk.core.projects.lockfile import locked_swarms  # TOML parsing only for a hub repo

        mirrors += project_pairs(project_dir, ref.repo_id)  # the same model on another hub ([hub.also])
        return HubAdd(ref, project_dir, ref.narrowed(selection), mirrors, connections, stall_timeout,
                      listing=listing, swarms=locked_swarms(project_dir, ref.repo_id, ref.hub), hub_cache=hub_cache)
    if source.kind is SourceKind.FILE:
        return HttpAdd((text,), project_dir, None, connections, stall_timeout)
    src = resolved.torrent if resolved is not None else None
    return TorrentAdd(src or torrent_source(source, proxy), project_dir, selection, seed=seed, mirrors=mirrors)
