"""One file over many connections and many mirrors, resumable across restarts, verified before it
gets its final name.

Connections take ranges from a shared list; a fast mirror finishes its ranges sooner and so takes
more of them, which spreads the work in proportion to speed without a planner. When the list is
empty, an idle connection takes over the far half of the largest range still in flight (end game),
so a slow mirror never holds the tail. A mirror that errs backs off; one that refuses ranges, says
404/401/403, or sends bytes that fail verification is dropped for the rest of the job.
"""

from __future__ import annotations

import errno
import hashlib
import logging
import os
import shutil
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import requests

from modeldesk.core.atomic import fsync_dir
from modeldesk.core.constants import INCOMPLETE_SUFFIX
from modeldesk.core.errors import (
    AccessDeniedError,
    BadSourceError,
    DiskError,
    InsufficientSpaceError,
    Interrupted,
    NetworkError,
    VerificationError,
)
from modeldesk.core.http.client import new_session
from modeldesk.core.http.fetch import MirrorFault, Work, fault_for, fetch_range
from modeldesk.core.http.mirrors import Mirror, MirrorSet
from modeldesk.core.http.segments import SegmentMap
from modeldesk.core.units import fmt_bytes

log = logging.getLogger(__name__)

MIN_SPLIT = 1024 * 1024  # never split a range below this
SIDECAR_SAVE_S = 1.0


@dataclass(frozen=True)
class FileSpec:
    urls: tuple[str, ...]
    dest: Path
    size: int | None = None  # known from a listing, else asked with HEAD
    sha256: str | None = None
    git_sha1: str | None = None  # git blob id, for small files a hub keeps outside LFS


@dataclass(frozen=True)
class Progress:
    done: int
    size: int
    fetched: int  # bytes fetched by this run (done minus what a previous run left)
    mirrors_in_use: int


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(4 * 1024 * 1024):
            h.update(block)
    return h.hexdigest()


def git_blob_sha1_of(path: Path) -> str:
    h = hashlib.sha1(f"blob {path.stat().st_size}\0".encode())
    with open(path, "rb") as f:
        while block := f.read(4 * 1024 * 1024):
            h.update(block)
    return h.hexdigest()


def content_ok(path: Path, spec: FileSpec) -> bool:
    """True when the file matches every digest the spec names (size is checked separately)."""
    if spec.sha256 and sha256_of(path) != spec.sha256:
        return False
    return not (spec.git_sha1 and git_blob_sha1_of(path) != spec.git_sha1)


class FileDownload:
    def __init__(self, spec: FileSpec, connections: int = 8, stall_timeout: float = 20.0,
                 stop: threading.Event | None = None, on_progress: Callable[[Progress], None] | None = None,
                 session_factory: Callable[[], requests.Session] = new_session):
        self.spec = spec
        self.mirrors = MirrorSet(list(spec.urls))
        self._connections = max(1, connections)
        self._timeout = (10.0, stall_timeout)
        self._stop = stop or threading.Event()
        self._on_progress = on_progress or (lambda p: None)
        self._new_session = session_factory
        self._lock = threading.Lock()
        self._pending: list[Work] = []
        self._active: list[Work] = []
        self.size = spec.size or 0
        self.resumed = 0  # bytes a previous run had already finished

    # ---- the whole job ---------------------------------------------------------------
    @property
    def part(self) -> Path:
        return self.spec.dest.with_name(self.spec.dest.name + INCOMPLETE_SUFFIX)

    def run(self) -> None:
        dest = self.spec.dest
        dest.parent.mkdir(parents=True, exist_ok=True)
        if self.spec.size is not None:  # a listing gave the size: no HEAD round trip per file
            validator = self.spec.sha256 or self.spec.git_sha1 or str(self.size)
        else:
            validator = self._probe()
        if dest.exists() and dest.stat().st_size == self.size and content_ok(dest, self.spec):
            self.resumed = self.size
            return  # already here and verified
        segs = SegmentMap(self.size, dest.with_name(dest.name + INCOMPLETE_SUFFIX + ".map"), validator)
        have = segs.load() if self.part.exists() else 0
        self.resumed = have
        self._check_space(self.size - have)
        fd = os.open(self.part, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            if have == 0:
                os.ftruncate(fd, 0)
            self._preallocate(fd)
            self._fetch_missing(fd, segs)
            self._verify(fd, segs)
        finally:
            os.close(fd)
        os.replace(self.part, dest)
        fsync_dir(dest.parent)
        segs.remove()

    def _probe(self) -> str:
        """HEAD each mirror until one gives the size (and a validator for the sidecar)."""
        faults = []
        with self._new_session() as s:
            for m in self.mirrors.mirrors:
                try:
                    r = s.head(m.url, allow_redirects=True, timeout=self._timeout,
                               headers={"Accept-Encoding": "identity"})
                except requests.RequestException as exc:
                    self.mirrors.failed(m, type(exc).__name__)
                    faults.append(f"{m.host}: {type(exc).__name__}")
                    continue
                if r.status_code >= 400:
                    f = fault_for(r)
                    m.fatal_status = f.fatal_status
                    self.mirrors.failed(m, str(f))
                    faults.append(f"{m.host}: {f}")
                    continue
                size = int(r.headers.get("X-Linked-Size") or r.headers.get("Content-Length") or -1)
                if self.spec.size is not None and size != self.spec.size:
                    m.bad_data = True
                    faults.append(f"{m.host}: says {size} bytes, expected {self.spec.size}")
                    continue
                self.size = size if size >= 0 else self.size
                etag = r.headers.get("X-Linked-Etag") or r.headers.get("ETag") or ""
                return self.spec.sha256 or self.spec.git_sha1 or f"{self.size}:{etag}"
        raise self._no_mirror_error(faults)

    def _no_mirror_error(self, faults: list[str]):
        name = self.spec.dest.name
        statuses = {m.fatal_status for m in self.mirrors.mirrors}
        detail = "; ".join(faults) or "no mirror left"
        if statuses <= {401, 403} and statuses:
            return AccessDeniedError(f"{name}: access denied by every mirror ({detail}). The file is gated "
                                     "or private: accept its licence on its page, or set a token.")
        if statuses <= {404, 410} and statuses:
            return BadSourceError(f"{name}: not found on any mirror ({detail}). Check the URL.")
        return NetworkError(f"{name}: no mirror could serve it ({detail}). Run the same command again "
                            "later; finished bytes are kept.")

    def _check_space(self, need: int) -> None:
        free = shutil.disk_usage(self.spec.dest.parent).free
        if need > free:
            raise InsufficientSpaceError(
                f"Not enough free space in {self.spec.dest.parent}: {self.spec.dest.name} needs "
                f"{fmt_bytes(need)} more, only {fmt_bytes(free)} is free."
            )

    def _preallocate(self, fd: int) -> None:
        try:
            os.posix_fallocate(fd, 0, self.size)
        except OSError as exc:
            if exc.errno == errno.ENOSPC:
                raise InsufficientSpaceError(f"No space left for {self.spec.dest.name}.") from None
            os.ftruncate(fd, self.size)  # file systems without fallocate

    # ---- transfer ----------------------------------------------------------------------
    def _plan(self, holes: list[tuple[int, int]]) -> None:
        total = sum(b - a for a, b in holes)
        piece = max(MIN_SPLIT, -(-total // self._connections))
        for a, b in holes:
            while a < b:
                self._pending.append(Work(a, min(b, a + piece)))
                a += piece

    def _take(self) -> Work | None:
        with self._lock:
            if self._pending:
                w = self._pending.pop(0)
            else:
                # End game: split the largest range still in flight.
                biggest = max(self._active, key=lambda w: w.end - w.pos, default=None)
                if biggest is None or biggest.end - biggest.pos < 2 * MIN_SPLIT:
                    return None
                mid = biggest.pos + (biggest.end - biggest.pos) // 2
                w = Work(mid, biggest.end)
                biggest.end = mid
            self._active.append(w)
            return w

    def _give_back(self, w: Work) -> None:
        with self._lock:
            self._active.remove(w)
            if w.pos < w.end:
                self._pending.append(w)

    def _fetch_missing(self, fd: int, segs: SegmentMap) -> None:
        self._plan(segs.missing())
        if not self._pending:
            return
        errors: list[BaseException] = []

        def worker() -> None:
            with self._new_session() as session:
                while not self._stop.is_set() and not errors:
                    w = self._take()
                    if w is None:
                        return
                    m = self.mirrors.pick()
                    if m is None:
                        self._give_back(w)
                        if not self.mirrors.any_usable():
                            return
                        time.sleep(min(1.0, self.mirrors.next_retry_in() or 0.2))
                        continue
                    self._run_one(session, m, w, fd, segs, errors)

        with ThreadPoolExecutor(self._connections, thread_name_prefix="http-conn") as pool:
            futures = [pool.submit(worker) for _ in range(self._connections)]
            last_save = time.monotonic()
            while not all(f.done() for f in futures):
                self._stop.wait(0.25)
                now = time.monotonic()
                if now - last_save >= SIDECAR_SAVE_S:
                    self._save(segs)
                    last_save = now
                self._report(segs)
        self._save(segs)
        self._report(segs)
        if errors:
            raise errors[0]
        if self._stop.is_set():
            raise Interrupted("interrupted; finished bytes are kept for the next run")
        if segs.missing():
            faults = [f"{m.host}: {m.last_error or 'gave up'}" for m in self.mirrors.mirrors]
            raise self._no_mirror_error(faults)

    def _run_one(self, session, m: Mirror, w: Work, fd: int, segs: SegmentMap, errors: list) -> None:
        t0 = time.monotonic()
        start = w.pos
        try:
            fetch_range(session, m, w, fd, self._lock, lambda a, b: segs.add(a, b, m.url),
                        self._stop, self._timeout)
            self.mirrors.succeeded(m, w.pos - start, time.monotonic() - t0)
        except MirrorFault as f:
            log.info("mirror %s: %s", m.host, f)
            m.fatal_status = m.fatal_status or f.fatal_status
            m.no_ranges = m.no_ranges or f.no_ranges
            self.mirrors.failed(m, str(f), f.retry_after)
        except OSError as exc:
            errors.append(DiskError(f"Writing {self.part} failed: {exc.strerror}. Free some space and run "
                                    "the same command again; finished bytes are kept."))
        finally:
            self.mirrors.release(m)
            self._give_back(w)

    def _report(self, segs: SegmentMap) -> None:
        done = segs.done_bytes()
        self._on_progress(Progress(done, self.size, done - self.resumed, self.mirrors.in_use()))

    def _save(self, segs: SegmentMap) -> None:
        try:
            segs.save()
        except OSError as exc:  # a full disk must not lose the transfer; the old map stays
            log.warning("cannot save segment map: %s", exc)

    # ---- verification ------------------------------------------------------------------
    def _verify(self, fd: int, segs: SegmentMap) -> None:
        if os.fstat(fd).st_size != self.size:
            raise VerificationError(f"{self.spec.dest.name}: size on disk differs from {self.size}.")
        if not (self.spec.sha256 or self.spec.git_sha1):
            return
        os.fsync(fd)
        if content_ok(self.part, self.spec):
            return
        # Find the mirror that lied: suspect each source in turn, re-fetch its ranges from the others,
        # and keep the verdict that makes the file verify. A wrong suspect is cleared again.
        tried: set[str] = set()
        while True:
            suspects = [src for src in segs.sources() if src not in tried]
            culprit = next((m for m in self.mirrors.mirrors if m.url in suspects and any(
                o.usable for o in self.mirrors.mirrors if o is not m)), None)
            if culprit is None:
                break
            tried.add(culprit.url)
            culprit.bad_data = True
            segs.drop_source(culprit.url)
            self._fetch_missing(fd, segs)
            if content_ok(self.part, self.spec):
                log.warning("mirror %s sent corrupt bytes for %s; dropped", culprit.host, self.spec.dest.name)
                return
            culprit.bad_data = False
        segs.remove()
        self.part.unlink(missing_ok=True)
        raise VerificationError(
            f"{self.spec.dest.name}: the downloaded bytes do not match the published sha256 "
            f"{(self.spec.sha256 or self.spec.git_sha1 or '')[:12]}…; the bad copy was deleted. A mirror is "
            "serving a different or corrupt file; try again, or another mirror."
        )
