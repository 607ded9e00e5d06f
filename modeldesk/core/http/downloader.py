"""One file over many connections and many mirrors, resumable across restarts, verified before it
gets its final name.

Connections take ranges from a shared list; a fast mirror finishes its ranges sooner and so takes
more of them, which spreads the work in proportion to speed without a planner. When the list is
empty, an idle connection takes over the far half of the largest range still in flight (end game),
so a slow mirror never holds the tail. A mirror that errs backs off; one that refuses ranges, says
404/401/403, or sends bytes that fail verification is dropped for the rest of the job.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path


from modeldesk.core.base.atomic import fsync_dir
from modeldesk.core.base.constants import HTTP_CONNECTIONS, MAX_HTTP_CONNECTIONS
from modeldesk.core.base.errors import (
    DiskError,
    Interrupted,
    ModelDeskError,
    VerificationError,
)
from modeldesk.core.base.digests import digests_match
from modeldesk.core.http.bad_mirror import find_bad_mirror
from modeldesk.core.http.client import new_session
from modeldesk.core.http.part_file import check_space, file_paths, make_folder, open_part, write_error
from modeldesk.core.http.fetch import MirrorFault, fetch_range, fetch_whole, record_fault
from modeldesk.core.http.hasher import PrefixHasher
from modeldesk.core.http.sessions import SessionPool
from modeldesk.core.http.preallocate import preallocate
from modeldesk.core.http.prober import head_size, probe
from modeldesk.core.http.ratelimit import RateLimiter, take_all
from modeldesk.core.http.mirrors import BACKOFF_MAX_S, MAX_CONSECUTIVE_FAILURES, HostSlots, Mirror, MirrorSet
from modeldesk.core.http.scheduler import MIN_PIECE, Scheduler, Work
from modeldesk.core.http.segments import SegmentMap
from modeldesk.core.http.status import no_mirror_error
from modeldesk.core.http.tuner import ConnectionTuner
from modeldesk.core.base.messages import N_, Message
from modeldesk.core.base.pathsafety import resolve_inside

log = logging.getLogger(__name__)

SIDECAR_SAVE_S = 1.0
RATE_SAMPLE_S = 0.5
TICK_S = 0.1  # the connection tuner's clock
REPORT_S = 0.25
PROBE_EVERY_S = 30.0  # how often a long job looks again at the mirrors it is not using


@dataclass(frozen=True)
class FileSpec:
    urls: tuple[str, ...]
    dest: Path
    size: int | None = None  # known from a listing, else asked with HEAD
    sha256: str | None = None
    git_sha1: str | None = None  # git blob id, for small files a hub keeps outside LFS
    xet: bool = False  # the hub stores it with Xet: some mirrors only pass on plain LFS files


@dataclass(frozen=True)
class Progress:
    done: int
    size: int
    fetched: int  # bytes fetched by this run (done minus what a previous run left)
    mirrors_in_use: int


def content_ok(path: Path, spec: FileSpec) -> bool:
    """True when the file matches every digest the spec names (size is checked separately)."""
    return digests_match(path, spec.sha256, spec.git_sha1)


class FileDownload:
    def __init__(self, spec: FileSpec, connections: int = HTTP_CONNECTIONS, stall_timeout: float = 20.0,
                 stop: threading.Event | None = None, on_progress: Callable[[Progress], None] | None = None,
                 sessions: SessionPool | None = None, slots: HostSlots | None = None,
                 limiters: tuple[RateLimiter, ...] = (), known_good: Callable[[Path], bool] | None = None,
                 root: Path | None = None, network_hint: Message | str = "",
                 reuse: Callable[[str, Path], bool] | None = None):
        self.spec = spec
        self._reuse = reuse  # (sha256, dest): placed a content the library holds elsewhere
        self._root = root or spec.dest.parent  # the project folder: nothing is written outside it
        self._network_hint = network_hint  # what a network error adds when a proxy carries every connection
        self._known_good = known_good or (lambda path: False)  # verified earlier by this process
        self._limiters = limiters  # the job's and the engine's download limits
        self.mirrors = MirrorSet(list(spec.urls), per_mirror=max(1, connections), slots=slots)
        # `connections` caps each mirror, like aria2's -x: a throttled mirror gives each connection a
        # fixed rate, so a second mirror adds its own connections rather than taking some away. How
        # many a mirror really gets is found while the file downloads (tuner.py).
        self._per_mirror = max(1, connections)
        self._connections = min(MAX_HTTP_CONNECTIONS, self._per_mirror * len(self.mirrors.mirrors))
        self._timeout = (10.0, stall_timeout)
        self._stop = stop or threading.Event()
        self._on_progress = on_progress or (lambda p: None)
        # The job's sessions (their kept-alive connections serve its next file too); a file alone has its own.
        self._sessions, self._own_sessions = sessions or SessionPool(new_session), sessions is None
        self._new_session = self._sessions.borrow
        self.size = spec.size or 0
        self.resumed = 0  # bytes a previous run had already finished
        self._saved_version = -1  # the segment map's version last saved (SegmentMap.version)
        self._reprobe: threading.Thread | None = None
        # Set once every missing byte is handed to a connection (or the run is over): from then on
        # connections of this file fall idle, and the job may start its next file beside it.
        self.handed_out = threading.Event()
        self.on_handed_out: Callable[[], None] = lambda: None  # the file pool's wake-up

    # ---- the whole job ---------------------------------------------------------------
    @property
    def part(self) -> Path:
        return file_paths(self.spec.dest)[1]

    def run(self) -> None:
        try:
            self._run()
        finally:
            self._hand_out()
            if self._own_sessions:
                self._sessions.close()

    def _hand_out(self) -> None:
        if not self.handed_out.is_set():
            self.handed_out.set()
            self.on_handed_out()

    def _run(self) -> None:
        dest = self.spec.dest
        resolve_inside(self._root, dest.parent)  # a link planted in a reused folder leads nowhere
        make_folder(dest.parent)
        if self.spec.size is not None:  # a listing gave the size: no HEAD round trip per file
            validator = self.spec.sha256 or self.spec.git_sha1 or str(self.size)
        else:  # the size comes from the probe; the connections that follow are opened meanwhile
            self._sessions.warm(self.mirrors.mirrors[0].url, self._per_mirror)
            validator = self._probe()
        if dest.exists() and dest.stat().st_size == self.size and (self._known_good(dest)
                                                                   or content_ok(dest, self.spec)):
            self.resumed = self.size
            return  # already here and verified
        _, part, segment_map = file_paths(dest)
        if self.spec.sha256 and self._reuse is not None and self._reuse(self.spec.sha256, dest):
            self.resumed = self.size  # the library had it: placed, not fetched
            part.unlink(missing_ok=True)
            segment_map.unlink(missing_ok=True)
            return
        segs = SegmentMap(self.size, segment_map, validator)
        have = segs.load() if self.part.exists() else 0
        self.resumed = have
        check_space(dest, self.size)
        fd = open_part(self.part, self._root)
        try:
            if have == 0:
                os.ftruncate(fd, 0)
            preallocate(fd, self.size, self.part.parent, self.spec.dest.name)
            hasher = None
            if self.spec.sha256 or self.spec.git_sha1:
                hasher = PrefixHasher(fd, self.size, segs.prefix, bool(self.spec.sha256),
                                      bool(self.spec.git_sha1)).start()
            try:
                self._fetch_missing(fd, segs)
            except BaseException:
                if hasher is not None:
                    hasher.stop()
                raise
            self._verify(fd, segs, hasher)
            try:
                os.fsync(fd)  # on disk before it takes its final name, hash or no hash
            except OSError as exc:
                raise self._disk_error(exc) from None
        finally:
            os.close(fd)
        os.replace(self.part, dest)
        fsync_dir(dest.parent)
        segs.remove()

    def _probe(self) -> str:
        """HEAD each mirror until one gives the size (and a validator for the sidecar)."""
        with self._new_session() as session:
            size, etag, faults = head_size(session, self.mirrors, self.spec.size, self._timeout)
        if size is None:
            raise self._no_mirror_error(faults)
        self.size = size if size >= 0 else self.size
        return self.spec.sha256 or self.spec.git_sha1 or f"{self.size}:{etag}"

    def _no_mirror_error(self, faults: list[str]) -> ModelDeskError:
        return no_mirror_error(self.spec.dest.name, [m.fatal_status for m in self.mirrors.mirrors],
                               "; ".join(faults) or "no mirror left", self.spec.xet, self._network_hint)

    # ---- transfer ----------------------------------------------------------------------
    def _fetch_missing(self, fd: int, segs: SegmentMap) -> None:
        missing = segs.missing()
        # The taper is for one mirror: beside much slower mirrors (A+B+C in benchmarks/http_download.py)
        # it made the job 20-45% slower, through the end game's take-overs; not understood yet.
        taper = bool(self.spec.sha256 or self.spec.git_sha1) and len(self.mirrors.mirrors) == 1
        sched = Scheduler(missing, self.size, self._connections, taper=taper)
        if sched.idle():
            return
        # A small file needs no more connections than it has pieces of the smallest size.
        workers = min(self._connections, max(1, -(-sum(b - a for a, b in missing) // MIN_PIECE)))
        errors: list[BaseException] = []
        tuner = ConnectionTuner(self.mirrors, self._per_mirror, sched.trim)

        def tick() -> None:
            tuner.tick()
            sched.set_connections(min(workers, tuner.total()))

        def worker() -> None:
            # A session is borrowed once there is a request to send: a worker waiting for a connection
            # the tuner may never give holds none.
            with contextlib.ExitStack() as held:
                session = None
                while not self._stop.is_set() and not errors and not sched.idle():
                    m = self.mirrors.pick()
                    if m is None:
                        if not self.mirrors.any_usable():
                            return
                        if retry := self.mirrors.next_retry_in():
                            self._stop.wait(min(1.0, retry))
                        else:  # every mirror has the connections the tuner gives it
                            self.mirrors.wait_for_change(0.25)
                        continue
                    w = sched.take(m, m.latency, front=self.mirrors.leads(m))
                    if not sched.holes_left():
                        self._hand_out()
                    if w is None:  # nothing worth taking now; a slow request may be worth helping soon
                        self.mirrors.release(m)
                        self._stop.wait(0.1)
                        continue
                    if session is None:
                        session = held.enter_context(self._new_session())
                    self._run_one(session, sched, w, fd, segs, errors)

        tick()
        self._run_workers(worker, fd, segs, workers, tick, wanted=tuner.total)
        if not errors and not self._stop.is_set() and segs.missing():
            whole = self.mirrors.only_whole_streams_left()
            if whole:
                self._run_workers(lambda: self._single_stream(whole, fd, segs, errors), fd, segs, 1)
        if errors:
            raise errors[0]
        if self._stop.is_set():
            raise Interrupted(N_("interrupted; finished bytes are kept for the next run"))
        if segs.missing():
            faults = [f"{m.host}: {m.last_error or 'gave up'}" for m in self.mirrors.mirrors]
            raise self._no_mirror_error(faults)

    def _run_workers(self, worker: Callable[[], None], fd: int, segs: SegmentMap, count: int,
                     tick: Callable[[], None] = lambda: None, wanted: Callable[[], int] | None = None) -> None:
        """Run up to `count` workers, as many at a time as `wanted()` says (the connections the tuner
        allows now: threads started for connections no mirror may open yet only cost the others);
        save the map, tune the connections and report meanwhile."""
        def more(futures: list) -> None:
            while len(futures) < min(count, wanted() if wanted else count):
                futures.append(pool.submit(worker))

        with ThreadPoolExecutor(count, thread_name_prefix="http-conn") as pool:
            futures: list = []
            more(futures)
            last_save = last_probe = last_report = time.monotonic()
            while wait(futures, timeout=TICK_S).not_done:
                tick()
                more(futures)
                now = time.monotonic()
                if now - last_save >= SIDECAR_SAVE_S:
                    self._save(segs, fd)
                    last_save = now
                if now - last_probe >= PROBE_EVERY_S:
                    last_probe = now
                    self._reprobe_idle()
                if now - last_report >= REPORT_S:
                    last_report = now
                    self._report(segs)
            for f in futures:
                f.result()  # a bug in a worker surfaces here, not silently
        self._save(segs, fd)
        self._report(segs)

    def _reprobe_idle(self) -> None:
        """Long jobs: look again at mirrors no connection uses (backed off, given up after errors, or
        left aside as slow); one that answers well rejoins with its probed speed."""
        idle = self.mirrors.idle_candidates()
        if not idle or (self._reprobe is not None and self._reprobe.is_alive()):
            return  # nothing to look at, or the last look is still under way

        def run() -> None:
            with self._new_session() as session:
                for m in idle:
                    r = probe(session, m.url, timeout=self._timeout[0])
                    log.info("re-probe %s: %s", m.host, r.health)
                    self.mirrors.probed(m, r.healthy and r.ranges, r.throughput)

        self._reprobe = threading.Thread(target=run, name="http-reprobe", daemon=True)
        self._reprobe.start()

    def _single_stream(self, mirrors: list[Mirror], fd: int, segs: SegmentMap, errors: list) -> None:
        """Every mirror left answers Range requests with the whole file: fetch it as one stream."""
        log.info("%s: no mirror serves ranges; one stream from the start", self.spec.dest.name)
        with self._new_session() as session:
            for attempt in range(MAX_CONSECUTIVE_FAILURES):
                m = mirrors[attempt % len(mirrors)]
                t0 = time.monotonic()
                try:
                    n = fetch_whole(session, m, fd, self.size, lambda a, b, m=m: self._got(segs, a, b, m),
                                    self._stop, self._timeout, self._limiters)
                    self.mirrors.succeeded(m, n, time.monotonic() - t0)
                    return
                except MirrorFault as f:
                    log.info("mirror %s (one stream): %s", m.host, f)
                    m.last_error = str(f)
                    if f.fatal_status:
                        m.fatal_status = f.fatal_status
                        return
                    self._stop.wait(min(BACKOFF_MAX_S, 2.0**attempt))
                except OSError as exc:
                    errors.append(self._disk_error(exc))
                    return
                if self._stop.is_set():
                    return

    def _disk_error(self, exc: OSError) -> DiskError:
        return write_error(exc, self.part)

    def _run_one(self, session, sched: Scheduler, w: Work, fd: int, segs: SegmentMap, errors: list) -> None:
        m = w.mirror
        t0 = time.monotonic()
        sampled = [t0]
        first = [True]

        def on_bytes(a: int, b: int) -> None:
            if first[0]:  # the round trip is known now, not only when the request ends
                first[0] = False
                self.mirrors.observed_latency(m, w.ttfb)
            self._got(segs, a, b, m)
            now = time.monotonic()
            if now - sampled[0] >= RATE_SAMPLE_S and (rate := w.rate(now)) is not None:
                sampled[0] = now
                self.mirrors.observed_rate(m, rate)

        try:
            fetch_range(session, w, fd, sched.lock, on_bytes, self._stop, self._timeout, self.size, self._limiters)
            self.mirrors.succeeded(m, w.pos - w.first, time.monotonic() - t0)
        except MirrorFault as f:
            log.info("mirror %s: %s", m.host, f)
            record_fault(self.mirrors, m, f)
        except OSError as exc:
            errors.append(self._disk_error(exc))
        finally:
            if w.ttfb > 0 and w.pos == w.first:  # answered, but no bytes (an error status)
                self.mirrors.observed_latency(m, w.ttfb)
            self.mirrors.release(m)
            sched.give_back(w)

    def _got(self, segs: SegmentMap, a: int, b: int, m: Mirror) -> None:
        segs.add(a, b, m.url)
        self.mirrors.got(m, b - a)
        if self._limiters:
            take_all(self._limiters, b - a, self._stop)

    def _report(self, segs: SegmentMap) -> None:
        done = segs.done_bytes()
        self._on_progress(Progress(done, self.size, done - self.resumed, self.mirrors.in_use()))

    def _save(self, segs: SegmentMap, fd: int) -> None:
        """The map of finished ranges, on disk after the bytes it names: the partial file is synced
        first, so a power cut cannot leave a map that calls lost bytes finished (a file with no hash to
        check would be called complete with holes in it). Nothing new since the last save: nothing."""
        version, data = segs.snapshot()
        if version == self._saved_version:
            return
        try:
            os.fdatasync(fd)
            segs.write(data)
            self._saved_version = version
        except OSError as exc:  # a full disk must not lose the transfer; the old map stays
            # On a full disk the data's own write fails next and says so, in one line.
            log.log(logging.DEBUG if exc.errno == errno.ENOSPC else logging.WARNING, "cannot save segment map: %s", exc)

    # ---- verification ------------------------------------------------------------------
    def _verify(self, fd: int, segs: SegmentMap, hasher: PrefixHasher | None) -> None:
        if os.fstat(fd).st_size != self.size:
            if hasher is not None:
                hasher.stop()
            raise VerificationError(N_("{name}: size on disk differs from {size}."),
                                    name=self.spec.dest.name, size=self.size)
        if hasher is None:
            return
        try:
            sha256, sha1 = hasher.finish()
        except OSError as exc:
            raise self._disk_error(exc) from None
        if (sha256 or None) == self.spec.sha256 and (sha1 or None) == self.spec.git_sha1:
            return
        if find_bad_mirror(self.mirrors, segs, lambda: self._fetch_missing(fd, segs),
                           lambda: content_ok(self.part, self.spec), self.spec.dest.name) is not None:
            return
        segs.remove()
        self.part.unlink(missing_ok=True)
        raise VerificationError(
            N_("{name}: the downloaded bytes do not match the published sha256 {sha}…; the bad copy was "
               "deleted. A mirror is serving a different or corrupt file; try again, or another mirror."),
            name=self.spec.dest.name, sha=(self.spec.sha256 or self.spec.git_sha1 or "")[:12])
