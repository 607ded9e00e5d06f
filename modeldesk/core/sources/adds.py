"""What an add request is (a torrent, a plain file from mirrors, a hub repository), and turning user
input and library entries into one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar
from urllib.parse import unquote

from modeldesk.core.base.constants import MAX_TORRENT_BYTES
from modeldesk.core.base.errors import BadInputError, BadSourceError
from modeldesk.core.contracts.hub_refs import RepoRef
from modeldesk.core.base.messages import N_, Message
from modeldesk.core.base.urls import split_url
from modeldesk.core.contracts.model_kinds import ModelKind, kind_of
from modeldesk.core.contracts.models import LibraryEntry, Selection
from modeldesk.core.base.pathsafety import check_layout, check_relative_path, short
if TYPE_CHECKING:
    from modeldesk.core.http.hub_plan import HubListing
    from modeldesk.core.config.proxy import Proxy
from modeldesk.core.contracts.source_kind import SourceKind
from modeldesk.core.sources.classify import Source, classify
from modeldesk.core.torrent.sources import (
    TorrentSource,
    parse_info_hash,
    parse_magnet,
    parse_torrent_bytes,
    parse_torrent_path,
)


@dataclass(frozen=True)
class TorrentAdd:
    model_kind: ClassVar[ModelKind] = ModelKind.TORRENT

    source: TorrentSource
    project_dir: str
    selection: Selection = field(default_factory=Selection)
    seed: bool = True
    rename_incomplete: bool = True
    limits: tuple[int, int] = (0, 0)  # this job's download and upload bytes/s, 0 = none
    mirrors: tuple[str, ...] = ()  # hub endpoints (--mirror) for a torrent that names its repo and commit
    expected: tuple[tuple[str, int, str], ...] = ()  # (path, size, sha256) a lock pins: checked before final names


@dataclass(frozen=True)
class HttpAdd:
    """A plain file offered by one or more mirrors."""

    model_kind: ClassVar[ModelKind] = ModelKind.URL_FILE

    urls: tuple[str, ...]
    project_dir: str
    sha256: str | None = None
    connections: int | None = None  # None: the settings' value
    stall_timeout: float | None = None
    limits: tuple[int, int] = (0, 0)  # download bytes/s for this job (HTTP has no upload), 0 = none
    job_id: str | None = None  # a library job added again keeps its id, wherever its folder is now


@dataclass(frozen=True)
class HubAdd:
    """A model repository on a Hugging Face-style hub and its mirrors."""

    model_kind: ClassVar[ModelKind] = ModelKind.HUB_REPO

    ref: RepoRef
    project_dir: str
    selection: Selection = field(default_factory=Selection)
    mirrors: tuple[str, ...] = ()
    connections: int | None = None  # None: the settings' value
    stall_timeout: float | None = None
    limits: tuple[int, int] = (0, 0)
    job_id: str | None = None
    listing: HubListing | None = None  # pinned and listed by a preview: added exactly as previewed
    hub_cache: str | None = None  # also place the files into this hub cache (HF_HUB_CACHE layout) when done
    swarms: tuple[tuple[str, str], ...] = ()  # (commit, magnet) of torrents a project's lock pins for the repo
    expected: tuple[tuple[str, int, str], ...] = ()  # (path, size, sha256) the lock pins, for a swarm's files


def http_file_name(url: str) -> str:
    name = unquote(split_url(url).path.rstrip("/").rsplit("/", 1)[-1]) or "download"
    what = Message.of(N_("The URL {url}"), url=short(url))
    check_relative_path(name, what)
    if "/" in name:
        raise BadSourceError(N_("{what} names no file."), what=what)
    check_layout([name], what)
    return name


def check_sha256(text: str | None) -> str | None:
    if text is None:
        return None
    t = text.strip().lower()
    if len(t) != 64 or any(c not in "0123456789abcdef" for c in t):
        raise BadInputError(N_("{text!r} is not a sha256 (64 hex digits)."), text=text)
    return t


def torrent_source(source: Source, proxy: Proxy | None = None) -> TorrentSource:
    """A classified magnet, info-hash, .torrent path or http(s) URL of a .torrent → a checked source.
    Blocking (a URL is fetched, through `proxy`; None: the system's): call it off the GUI thread."""
    if source.kind is SourceKind.MAGNET:
        return parse_magnet(source.text)
    if source.kind is SourceKind.INFO_HASH:
        return parse_info_hash(source.text)
    if source.kind is not SourceKind.TORRENT:
        raise BadSourceError(N_("{source!r} is not a magnet link, info-hash, URL or existing .torrent file."),
                             source=short(source.text))
    if source.is_url:
        from modeldesk.core.http.client import fetch_bytes  # requests costs ~150 ms to import

        return parse_torrent_bytes(fetch_bytes(source.text, MAX_TORRENT_BYTES, proxy=proxy), source.text)
    return parse_torrent_path(source.text)


def resolve_torrent_source(text: str, proxy: Proxy | None = None) -> TorrentSource:
    """What the user named as a torrent (`seed TORRENT`, `--torrent`): an http(s) URL there is a
    .torrent's, whatever its path ends with."""
    source = classify(text)
    if source.is_url and source.kind is not SourceKind.TORRENT:
        source = Source(SourceKind.TORRENT, source.text)
    return torrent_source(source, proxy)


def _torrent_kind(stored: str) -> SourceKind:
    try:
        return SourceKind(stored)
    except ValueError:  # not one the library writes: a torrent, as it holds its bytes
        return SourceKind.TORRENT


def library_add(entry: LibraryEntry, torrent: bytes | None) -> TorrentAdd:
    """A library job as an add request again (start-up restore, `seed --all`)."""
    magnet = entry.source if entry.source.startswith("magnet:") else ""
    if torrent:
        src = parse_torrent_bytes(torrent, entry.name)
        src = TorrentSource(src.job_id, entry.name, _torrent_kind(entry.source_kind), magnet, torrent, src.files,
                            src.hub)
    elif magnet:
        src = parse_magnet(magnet)
    else:
        raise BadSourceError(N_("The library has no metadata for {name}; add it again from its source."),
                             name=entry.name)
    return TorrentAdd(src, entry.project_dir, entry.selection, seed=True, limits=entry.limits)


def _hub_restore(entry: LibraryEntry, torrent: bytes | None) -> HubAdd:
    from modeldesk.core.http.hub import parse_repo_ref

    opts = entry.options
    return HubAdd(parse_repo_ref(entry.source), entry.project_dir, entry.selection,
                  tuple(opts.get("mirrors", ())), opts.get("connections"), limits=entry.limits,
                  job_id=entry.job_id, hub_cache=opts.get("hub_cache"))


def _file_restore(entry: LibraryEntry, torrent: bytes | None) -> HttpAdd:
    opts = entry.options
    urls = tuple(opts.get("urls") or (entry.source,))
    return HttpAdd(urls, entry.project_dir, opts.get("sha256"), opts.get("connections"), limits=entry.limits,
                   job_id=entry.job_id)


# A stored job as an add request again, by its kind (core/contracts/model_kinds.py)
RESTORE: dict[ModelKind, Callable[[LibraryEntry, bytes | None], TorrentAdd | HttpAdd | HubAdd]] = {
    ModelKind.TORRENT: library_add,
    ModelKind.HUB_REPO: _hub_restore,
    ModelKind.URL_FILE: _file_restore,
}


def restore_add(entry: LibraryEntry, torrent: bytes | None) -> TorrentAdd | HttpAdd | HubAdd:
    return RESTORE[kind_of(entry)](entry, torrent)
