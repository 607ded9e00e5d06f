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
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import TimeoutError as FutureTimeout

from modeldesk.core.adds import HubAdd, TorrentAdd
from modeldesk.core.errors import ModelDeskError
from modeldesk.core.library.store import Library
from modeldesk.core.models import JobKind, JobState
from modeldesk.core.torrent.sources import (
    HUB_KEY_MARK,
    TorrentSource,
    parse_magnet,
    parse_torrent_bytes,
    with_hub_key,
)

log = logging.getLogger(__name__)

SWARM_WAIT_S = 10.0  # for a locked magnet's metadata before the hub alone serves the files


def torrents_naming(library: Library, repo: str) -> dict[str, TorrentSource]:
    """commit -> TorrentSource, for each torrent in the library that names `repo`."""
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
        if src.hub is not None and src.hub[0] == repo:
            found.setdefault(src.hub[1], src)
    return found


def as_torrent(add: HubAdd, commit: str, known: dict[str, TorrentSource]) -> TorrentAdd | None:
    """The add as the torrent of that commit, when the library knows one."""
    src = known.get(commit)
    if src is None:
        return None
    log.info("%s@%s: the library knows its torrent; joining the swarm", add.ref.repo_id, commit[:12])
    mirrors = ((add.ref.endpoint,) if add.ref.endpoint else ()) + add.mirrors
    return TorrentAdd(src, add.project_dir, add.selection, limits=add.limits, mirrors=mirrors)


def from_locked_swarm(add: HubAdd, commit: str, torrents, running: Callable[[str], bool],
                      wait: float = SWARM_WAIT_S) -> TorrentAdd | None:
    """The add as the torrent its lock's magnet names, when a peer sends the metadata within `wait`
    seconds (blocking); None leaves it to the hub. `torrents` fetches metadata (LazyTorrents)."""
    text = next((m for c, m in add.swarms if c == commit), None)
    if text is None:
        return None  # the lock pins another commit than the one asked for
    try:
        magnet = parse_magnet(text)
    except ModelDeskError:
        return None
    if running(magnet.job_id):
        return None  # running here already (another project): the mirrors alone
    log.info("%s@%s: asking the swarm of its lock's magnet for the metadata", add.ref.repo_id, commit[:12])
    fut = torrents.fetch_metadata(magnet.text)
    try:
        info = fut.result(timeout=wait)
    except FutureTimeout:
        torrents.cancel_metadata(magnet.job_id)
        log.info("%s: no peer sent the metadata in %.0f s; the hub serves the files", add.ref.repo_id, wait)
        return None
    except ModelDeskError as exc:
        log.info("%s: the swarm is not used (%s)", add.ref.repo_id, exc)
        return None
    try:
        read = parse_torrent_bytes(with_hub_key(info, add.ref.repo_id, commit), add.ref.repo_id)
    except ValueError:
        return None
    src = TorrentSource(read.job_id, read.name, "magnet", magnet.text, read.torrent, read.files, read.hub)
    return as_torrent(add, commit, {commit: src})
