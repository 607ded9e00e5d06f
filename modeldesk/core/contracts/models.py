"""Frozen value types shared by the engines, the library, the CLI and the GUI."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from modeldesk.core.base.messages import Message

JobId = str  # a torrent job's id is its info-hash in hex (v1 when present, else v2)


class JobKind(enum.StrEnum):
    BT = "bt"
    HTTP = "http"


class JobState(enum.StrEnum):
    QUEUED = "queued"
    METADATA = "metadata"  # waiting for the torrent's metadata from peers
    CHECKING = "checking"
    DOWNLOADING = "downloading"
    SEEDING = "seeding"
    FINISHED = "finished"  # complete and not sharing
    PAUSED = "paused"
    ERROR = "error"


@dataclass(frozen=True)
class Selection:
    """Which files of a model to fetch. Globs use the Hugging Face CLI's fnmatch rules."""

    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()

    def is_all(self) -> bool:
        return not self.include and not self.exclude


@dataclass(frozen=True)
class FileEntry:
    index: int
    path: str  # relative to the project folder, '/'-separated
    size: int
    selected: bool = True


@dataclass(frozen=True)
class JobSnapshot:
    """What the outside world sees of a job, about once a second. Never a live handle."""

    job_id: JobId
    kind: JobKind
    name: str
    state: JobState
    progress: float  # 0..1 of the selected bytes
    total_wanted: int
    total_done: int
    down_rate: int  # payload bytes per second
    up_rate: int
    peers: int
    seeds: int
    uploaded: int  # across restarts
    downloaded: int  # across restarts
    session_downloaded: int  # payload fetched by this process only
    seeding_seconds: int
    eta_seconds: int | None
    error: str = ""
    mirror_rate: int = 0  # the part of down_rate that HTTP mirrors bring to a torrent job
    mirror_downloaded: int = 0  # the part of session_downloaded that came from mirrors
    mirrors: int = 0  # mirrors sending to a torrent job now (an HTTP job counts its mirrors in peers)

    @property
    def ratio(self) -> float:
        return self.uploaded / self.total_wanted if self.total_wanted else 0.0


@dataclass(frozen=True)
class PeerServed:
    """A peer that received payload from us; its key is a hash, not an address."""

    job_id: JobId
    key: str
    uploaded: int
    lan: bool = False  # on the user's own network (core.urls.is_lan_address)


@dataclass(frozen=True)
class LibraryEntry:
    job_id: JobId
    kind: JobKind
    name: str
    source_kind: str  # magnet | infohash | torrent | url
    source: str
    project_dir: str
    selection: Selection
    state: JobState
    size_total: int
    size_wanted: int
    size_done: int
    added_at: float
    finished_at: float | None
    uploaded: int
    downloaded: int
    seeding_seconds: int
    peers_served: int
    error: Message = Message("")  # why the job failed
    files: tuple[FileEntry, ...] = field(default=())
    options: dict = field(default_factory=dict, compare=False)  # HTTP: urls, sha256, mirrors, connections
    placed_in: tuple[str, ...] = ()  # other project folders its files were placed in (it seeds from project_dir)
    peers_served_lan: int = 0  # of peers_served, those on the user's own network
    uploaded_lan: int = 0  # bytes sent to peers on the user's own network (as far as counted per peer)
    uploaded_internet: int = 0  # ... and to the others

    @property
    def progress(self) -> float:
        return self.size_done / self.size_wanted if self.size_wanted else 0.0

    @property
    def limits(self) -> tuple[int, int]:
        """The job's own download and upload limits in bytes/s (0 = none)."""
        down, up = (list(self.options.get("limits") or ()) + [0, 0])[:2]
        return (down, up) if isinstance(down, int) and isinstance(up, int) else (0, 0)

    @property
    def is_complete_torrent(self) -> bool:
        return self.kind is JobKind.BT and self.finished_at is not None and self.state is not JobState.ERROR

    @property
    def ratio(self) -> float:
        return self.uploaded / self.size_wanted if self.size_wanted else 0.0
