"""Events the engines send out. Frozen, so they may cross threads freely.

Engine failures cross threads as JobFailed events, never as exceptions.
"""

from __future__ import annotations

from dataclasses import dataclass

from modeldesk.core.base.messages import Message
from modeldesk.core.contracts.models import FileEntry, JobId, JobSnapshot, LibraryEntry, PeerServed


@dataclass(frozen=True)
class JobAdded:
    job_id: JobId
    name: str
    project_dir: str
    entry: LibraryEntry | None = None  # the job's library row, as a table shows it (the recorder fills it in)


@dataclass(frozen=True)
class MetadataReceived:
    job_id: JobId
    name: str
    files: tuple[FileEntry, ...]
    total_size: int
    wanted_size: int
    torrent: bytes = b""  # a minimal .torrent (the info dict), so the library can rebuild the job


@dataclass(frozen=True)
class FilesChecked:
    """The data on disk was checked against the torrent (at start, or on recheck)."""

    job_id: JobId
    incomplete: tuple[str, ...]  # selected files that are missing or fail their hashes


@dataclass(frozen=True)
class JobsUpdated:
    snapshots: tuple[JobSnapshot, ...]


@dataclass(frozen=True)
class JobFinished:
    """Every selected byte is on disk and verified, but for the files named in `unverified`: plain URLs
    given without a sha256, whose size alone could be checked."""

    job_id: JobId
    unverified: tuple[str, ...] = ()
    notice: Message | None = None  # complete, but something asked for beside it failed (the hub cache)


@dataclass(frozen=True)
class JobNote:
    """Something the user should know about a job that neither stops nor fails it (which files two
    hubs serve, a mirror left out)."""

    job_id: JobId
    message: Message


@dataclass(frozen=True)
class SeedingLimitReached:
    job_id: JobId
    reason: Message


@dataclass(frozen=True)
class JobFailed:
    job_id: JobId
    reason: Message  # a sentence for the user; str() of it is the English one
    exit_code: int  # the CLI exit code this failure maps to


@dataclass(frozen=True)
class JobPaused:
    """The user paused the job (HTTP jobs; a paused torrent shows it in its snapshots)."""

    job_id: JobId


@dataclass(frozen=True)
class JobMoved:
    """The job's files now live in another project folder."""

    job_id: JobId
    project_dir: str


@dataclass(frozen=True)
class SessionStats:
    """Torrent-session figures for the status bar, sent when they change."""

    dht_nodes: int


@dataclass(frozen=True)
class FilePlaced:
    """A file of the job was not fetched: the library held its content elsewhere and placed it."""

    job_id: JobId
    path: str  # where it was placed
    mode: str  # the link mode used: reflink, hardlink or copy
    source: str  # the file it was placed from


@dataclass(frozen=True)
class JobRemoved:
    job_id: JobId


@dataclass(frozen=True)
class PeersServed:
    peers: tuple[PeerServed, ...]


@dataclass(frozen=True)
class Listening:
    """The torrent engine accepts peers on this address (TCP)."""

    address: str
    port: int


@dataclass(frozen=True)
class EngineStopped:
    saved: int
    timed_out: bool


# The closed union: a handler matches every member (or says which it ignores), and the type checker
# (mypy, in the lint step) fails when a new event is not handled.
Event = (
    JobAdded
    | MetadataReceived
    | FilesChecked
    | JobsUpdated
    | JobFinished
    | JobNote
    | SeedingLimitReached
    | JobFailed
    | JobPaused
    | JobMoved
    | SessionStats
    | JobRemoved
    | FilePlaced
    | PeersServed
    | Listening
    | EngineStopped
)
