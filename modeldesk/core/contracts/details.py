"""What the details panel shows for one job, read on demand (about once a second while it is on
screen): per-file progress and priority, peers, trackers, HTTP mirrors. Frozen values, safe to
hand across threads."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from modeldesk.core.contracts.models import FileEntry

# libtorrent's file priorities, named as qBittorrent names them.
SKIP, LOW, NORMAL, HIGH = 0, 1, 4, 7
PRIORITIES = (SKIP, LOW, NORMAL, HIGH)


@dataclass(frozen=True)
class FileDetail:
    index: int
    path: str
    size: int
    done: int
    priority: int  # SKIP … HIGH; HTTP files are NORMAL or SKIP


@dataclass(frozen=True)
class PeerDetail:
    address: str  # ip:port
    client: str
    down_rate: int
    up_rate: int
    progress: float  # of the peer, 0..1
    flags: str  # short letters (their meanings: core/torrent/inspect.py)


@dataclass(frozen=True)
class TrackerDetail:
    url: str
    tier: int
    status: str  # working | updating | not contacted | error
    peers: int  # from its last answer, -1 if unknown
    message: str


@dataclass(frozen=True)
class MirrorDetail:
    url: str
    latency_ms: int
    speed: int  # bytes/s per connection, measured
    health: str  # ok | backing off | given up | bad data | no ranges | refused
    bytes_served: int
    connections: int  # in use now


@dataclass(frozen=True)
class JobDetails:
    job_id: str
    files: tuple[FileDetail, ...] = ()
    peers: tuple[PeerDetail, ...] = ()
    trackers: tuple[TrackerDetail, ...] = ()
    mirrors: tuple[MirrorDetail, ...] = ()
    magnet: str = ""  # torrent jobs
    files_editable: bool = False  # priorities can change while it runs (torrents)


def files_from_library(files: Iterable[FileEntry], complete: bool) -> tuple[FileDetail, ...]:
    """What is known of a job's files without its engine: the library's list; a complete job has
    every selected file whole."""
    return tuple(FileDetail(f.index, f.path, f.size, f.size if complete and f.selected else 0,
                            NORMAL if f.selected else SKIP) for f in files)
