"""`get hf://org/name@rev` joins the swarm of that commit when the library knows a torrent for it.

A torrent that names its hub repo and commit (`publish` of a folder `get hf://` filled, or such a
torrent fetched before) holds exactly that commit's files. When the user asks for the repo at that
commit, the job is that torrent: peers and every hub mirror the user knows at once (a hybrid job), the
files in the folder itself as `get hf://` puts them, checked against the hub's listing before they get
their final names, and seeded afterwards. A model the library holds whole is placed, not fetched again.

A fresh machine's library knows no torrent, but a project's lock may. `sync` of a hub model locked with
the magnet of its torrent (or `get` of that repo into the project, when the lock pins the commit asked
for) asks the swarm for the metadata first (trackers, LAN discovery, DHT), a few seconds at most; when
a peer sends it, the job is that torrent as above. When none does, the hub alone serves the files.
`sync` asks every locked swarm at once before its first add (SwarmAsks), so a project of several
such models whose swarms have no peer waits once, not once per model.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout

from modeldesk.core.contracts.source_kind import SourceKind
from modeldesk.core.sources.adds import HubAdd, TorrentAdd
from modeldesk.core.base.errors import ModelDeskError
from modeldesk.core.base.repo_ids import COMMIT
from modeldesk.core.contracts.hub_refs import HubKey, RepoRef
from modeldesk.core.http.hub_api import api_of
from modeldesk.core.library.store import InLibrary, Library
from modeldesk.core.contracts.models import JobKind, JobState
from modeldesk.core.torrent.sources import (
    HUB_KEY_MARK,
    TorrentSource,
    parse_magnet,
    parse_torrent_bytes,
    with_hub_key,
)

log = logging.getLogger(__name__)


def _swarm_wait_s(default: float = 10.0) -> float:
    """How long a locked magnet's metadata is waited for before the hub alone serves the files.
    MODELDESK_SWARM_WAIT_S is for tests that wait out an empty swarm on purpose; not a user setting."""
    try:
        value = float(os.environ.get("MODELDESK_SWARM_WAIT_S", default))
    except ValueError:
        return default
    return value if 0 < value <= 600 else default


SWARM_WAIT_S = _swarm_wait_s()


def torrents_naming(library: Library, repo: str, hub: str = "hf") -> dict[str, TorrentSource]:
    """commit -> TorrentSource, for each torrent in the library that names `repo` on `hub`."""
    found: dict[str, TorrentSource] = {}
    needle = repo.encode()
    for e in library.entries():
        if e.kind is not JobKind.BT or e.name != repo:  # a torrent naming its repo is shown under its repo id
            continue
        if e.state is JobState.ERROR:  # failed (one the hub check found not to be the repo's, say): not trusted
            continue
        data = library.torrent_bytes(e.job_id)
        if not data or HUB_KEY_MARK not in data or needle not in data:  # cheap, before a parse
            continue
        try:
            src = parse_torrent_bytes(data, e.name)
        except ValueError:  # a stored torrent that no longer parses is not a candidate
            continue
        if src.hub is not None and src.hub.repo == repo and src.hub.hub == hub:
            found.setdefault(src.hub.commit, src)
    return found


def as_torrent(add: HubAdd, commit: str, known: dict[str, TorrentSource]) -> TorrentAdd | None:
    """The add as the torrent of that commit, when the library knows one."""
    src = known.get(commit)
    if src is None:
        return None
    log.info("%s@%s: the library knows its torrent; joining the swarm", add.ref.repo_id, commit[:12])
    mirrors = ((add.ref.endpoint,) if add.ref.endpoint else ()) + add.mirrors
    return TorrentAdd(src, add.project_dir, add.selection, limits=add.limits, mirrors=mirrors, expected=add.expected)


class SwarmAsks:
    """Metadata requests to locked magnets' swarms, each with the time it ends. `torrents` fetches metadata
    (LazyTorrents); any thread."""

    def __init__(self, torrents, wait: float = SWARM_WAIT_S, clock: Callable[[], float] = time.monotonic):
        self._torrents = torrents
        self._wait = wait
        self._clock = clock
        self._lock = threading.Lock()
        self._asks: dict[str, tuple[Future, float]] = {}

    def ask_all(self, adds: Iterable[HubAdd], running: Callable[[str], bool]) -> None:
        """Ask now, without waiting, the swarm each hub add's lock names for the commit it pins (`sync`)."""
        for add in adds:
            magnet = locked_magnet(add, add.ref.revision)
            if magnet is not None and not running(magnet.job_id):
                self.ask(magnet.text, magnet.job_id)

    def ask(self, text: str, job_id: str) -> tuple[Future, float]:
        """The request for this magnet's metadata (started now unless it already runs) and its deadline."""
        with self._lock:
            ask = self._asks.get(job_id)
            if ask is None:
                ask = self._asks[job_id] = (self._torrents.fetch_metadata(text), self._clock() + self._wait)
            return ask

    def answer(self, text: str, job_id: str) -> bytes | None:
        """The metadata a peer sent by the request's deadline (blocking; asked now unless ask_all did), or
        None (the request is then cancelled)."""
        fut, deadline = self.ask(text, job_id)
        try:
            return fut.result(timeout=max(0.0, deadline - self._clock()))
        except FutureTimeout:
            self._torrents.cancel_metadata(job_id)
            return None
        finally:
            with self._lock:
                self._asks.pop(job_id, None)


def locked_magnet(add: HubAdd, commit: str) -> TorrentSource | None:
    """The magnet the project's lock pins for this commit of the add's repo (None: the lock pins another
    commit, or its magnet does not parse)."""
    text = next((m for c, m in add.swarms if c == commit), None)
    try:
        return parse_magnet(text) if text is not None else None
    except ModelDeskError:
        return None


def from_locked_swarm(add: HubAdd, commit: str, asks: SwarmAsks, running: Callable[[str], bool]) -> TorrentAdd | None:
    """The add as the torrent its lock's magnet names, when a peer sends the metadata by the request's
    deadline (blocking); None leaves it to the hub."""
    magnet = locked_magnet(add, commit)
    if magnet is None or running(magnet.job_id):
        return None  # or running here already (another project): the mirrors alone
    log.info("%s@%s: asking the swarm of its lock's magnet for the metadata", add.ref.repo_id, commit[:12])
    try:
        info = asks.answer(magnet.text, magnet.job_id)
    except ModelDeskError as exc:
        log.info("%s: the swarm is not used (%s)", add.ref.repo_id, exc)
        return None
    if info is None:
        log.info("%s: no peer sent the metadata in time; the hub serves the files", add.ref.repo_id)
        return None
    try:
        read = parse_torrent_bytes(with_hub_key(info, HubKey(add.ref.repo_id, commit, add.ref.hub)), add.ref.repo_id)
    except ValueError:
        return None
    src = TorrentSource(read.job_id, read.name, SourceKind.MAGNET, magnet.text, read.torrent, read.files, read.hub)
    return as_torrent(add, commit, {commit: src})


class HubRouting:
    """Which hub adds come as torrents (the manager asks before it adds a hub repo): one whose commit
    the library knows as a torrent, or whose lock names a magnet a peer answers for in time."""

    def __init__(self, torrents, in_library: InLibrary, pin: Callable[[RepoRef, tuple[str, ...]], str],
                 running: Callable[[str], bool]):
        self._asks = SwarmAsks(torrents)
        self._in_library = in_library
        self._pin = pin  # revision -> commit on the hub (network)
        self._running = running  # the job runs in this process

    def ask_swarms(self, adds: list) -> None:
        """Ask the swarm of every magnet these hub adds' locks name for its metadata now (`sync` adds its
        models one by one, and each may wait for its swarm: this way they wait together)."""
        self._asks.ask_all([a for a in adds if isinstance(a, HubAdd) and may_join(a)], self._running)

    def as_torrent(self, add: HubAdd) -> TorrentAdd | None:
        """The hub repo as the torrent of its commit, or None: the hub serves it (blocking)."""
        if not may_join(add):
            return None
        known = self._in_library(lambda lib: torrents_naming(lib, add.ref.repo_id, add.ref.hub)).result()
        if not known and not add.swarms:
            return None
        try:
            commit = (add.listing.commit if add.listing else
                      add.ref.revision if COMMIT.match(add.ref.revision) else self._pin(add.ref, add.mirrors))
        except ModelDeskError:
            return None  # the hub job says what is wrong
        swarm = as_torrent(add, commit, known)
        if swarm is None and add.swarms:
            return from_locked_swarm(add, commit, self._asks, self._running)
        if swarm is None or self._running(swarm.source.job_id):
            return None  # running here already (another project): the mirrors alone
        return swarm


def may_join(add: HubAdd) -> bool:
    """Whether a hub add may come as a torrent: not one going into the hub cache (the torrent path does
    not place it there), not a stored hub job resumed as itself, and its hub not set offline."""
    return not (add.hub_cache or add.job_id or api_of(add.ref).offline())
