"""One torrent as the engine thread sees it: its handle, what the user selected, and the
book-keeping for incomplete names, finishing and seeding limits. Engine thread only."""

from __future__ import annotations

import shutil
from typing import Any, Protocol
from dataclasses import dataclass, field
from pathlib import Path

import libtorrent as lt

from modeldesk.core.base.constants import INCOMPLETE_SUFFIX
from modeldesk.core.base.errors import BadInputError, InsufficientSpaceError, ModelDeskError
from modeldesk.core.base.messages import N_, Message
from modeldesk.core.contracts.models import FileEntry, JobKind, JobSnapshot, JobState, Selection
from modeldesk.core.base.pathsafety import check_tree
from modeldesk.core.contracts.selection import is_selected
from modeldesk.core.torrent.dealing import Dealer
from modeldesk.core.torrent.sources import TorrentSource, files_of, job_id_of
from modeldesk.core.base.units import fmt_bytes

_S = lt.torrent_status.states
_STATES = {
    _S.queued_for_checking: JobState.CHECKING,
    _S.checking_files: JobState.CHECKING,
    _S.checking_resume_data: JobState.CHECKING,
    _S.allocating: JobState.CHECKING,
    _S.downloading_metadata: JobState.METADATA,
    _S.downloading: JobState.DOWNLOADING,
    _S.finished: JobState.SEEDING,  # all selected pieces; still serves what it has
    _S.seeding: JobState.SEEDING,
}


@dataclass(frozen=True)
class AddRequest:
    source: TorrentSource
    save_path: str
    selection: Selection = field(default_factory=Selection)
    resume_data: bytes | None = None
    rename_incomplete: bool = True  # False for `seed`: the files already carry their final names
    seed: bool = True
    base_uploaded: int = 0  # library totals from earlier runs
    base_downloaded: int = 0
    limits: tuple[int, int] = (0, 0)  # this job's download and upload bytes/s, 0 = none
    web_seeds: tuple[str, ...] = ()  # BEP 19 URL seeds besides the torrent's own (hub mirrors of its commit)
    hub_endpoints: tuple[str, ...] = ()  # the hubs asked for its commit's listing (hub_check.py)
    expected: tuple[tuple[str, int, str], ...] = ()  # (path, size, sha256) a lock pins (hub_check.py)


@dataclass
class TorrentJob:
    job_id: str
    request: AddRequest
    handle: Any = None  # lt.torrent_handle (libtorrent has no type stubs)
    files: tuple[FileEntry, ...] = ()
    wanted_bytes: int = -1  # -1 until metadata is known
    incomplete: set[int] = field(default_factory=set)  # files now carrying INCOMPLETE_SUFFIX
    pending_renames: set[int] = field(default_factory=set)  # final-name renames under way
    # Files waiting for their bytes to reach the disk before their final names (finishing.py)
    flushing: set[int] | None = None
    sweep_again: bool = False  # more files completed while that flush was under way
    retry_pending: bool = False  # the user resumed the failed job; it retries once its writes are flushed
    finished: bool = False
    # Its files synced to disk before it is called finished (finishing.py): "" | "syncing" | "synced"
    synced: str = ""
    failed: bool = False
    # A write failed (full disk): pieces libtorrent hashed in memory may not be on disk. Until a
    # recheck reads the disk again, no resume data is saved, and resuming starts with that recheck.
    distrust_disk: bool = False
    limit_reached: bool = False
    limit_reason: Message | None = None  # set while a graceful pause at the seeding limit is under way
    limit_at: float = 0.0
    limit_paused_at: float = 0.0  # when the pause at the limit began (seed_limits.py); 0 = still serving
    rechecking: bool = False  # a recheck the user asked for is under way
    hub_check: str = ""  # "" | "flushing" | "running" | "passed": the check of its files (hub_check.py)
    done_since: tuple[int, float] | None = None  # (done bytes, when they last moved), while downloading (disk_watch.py)
    readd: list[int] | None = None  # files wanted again after finishing: re-add with these priorities
    last_resume_save: float = 0.0
    resume_size: int = 0  # bytes of the resume data saved last
    last_snapshot: JobSnapshot | None = None
    uploaded_at_scan: int = 0
    dealer: Dealer = field(default_factory=Dealer)  # its share of a lab seed's pieces (dealing.py)
    # Totals across runs: earlier runs' bytes plus libtorrent's per-session payload counters,
    # which restart at zero whenever the torrent is paused and resumed.
    _up_base: int = -1
    _down_base: int = -1
    _up_seen: int = 0
    _down_seen: int = 0

    def _totals(self, st) -> tuple[int, int]:
        if self._up_base < 0:
            self._up_base, self._down_base = self.request.base_uploaded, self.request.base_downloaded
        up, down = st.total_payload_upload, st.total_payload_download
        if up < self._up_seen:
            self._up_base += self._up_seen
        if down < self._down_seen:
            self._down_base += self._down_seen
        self._up_seen, self._down_seen = up, down
        return self._up_base + up, self._down_base + down

    def renamed(self, index: int, new_name: str) -> None:
        """libtorrent renamed a file: it is incomplete only while it carries the suffix."""
        self.pending_renames.discard(index)
        if not new_name.endswith(INCOMPLETE_SUFFIX):
            self.incomplete.discard(index)

    @property
    def has_metadata(self) -> bool:
        return self.wanted_bytes >= 0

    # -- metadata --------------------------------------------------------------------------
    def apply_metadata(self, ti, saved: list[int] | None = None) -> list[int]:
        """Work out file priorities from the selection, or from `saved` (resume data: the user may
        have changed them while it ran); returns the per-file priority list."""
        sel = self.request.selection
        num_files = ti.layout().num_files()
        files = files_of(ti, self.request.source.flat)
        if saved and len(saved) == num_files and any(saved[f.index] for f in files):
            priorities = [int(p) for p in saved]
        else:
            # (a flat torrent's paths have lost the top folder already)
            top = ti.name() if all(f.path.startswith(ti.name() + "/") for f in files) else ""
            chosen = {f.index for f in files if is_selected(f.path, sel, top)}
            if not chosen:
                raise BadInputError(
                    N_("Your --include/--exclude patterns match no file in this torrent; nothing to download.")
                )
            priorities = [4 if i in chosen else 0 for i in range(num_files)]
        self.files = tuple(FileEntry(f.index, f.path, f.size, priorities[f.index] > 0) for f in files)
        self.wanted_bytes = sum(e.size for e in self.files if e.selected)
        return priorities

    def reselect(self, wanted: set[int]) -> dict[int, str]:
        """The user changed which files are wanted; returns incomplete-name renames for files newly
        wanted that are not on disk yet."""
        before = {e.index for e in self.files if e.selected}
        self.files = tuple(FileEntry(e.index, e.path, e.size, e.index in wanted) for e in self.files)
        self.wanted_bytes = sum(e.size for e in self.files if e.selected)
        if not self.request.rename_incomplete:
            return {}
        save = Path(self.request.save_path)
        out = {e.index: e.path + INCOMPLETE_SUFFIX for e in self.files
               if e.selected and e.index not in before and e.index not in self.incomplete
               and not (save / e.path).exists()}
        self.incomplete |= set(out)
        return out

    def check_free_space(self) -> None:
        save = Path(self.request.save_path)
        need = 0
        for e in self.files:
            if not e.selected:
                continue
            have = 0
            for candidate in (save / e.path, save / (e.path + INCOMPLETE_SUFFIX)):
                try:
                    have = max(have, candidate.stat().st_blocks * 512)
                except OSError:
                    pass
            need += max(0, e.size - have)
        free = shutil.disk_usage(save).free
        if need > free:
            raise InsufficientSpaceError(
                N_("Not enough free space in {save}: this model needs {need} more, only {free} is free. Free "
                   "some space or pick another folder."), save=save, need=fmt_bytes(need), free=fmt_bytes(free)
            )

    def disk_files(self) -> list[Path]:
        """Where the wanted files are on disk now (under their incomplete names while they have them)."""
        save = Path(self.request.save_path)
        return [save / (e.path + INCOMPLETE_SUFFIX if e.index in self.incomplete else e.path)
                for e in self.files if e.selected]

    def check_placement(self, save_path: str | None = None) -> None:
        """Every file, under its final and its incomplete name, resolves inside the project folder:
        libtorrent opens them following links, so a link planted in the folder is refused first."""
        check_tree(save_path or self.request.save_path,
                   [p for e in self.files for p in (e.path, e.path + INCOMPLETE_SUFFIX)])

    def disk_renames(self, current: dict[int, str]) -> dict[int, str]:
        """Renames to put in force as the torrent is added or its metadata arrives, `current` being
        those already in force (resume data): a flat torrent's files lose the top folder, and files
        not on disk yet get the incomplete suffix."""
        out = {e.index: e.path for e in self.files if self.request.source.flat and e.index not in current}
        out.update(self.incomplete_renames(current))
        return out

    def display_name(self, torrent_name: str) -> str:
        return self.request.source.name if self.request.source.flat else torrent_name or self.request.source.name

    def incomplete_renames(self, current: dict[int, str] | None = None) -> dict[int, str]:
        """Selected files not on disk under their final name get the incomplete suffix.
        `current` holds renames already in force (from resume data); they are kept in the count."""
        self.incomplete = {i for i, name in (current or {}).items() if name.endswith(INCOMPLETE_SUFFIX)}
        if not self.request.rename_incomplete:
            return {}
        save = Path(self.request.save_path)
        out = {}
        for e in self.files:
            if e.selected and e.index not in self.incomplete and not (save / e.path).exists():
                out[e.index] = e.path + INCOMPLETE_SUFFIX
        self.incomplete |= set(out)
        return out

    def complete_incomplete(self) -> set[int]:
        """Files under their incomplete names whose every piece passed its hash check, no rename
        or flush for them under way."""
        todo = self.incomplete - self.pending_renames - (self.flushing or set())
        if not todo:
            return set()
        progress = self.handle.file_progress(flags=lt.torrent_handle.piece_granularity)
        return {e.index for e in self.files if e.index in todo and progress[e.index] == e.size}

    def give_final_names(self, indices: set[int]) -> None:
        for e in self.files:
            if e.index in indices and e.index in self.incomplete and e.index not in self.pending_renames:
                self.pending_renames.add(e.index)
                self.handle.rename_file(e.index, e.path)

    # -- status ----------------------------------------------------------------------------
    def snapshot(self, st) -> JobSnapshot:
        paused = bool(st.flags & lt.torrent_flags.paused)
        if st.errc.value() != 0 or self.failed:
            state = JobState.ERROR
        elif paused:
            state = JobState.FINISHED if self.finished else JobState.PAUSED
        else:
            state = _STATES.get(st.state, JobState.DOWNLOADING)
            if state is JobState.SEEDING and not self.finished:
                state = JobState.DOWNLOADING  # selection not applied yet, or renames pending
        wanted = st.total_wanted if self.has_metadata else 0
        # Clamped: libtorrent's count can overshoot while web-seed pieces await their hash check.
        done = min(st.total_wanted_done, wanted) if self.has_metadata else 0
        rate = st.download_payload_rate
        eta = int((wanted - done) / rate) if rate > 0 and wanted > done else None
        if self.finished:
            eta = 0
        uploaded, downloaded = self._totals(st)
        snap = JobSnapshot(
            job_id=self.job_id,
            kind=JobKind.BT,
            name=self.display_name(st.name),
            state=state,
            progress=(done / wanted) if wanted else 0.0,
            total_wanted=wanted,
            total_done=done,
            down_rate=rate,
            up_rate=st.upload_payload_rate,
            peers=st.num_peers,
            seeds=st.num_seeds,
            uploaded=uploaded,
            downloaded=downloaded,
            session_downloaded=st.total_payload_download,
            seeding_seconds=int(st.seeding_duration.total_seconds()),
            eta_seconds=eta,
            error=st.errc.message() if st.errc.value() != 0 else "",
        )
        self.last_snapshot = snap
        return snap

    def seeding_limit(self, snap: JobSnapshot, ratio_limit: float, time_limit_min: int) -> Message | None:
        if not self.finished or self.limit_reached:
            return None
        if not self.request.seed:
            return Message.of(N_("seeding is off for this job"))
        if ratio_limit > 0 and snap.ratio >= ratio_limit:
            return Message.of(N_("ratio {ratio:.2f} reached the limit {limit:g}"), ratio=snap.ratio, limit=ratio_limit)
        if time_limit_min > 0 and snap.seeding_seconds >= time_limit_min * 60:
            return Message.of(N_("seeded for {minutes} minutes"), minutes=time_limit_min)
        return None


class Fail(Protocol):
    """TorrentEngine._fail: the job fails once, with a message; write_failed distrusts its disk."""

    def __call__(self, job: TorrentJob, error: ModelDeskError, write_failed: bool = False) -> None: ...


def job_of(jobs: dict[str, TorrentJob], handle: Any) -> TorrentJob | None:
    """The job an alert's handle belongs to, if it still runs."""
    try:
        return jobs.get(job_id_of(handle.info_hashes()))
    except RuntimeError:  # handle already gone
        return None
