"""The HTTP engine: each job runs on a thread of its own and reports through events, like the
torrent engine; transfers use FileDownload's connection pool."""

from __future__ import annotations

import contextlib
import dataclasses
import enum
import functools
import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from modeldesk.core.contracts import events as ev
from modeldesk.core.base.errors import BadInputError, Interrupted, ModelDeskError
from modeldesk.core.config.credentials import Credentials
from modeldesk.core.base.constants import HTTP_CONNECTIONS
from modeldesk.core.http.arenas import limit_arenas
from modeldesk.core.http.client import new_session
from modeldesk.core.http.downloader import FileDownload, FileSpec, Progress
from modeldesk.core.http.part_file import file_paths
from modeldesk.core.http.file_pool import fetch_files
from modeldesk.core.http.mirrors import HostSlots, mirror_details
from modeldesk.core.http.ratelimit import RateLimiter
from modeldesk.core.http.sessions import SessionPool
from modeldesk.core.base.messages import N_, Message
from modeldesk.core.contracts.models import FileEntry, JobKind, JobSnapshot, JobState
from modeldesk.core.config.proxy import Proxy
from modeldesk.core.placement.relocate import move_files

if TYPE_CHECKING:
    from modeldesk.core.contracts.details import FileDetail, JobDetails

log = logging.getLogger(__name__)

Emit = Callable[[ev.Event], None]


class Hold(enum.Enum):
    """What holds a job back. During a move the user's pause or resume is kept for its end; a move
    that finds neither goes back to what held the job before it."""

    NONE = "runs while it has work"
    PAUSED = "paused by the user"
    MOVING = "halted for a move"
    MOVING_THEN_PAUSE = "halted for a move, paused meanwhile"
    MOVING_THEN_RESUME = "halted for a move, resumed meanwhile"

    @property
    def moving(self) -> bool:
        return self in (Hold.MOVING, Hold.MOVING_THEN_PAUSE, Hold.MOVING_THEN_RESUME)


@dataclass(frozen=True)
class HttpJob:
    job_id: str
    name: str
    project_dir: str
    files: tuple[FileSpec, ...]
    connections: int = HTTP_CONNECTIONS
    stall_timeout: float = 20.0
    credentials: Credentials | None = None  # its repr names hosts only
    down_limit: int = 0  # bytes/s for this job, 0 = none (the engine's limit still applies)
    skipped: tuple[FileSpec, ...] = ()  # files of the repo not wanted now
    editable: bool = False  # a hub repo: files can be picked and dropped while it is listed
    notes: tuple[Message, ...] = ()  # said once as it starts (ev.JobNote): e.g. which files two hubs serve


def catalog(job: HttpJob) -> list[FileSpec]:
    """Every file the job could fetch, in the order (and so with the index) the Files tab shows."""
    return sorted(job.files + job.skipped, key=lambda s: str(s.dest))


class _JobProgress:
    """Adds up the progress of the files in flight into one job snapshot, sent at most once a second."""

    def __init__(self, job: HttpJob, emit: Emit):
        self.job, self._emit = job, emit
        self._lock = threading.Lock()
        self.sizes = {spec.dest: spec.size or 0 for spec in job.files}
        self._done: dict = {}  # dest -> bytes on disk and verified or arriving
        self._fetched: dict = {}  # dest -> bytes this run fetched
        self._mirrors: dict = {}  # dest -> mirrors in use
        self._samples: list[tuple[float, int]] = []
        self._rate_lock = threading.Lock()
        self._last_emit = 0.0
        self._announced = False

    def update(self, spec: FileSpec, p: Progress) -> None:
        with self._lock:
            self.sizes[spec.dest] = p.size
            self._done[spec.dest], self._fetched[spec.dest] = p.done, p.fetched
            self._mirrors[spec.dest] = p.mirrors_in_use
            now = time.monotonic()
            if now - self._last_emit < 1.0:
                return
            self._last_emit = now
            done, fetched = sum(self._done.values()), sum(self._fetched.values())
            mirrors = max(self._mirrors.values(), default=0)
        self.send(done, fetched, mirrors, JobState.DOWNLOADING)

    def file_done(self, dl: FileDownload) -> None:
        with self._lock:
            self.sizes[dl.spec.dest] = dl.size
            self._done[dl.spec.dest], self._fetched[dl.spec.dest] = dl.size, dl.size - dl.resumed
            self._mirrors[dl.spec.dest] = 0

    def sizes_known(self) -> bool:
        """Every file's size is known (from the listing, or asked) and not yet announced."""
        with self._lock:
            if self._announced or any(spec.size is None and spec.dest not in self._done for spec in self.job.files):
                return False
            self._announced = True
            return True

    @property
    def total(self) -> int:
        return sum(self.sizes.values())

    @property
    def fetched(self) -> int:
        with self._lock:
            return sum(self._fetched.values())

    def _rate(self, fetched: int) -> int:
        now = time.monotonic()
        with self._rate_lock:  # files report from threads of their own
            return self._rate_locked(fetched, now)

    def _rate_locked(self, fetched: int, now: float) -> int:
        self._samples = [(t, b) for t, b in self._samples if now - t <= 3.0] + [(now, fetched)]
        t0, b0 = self._samples[0]
        return int((fetched - b0) / (now - t0)) if now > t0 else 0

    def send(self, done: int, fetched: int, mirrors: int, state: JobState) -> None:
        total, rate = self.total, self._rate(fetched)
        eta = int((total - done) / rate) if rate > 0 and total > done else (0 if done >= total else None)
        self._emit(ev.JobsUpdated((JobSnapshot(
            job_id=self.job.job_id, kind=JobKind.HTTP, name=self.job.name, state=state,
            progress=done / total if total else 0.0, total_wanted=total, total_done=done,
            down_rate=rate, up_rate=0, peers=mirrors, seeds=0, uploaded=0, downloaded=done,
            session_downloaded=fetched, seeding_seconds=0, eta_seconds=eta,
        ),)))

    def file_details(self) -> tuple[FileDetail, ...]:
        from modeldesk.core.contracts.details import NORMAL, FileDetail  # the details pane: not on a URL's start-up

        root = self.job.project_dir.rstrip("/") + "/"
        with self._lock:
            return tuple(FileDetail(i, str(s.dest).removeprefix(root), self.sizes[s.dest],
                                    self._done.get(s.dest, 0), NORMAL) for i, s in enumerate(self.job.files))

    def entries(self) -> tuple[FileEntry, ...]:
        root = self.job.project_dir.rstrip("/") + "/"
        return tuple(FileEntry(i, str(s.dest).removeprefix(root), self.sizes[s.dest])
                     for i, s in enumerate(self.job.files))


def _relocated(specs: tuple[FileSpec, ...], old: Path, new: Path) -> tuple[FileSpec, ...]:
    return tuple(dataclasses.replace(spec, dest=new / spec.dest.relative_to(old)) for spec in specs)


def _every_file(job: HttpJob, done: dict[str, int]) -> tuple[FileDetail, ...]:
    """The Files tab of a hub job: every file of the repo, the wanted ones with their progress."""
    from modeldesk.core.contracts.details import NORMAL, SKIP, FileDetail

    root, wanted = Path(job.project_dir), {s.dest for s in job.files}
    out = []
    for i, spec in enumerate(catalog(job)):
        rel, size = str(spec.dest.relative_to(root)), spec.size or 0
        if spec.dest in wanted:
            out.append(FileDetail(i, rel, size, done.get(rel, 0), NORMAL))
        else:
            whole = spec.dest.is_file() and spec.dest.stat().st_size == size
            out.append(FileDetail(i, rel, size, size if whole else 0, SKIP))
    return tuple(out)


class HttpEngine:
    def __init__(self, emit: Emit, proxy: Callable[[], Proxy] = Proxy,
                 reuse: Callable[[str, str, Path], bool] | None = None):
        self._emit = emit
        self._reuse = reuse  # (job id, sha256, dest): placed from the library, not fetched
        self._proxy = proxy  # the proxy in force now: each job run started takes it
        self._stopping = False
        self._lock = threading.Lock()
        self._jobs: dict[str, HttpJob] = {}
        self._threads: dict[str, threading.Thread] = {}
        self._stops: dict[str, threading.Event] = {}  # one per run; set to pause, remove or stop
        self._progress: dict[str, _JobProgress] = {}  # of each job's last run
        self._live: dict[str, list[FileDownload]] = {}  # files in flight, for the details panel
        self._limit = RateLimiter()  # all HTTP jobs together
        self._job_limits: dict[str, RateLimiter] = {}
        self._holds: dict[str, Hold] = {}  # what holds each job back (none: it runs while it has work)
        self._verified: dict[Path, tuple[int, int]] = {}  # files this process verified: size, mtime

    @property
    def limiter(self) -> RateLimiter:
        """The limit of all HTTP transfers together (hybrid torrents' mirror pieces take from it too)."""
        return self._limit

    def set_rate_limit(self, down: int) -> None:
        """Bytes/s for every HTTP job together; 0 = unlimited. Applies to running connections at once."""
        self._limit.set_rate(down)

    def set_job_limit(self, job_id: str, down: int) -> None:
        with self._lock:
            if job_id not in self._jobs:
                raise BadInputError(N_("No HTTP job {job_id}."), job_id=job_id)
            self._job_limits[job_id].set_rate(down)  # made with the job; its connections read it live

    def add(self, job: HttpJob) -> Future:
        fut: Future = Future()
        with self._lock:
            if self._stopping:
                fut.set_exception(ModelDeskError(N_("The engine is shutting down.")))
                return fut
            if self._alive(job.job_id):
                fut.set_exception(ModelDeskError(N_("{name} is already being downloaded."), name=job.name))
                return fut
            self._jobs[job.job_id] = job
            self._holds[job.job_id] = Hold.NONE
            self._job_limits[job.job_id] = RateLimiter(job.down_limit)
            self._start(job, announce=True)
        fut.set_result(job.job_id)
        return fut

    def _alive(self, job_id: str) -> bool:
        t = self._threads.get(job_id)
        return t is not None and t.is_alive()

    def _start(self, job: HttpJob, announce: bool) -> None:
        stop = threading.Event()
        t = threading.Thread(target=self._run, args=(job, stop, announce), name=f"http-job-{job.job_id[:8]}",
                             daemon=True)
        self._threads[job.job_id], self._stops[job.job_id] = t, stop
        t.start()

    def details(self, job_id: str) -> JobDetails:
        """Files with progress, and the mirrors of the files in flight (merged per mirror host)."""
        from modeldesk.core.contracts.details import JobDetails

        with self._lock:
            job = self._jobs.get(job_id)
            progress, live = self._progress.get(job_id), list(self._live.get(job_id, ()))
        files = progress.file_details() if progress is not None else ()
        editable = job is not None and job.editable
        if job is not None and editable:
            files = _every_file(job, {f.path: f.done for f in files})
        return JobDetails(job_id, files, mirrors=mirror_details([dl.mirrors for dl in live]), files_editable=editable)

    def set_wanted(self, job_id: str, priorities: dict[int, int]) -> tuple[str, ...]:
        """Pick (priority > 0) or drop files of a hub job by their index in catalog(); the job goes on
        with the new set (dropped files keep what is on disk). Returns the wanted paths."""
        with self._lock:
            job = self._jobs.get(job_id)
            if job is not None and self._holds.get(job_id, Hold.NONE).moving:
                raise BadInputError(N_("{name} is being moved to another folder; pick its files when the "
                                       "move has ended."), name=job.name)
        if job is None:
            raise BadInputError(N_("No HTTP job {job_id}."), job_id=job_id)
        if not job.editable:
            raise BadInputError(N_("{name} is a single file: there are no other files to pick."), name=job.name)
        every = catalog(job)
        wanted = {s.dest for s in job.files}
        for index, priority in priorities.items():
            if 0 <= index < len(every):
                (wanted.add if priority > 0 else wanted.discard)(every[index].dest)
        if not wanted:
            raise BadInputError(N_("Keep at least one file of {name}; to stop it, pause or remove it."), name=job.name)
        changed = wanted != {s.dest for s in job.files}
        new = dataclasses.replace(job, files=tuple(s for s in every if s.dest in wanted),
                                  skipped=tuple(s for s in every if s.dest not in wanted))
        if changed:
            self._halt(job_id)
            with self._lock:
                self._jobs[job_id] = new
                if self._holds.get(job_id) is Hold.NONE and not self._stopping:
                    self._start(new, announce=False)  # finished files are known good: nothing is hashed again
        root = Path(new.project_dir)
        return tuple(str(s.dest.relative_to(root)) for s in new.files)

    def has(self, job_id: str) -> bool:
        return job_id in self._jobs

    def running(self, job_id: str) -> bool:
        """Its transfer is under way now (not paused, finished or failed)."""
        with self._lock:
            return self._alive(job_id)

    def pause(self, job_id: str) -> None:
        """Stop the transfer; `.mdpart` and its map stay, so resume fetches only what is missing."""
        with self._lock:
            if self._holds.get(job_id, Hold.NONE).moving:  # halted for its move already: paused after it
                self._holds[job_id] = Hold.MOVING_THEN_PAUSE
                return
            self._holds[job_id] = Hold.PAUSED  # a move that halted it at the same moment must not restart it
        if self._halt(job_id):
            self._emit(ev.JobPaused(job_id))

    def _halt(self, job_id: str) -> bool:
        """Stop a running transfer and wait for it; False if it was not running."""
        with self._lock:
            stop, t = self._stops.get(job_id), self._threads.get(job_id)
        if stop is None or t is None or not t.is_alive():
            return False
        stop.set()
        t.join(10.0)
        return True

    def move(self, job_id: str, new_dir: str) -> None:
        """Move the job's files (finished, partial and their maps) to another project folder; a
        running transfer stops for the move and goes on from the new place. Blocking for as long as
        the copy takes across file systems; pause and resume meanwhile decide what happens after."""
        with self._lock:
            job = self._jobs.get(job_id)
        if job is None:
            raise BadInputError(N_("No HTTP job {job_id}."), job_id=job_id)
        old, new = Path(job.project_dir), Path(new_dir)
        if old == new:
            return
        with self._lock:
            before = self._holds.get(job_id, Hold.NONE)
            if before.moving:
                raise BadInputError(N_("{name} is already being moved."), name=job.name)
            self._holds[job_id] = Hold.MOVING  # pause/resume meanwhile say here what happens after the move
        running, moved = False, job
        try:
            running = self._halt(job_id)
            # Skipped files go too: one dropped after it was fetched is still the user's, and one picked
            # later must land in the new folder.
            move_files(old, new, [p for spec in job.files + job.skipped for p in file_paths(spec.dest)])
            moved = dataclasses.replace(job, project_dir=str(new), files=_relocated(job.files, old, new),
                                        skipped=_relocated(job.skipped, old, new))
        finally:  # moved or not (nothing moved on an error), the job goes on from where its files are
            with self._lock:
                during = self._holds.get(job_id, Hold.MOVING)
                after = {Hold.MOVING_THEN_PAUSE: Hold.PAUSED, Hold.MOVING_THEN_RESUME: Hold.NONE}.get(during, before)
                self._holds[job_id] = after
                self._jobs[job_id] = moved
                restart = during is Hold.MOVING_THEN_RESUME or (running and after is Hold.NONE)
                if restart and not self._stopping:
                    self._start(moved, announce=False)
            if running and during is Hold.MOVING_THEN_PAUSE:
                self._emit(ev.JobPaused(job_id))
        self._emit(ev.JobMoved(job_id, str(new)))

    def resume(self, job_id: str) -> None:
        with self._lock:
            if self._holds.get(job_id, Hold.NONE).moving:  # starts from the new folder when the move ends
                self._holds[job_id] = Hold.MOVING_THEN_RESUME
                return
            job = self._jobs.get(job_id)
            if job is not None:
                self._holds[job_id] = Hold.NONE
            if job is None or self._stopping or self._alive(job_id):
                return
            self._start(job, announce=False)

    def remove(self, job_id: str, delete_files: bool = False) -> None:
        with self._lock:
            if self._holds.get(job_id, Hold.NONE).moving:
                raise BadInputError(N_("{name} is being moved to another folder; remove it when the move has "
                                       "ended."), name=self._jobs[job_id].name)
        self.pause(job_id)
        with self._lock:
            job = self._jobs.pop(job_id, None)
            self._progress.pop(job_id, None)
            self._live.pop(job_id, None)
            self._job_limits.pop(job_id, None)
            self._holds.pop(job_id, None)
        if job is not None and delete_files:
            for spec in job.files:
                for path in file_paths(spec.dest):
                    path.unlink(missing_ok=True)
        self._emit(ev.JobRemoved(job_id))

    def _remember(self, dest: Path) -> None:
        """A file verified whole: while its size and mtime stay, a later run need not hash it again."""
        with contextlib.suppress(OSError):
            st = dest.stat()
            with self._lock:
                self._verified[dest] = (st.st_size, st.st_mtime_ns)

    def _known_good(self, dest: Path) -> bool:
        try:
            st = dest.stat()
        except OSError:
            return False
        with self._lock:
            return self._verified.get(dest) == (st.st_size, st.st_mtime_ns)

    def stop(self, timeout: float) -> bool:
        with self._lock:
            self._stopping = True
            for stop in self._stops.values():
                stop.set()
            threads = list(self._threads.values())
        deadline = time.monotonic() + timeout
        for t in threads:
            t.join(max(0.0, deadline - time.monotonic()))
        return not any(t.is_alive() for t in threads)

    def _run(self, job: HttpJob, stop: threading.Event, announce: bool) -> None:
        limit_arenas()  # before this job's connection threads start
        if announce:
            self._emit(ev.JobAdded(job.job_id, job.name, job.project_dir))
            for note in job.notes:
                self._emit(ev.JobNote(job.job_id, note))
        progress = _JobProgress(job, self._emit)
        live: list[FileDownload] = []  # this run's files in flight
        with self._lock:
            self._progress[job.job_id], self._live[job.job_id] = progress, live
            limiters = (self._job_limits[job.job_id], self._limit)
        proxy = self._proxy()
        sessions = SessionPool(functools.partial(new_session, job.credentials, proxy))  # closed at the end

        def announce_files() -> None:  # once every size is known: the file list for the library
            if progress.sizes_known():
                self._emit(ev.MetadataReceived(job.job_id, job.name, progress.entries(), progress.total,
                                               progress.total))

        def make(spec: FileSpec, halt: threading.Event, slots: HostSlots) -> FileDownload:
            def on_progress(p: Progress) -> None:
                progress.update(spec, p)
                announce_files()
            dl = FileDownload(spec, connections=job.connections, stall_timeout=job.stall_timeout, stop=halt,
                              on_progress=on_progress, slots=slots, limiters=limiters, sessions=sessions,
                              known_good=self._known_good, root=Path(job.project_dir),
                              network_hint=proxy.network_hint(),
                              reuse=functools.partial(self._reuse, job.job_id) if self._reuse else None)
            with self._lock:
                live.append(dl)
            return dl

        def on_done(dl: FileDownload) -> None:
            self._remember(dl.spec.dest)
            progress.file_done(dl)
            announce_files()
            with self._lock:
                live.remove(dl)

        try:
            announce_files()
            fetch_files(job.files, job.connections, stop, make, on_done)
        except Interrupted:
            return
        except ModelDeskError as exc:
            self._emit(ev.JobFailed(job.job_id, exc.message, exc.exit_code))
            return
        except Exception as exc:  # a bug must still end the job with a message, not a dead thread
            log.exception("HTTP job %s crashed", job.job_id)
            self._emit(ev.JobFailed(job.job_id, Message.of(N_("{name}: unexpected error ({exc})."), name=job.name,
                                                           exc=exc), 1))
            return
        finally:
            sessions.close()
            with self._lock:
                live.clear()  # files that failed or stopped hold no connections any more
        progress.send(progress.total, progress.fetched, 0, JobState.FINISHED)
        unverified = tuple(s.dest.name for s in job.files if not (s.sha256 or s.git_sha1))
        self._emit(ev.JobFinished(job.job_id, unverified))
