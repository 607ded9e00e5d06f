"""`get hf://org/name@rev` joins the swarm of that commit when the library knows a torrent for it.

A torrent that names its hub repo and commit (`publish` of a folder `get hf://` filled, or such a
torrent fetched before) holds exactly that commit's files. When the user asks for the repo at that
commit, the job is that torrent: peers and every hub mirror the user knows at once (a hybrid job), the
files in the folder itself as `get hf://` puts them, checked against the hub's listing before they get
their final names, and seeded afterwards. A model the library holds whole is placed, not fetched again.
"""

from __future__ import annotations

import logging

from modeldesk.core.adds import HubAdd, TorrentAdd
from modeldesk.core.library.store import Library
from modeldesk.core.models import JobKind, JobState
from modeldesk.core.torrent.sources import TorrentSource, parse_torrent_bytes

log = logging.getLogger(__name__)


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
        if not data or b"9:modeldesk" not in data or needle not in data:  # cheap, before a parse
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
