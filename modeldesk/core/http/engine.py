"""The HTTP engine: each job runs on a thread of its own and reports through events, like the
torrent engine; transfers use FileDownload's connection pool."""

from __future__ import annotations

import functools
import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass

from modeldesk.core import events as ev
from modeldesk.core.constants import INCOMPLETE_SUFFIX
from modeldesk.core.errors import Interrupted, ModelDeskError
from modeldesk.core.credentials import Credentials
from modeldesk.core.http.client import new_session
from modeldesk.core.http.downloader import FileDownload, FileSpec, Progress
from modeldesk.core.models import FileEntry, JobKind, JobSnapshot, JobState

log = logging.getLogger(__name__)

Emit = Callable[[ev.Event], None]


@dataclass(frozen=True)
class HttpJob:
    job_id: str
    name: str
    project_dir: str
    files: tuple[FileSpec, ...]
    connections: int = 8
    stall_timeout: float = 20.0
    credentials: Credentials | None = None  # its repr names hosts only


class _JobProgress:
    """Adds up per-file progress into one job snapshot, sent at most once a second."""

    def __init__(self, job: HttpJob, emit: Emit):
        self.job, self._emit = job, emit
        self.sizes = {spec.dest: spec.size or 0 for spec in job.files}
        self.done_before = 0  # bytes of files already complete
        self.fetched_before = 0  # bytes this run fetched for them
        self._samples: list[tuple[float, int]] = []
        self._last_emit = 0.0

    def update(self, spec: FileSpec, p: Progress) -> None:
        self.sizes[spec.dest] = p.size
        now = time.monotonic()
        if now - self._last_emit >= 1.0:
            self._last_emit = now
            self.send(self.done_before + p.done, self.fetched_before + p.fetched, p.mirrors_in_use,
                      JobState.DOWNLOADING)

    def file_done(self, dl: FileDownload) -> None:
        self.done_before += dl.size
        self.fetched_before += dl.size - dl.resumed

    @property
    def total(self) -> int:
        return sum(self.sizes.values())

    def _rate(self, fetched: int) -> int:
        now = time.monotonic()
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

    def entries(self) -> tuple[FileEntry, ...]:
        root = self.job.project_dir.rstrip("/") + "/"
        return tuple(FileEntry(i, str(s.dest).removeprefix(root), self.sizes[s.dest])
                     for i, s in enumerate(self.job.files))


class HttpEngine:
    def __init__(self, emit: Emit):
        self._emit = emit
        self._stopping = False
        self._lock = threading.Lock()
        self._jobs: dict[str, HttpJob] = {}
        self._threads: dict[str, threading.Thread] = {}
        self._stops: dict[str, threading.Event] = {}  # one per run; set to pause, remove or stop

    def add(self, job: HttpJob) -> Future:
        fut: Future = Future()
        with self._lock:
            if self._stopping:
                fut.set_exception(ModelDeskError("The engine is shutting down."))
                return fut
            if self._alive(job.job_id):
                fut.set_exception(ModelDeskError(f"{job.name} is already being downloaded."))
                return fut
            self._jobs[job.job_id] = job
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

    def has(self, job_id: str) -> bool:
        return job_id in self._jobs

    def pause(self, job_id: str) -> None:
        """Stop the transfer; `.mdpart` and its map stay, so resume fetches only what is missing."""
        with self._lock:
            stop, t = self._stops.get(job_id), self._threads.get(job_id)
        if stop is None or t is None or not t.is_alive():
            return
        stop.set()
        t.join(10.0)
        self._emit(ev.JobPaused(job_id))

    def resume(self, job_id: str) -> None:
        with self._lock:
            job = self._jobs.get(job_id)
            if job is None or self._stopping or self._alive(job_id):
                return
            self._start(job, announce=False)

    def remove(self, job_id: str, delete_files: bool = False) -> None:
        self.pause(job_id)
        with self._lock:
            job = self._jobs.pop(job_id, None)
        if job is not None and delete_files:
            for spec in job.files:
                part = spec.dest.with_name(spec.dest.name + INCOMPLETE_SUFFIX)
                for path in (spec.dest, part, part.with_name(part.name + ".map")):
                    path.unlink(missing_ok=True)
        self._emit(ev.JobRemoved(job_id))

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
        if announce:
            self._emit(ev.JobAdded(job.job_id, job.name, job.project_dir))
        progress = _JobProgress(job, self._emit)
        try:
            for i, spec in enumerate(job.files):
                dl = FileDownload(spec, connections=job.connections, stall_timeout=job.stall_timeout, stop=stop,
                                  on_progress=functools.partial(progress.update, spec),
                                  session_factory=functools.partial(new_session, job.credentials))
                dl.run()
                if i == 0:
                    self._emit(ev.MetadataReceived(job.job_id, job.name, progress.entries(), progress.total,
                                                   progress.total))
                progress.file_done(dl)
        except Interrupted:
            return
        except ModelDeskError as exc:
            self._emit(ev.JobFailed(job.job_id, str(exc), exc.exit_code))
            return
        except Exception as exc:  # a bug must still end the job with a message, not a dead thread
            log.exception("HTTP job %s crashed", job.job_id)
            self._emit(ev.JobFailed(job.job_id, f"{job.name}: unexpected error ({exc}).", 1))
            return
        progress.send(progress.total, progress.fetched_before, 0, JobState.FINISHED)
        self._emit(ev.JobFinished(job.job_id))
