"""The mirror half of a hybrid torrent job: connections that fetch whole pieces from web seeds.

Each connection takes the best mirror (MirrorSet: speed per connection, back-off, drop), claims a
missing piece from the torrent side, GETs the byte ranges that make it (a piece may span several
files; pad files are zeros), and hands the piece over. The torrent checks its hash: a mirror whose
pieces fail twice is dropped, like a mirror caught sending bad bytes to a plain download.
What is in flight stays bounded (pieces are held whole in memory until they are handed over).
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections.abc import Callable

import requests

from modeldesk.core.contracts.details import MirrorDetail
from modeldesk.core.base.constants import HTTP_CONNECTIONS
from modeldesk.core.http.client import new_session
from modeldesk.core.http.body import Body
from modeldesk.core.http.fetch import Floor, MirrorFault, check_ranged_answer, open_stream, record_fault
from modeldesk.core.http.mirrors import Mirror, MirrorSet, mirror_details
from modeldesk.core.http.ratelimit import RateLimiter, read_size, take_all
from modeldesk.core.contracts.piece_layout import PieceLayout, PieceSource, Slice, web_seed_url

log = logging.getLogger(__name__)

MAX_IN_FLIGHT = 64 * 1024 * 1024  # bytes of pieces held in memory at once, over all connections
MAX_WORKERS = 64
BAD_PIECES_TO_DROP = 2  # a mirror whose pieces fail their hash check this often is dropped
IDLE_WAIT_S = 0.2


class MirrorFeed:
    def __init__(self, layout: PieceLayout, bases: tuple[str, ...], source: PieceSource, *,
                 connections: int = HTTP_CONNECTIONS, stall_timeout: float = 20.0,
                 session_factory: Callable[[], requests.Session] = new_session,
                 limiters: tuple[RateLimiter, ...] = (), name: str = "feed"):
        self.layout = layout
        self.mirrors = MirrorSet(list(bases), per_mirror=max(1, connections))
        self._source = source
        self._timeout = (10.0, stall_timeout)
        self._new_session = session_factory
        self._job_limit = RateLimiter()  # this job's share of its own limit (set_limit)
        self._limiters = (*limiters, self._job_limit)
        self._name = name
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()
        self._strikes: dict[str, int] = {}
        self._samples: list[tuple[float, int]] = []
        by_memory = max(2, MAX_IN_FLIGHT // max(1, layout.piece_length))
        self._workers = max(1, min(MAX_WORKERS, by_memory, max(1, connections) * len(self.mirrors.mirrors)))

    # ---- control: any thread -----------------------------------------------------------
    def start(self) -> None:
        if self._threads:
            return
        for i in range(self._workers):
            t = threading.Thread(target=self._work, name=f"http-{self._name}-{i}", daemon=True)
            self._threads.append(t)
            t.start()

    def stop(self) -> None:
        """Connections end after their current read; pieces they held are given back."""
        self._stop.set()

    def set_limit(self, down: int) -> None:
        """The mirrors' share of this job's download limit, bytes/s (0 = none)."""
        if abs(down - self._job_limit.rate) > self._job_limit.rate // 10:  # a new rate restarts the bucket
            self._job_limit.set_rate(down)

    def bad_piece(self, mirror: str) -> None:
        m = next((m for m in self.mirrors.mirrors if m.url == mirror), None)
        if m is None:
            return
        with self._lock:
            self._strikes[mirror] = strikes = self._strikes.get(mirror, 0) + 1
        log.warning("a piece from the mirror %s failed its hash check (%d)", m.host, strikes)
        if strikes >= BAD_PIECES_TO_DROP:
            m.bad_data = True
            m.last_error = "sent pieces that failed their hash check"

    def rate(self) -> int:
        now = time.monotonic()
        with self._lock:
            self._samples = [(t, b) for t, b in self._samples if now - t <= 3.0]
            if not self._samples:
                return 0
            span = max(1.0, now - self._samples[0][0])
            return int(sum(b for _t, b in self._samples) / span)

    def details(self) -> tuple[MirrorDetail, ...]:
        return mirror_details([self.mirrors])

    def in_use(self) -> int:
        return self.mirrors.in_use()

    def piece_time(self) -> float:
        speed = self.mirrors.best_speed()
        return self.layout.piece_length / speed if speed else 0.0

    # ---- connections -------------------------------------------------------------------
    def _work(self) -> None:
        with self._new_session() as session:
            while not self._stop.is_set():
                m = self.mirrors.pick()
                if m is None:
                    if not self.mirrors.any_usable():
                        return  # every mirror is gone: the peers carry on alone
                    self._stop.wait(min(1.0, max(IDLE_WAIT_S, self.mirrors.next_retry_in())))
                    continue
                piece = self._source.claim()
                if piece is None:
                    self.mirrors.release(m)
                    self._stop.wait(IDLE_WAIT_S)
                    continue
                self._one_piece(session, m, piece)

    def _one_piece(self, session: requests.Session, m: Mirror, piece: int) -> None:
        t0 = time.monotonic()
        try:
            data = self._fetch(session, m, piece)
        except MirrorFault as f:
            log.info("mirror %s, piece %d: %s", m.host, piece, f)
            record_fault(self.mirrors, m, f)
            self._source.give_back(piece)
            return
        finally:
            self.mirrors.release(m)
        if data is None:  # stopped midway
            self._source.give_back(piece)
            return
        if self.layout.sha1 and hashlib.sha1(data).digest() != self.layout.sha1[piece]:
            # Caught here, the lie never reaches libtorrent (whose picker, given a failed piece through
            # add_piece, can keep the torrent's last piece from ever being checked again).
            self.bad_piece(m.url)
            self.mirrors.failed(m, "sent a piece that failed its hash check")
            self._source.give_back(piece)
            return
        self.mirrors.succeeded(m, len(data), time.monotonic() - t0)
        self._source.deliver(piece, data, m.url)
        with self._lock:
            self._samples.append((time.monotonic(), len(data)))

    def _fetch(self, session: requests.Session, m: Mirror, piece: int) -> bytes | None:
        buf = bytearray(self.layout.piece_size(piece))  # pad files stay zeros
        pos = 0
        for s in self.layout.slices(piece):
            if not s.file.pad and not self._fetch_slice(session, m, s, buf, pos):
                return None
            pos += s.length
        return bytes(buf)

    def _fetch_slice(self, session: requests.Session, m: Mirror, s: Slice, buf: bytearray, at: int) -> bool:
        url = web_seed_url(m.url, self.layout, s.file)
        end = s.start + s.length
        headers = {"Range": f"bytes={s.start}-{end - 1}", "Accept-Encoding": "identity"}
        t0 = time.monotonic()
        resp = open_stream(session, url, headers, self._timeout)
        self.mirrors.observed_latency(m, time.monotonic() - t0)
        view = memoryview(buf)
        got = 0
        with resp:
            check_ranged_answer(resp, s.start, end, s.file.size)
            body, floor = Body(resp), Floor(self._timeout[1])
            while got < s.length:
                if self._stop.is_set():
                    return False
                n = floor.read(body, view[at + got: at + got + read_size(self._limiters, s.length - got)], got)
                if not n:
                    break
                got += n
                take_all(self._limiters, n, self._stop)
            body.done()
        if got < s.length:
            raise MirrorFault(f"closed the connection early after {got} bytes")
        return True
