"""One ranged GET into a .part file, streamed with positional writes (no segment held whole)."""

from __future__ import annotations

import os
import re
import threading
import time

import requests

from modeldesk.core.http.body import BUFFER, Body, BodyError, buffer
from modeldesk.core.http.ratelimit import RateLimiter, read_size
from modeldesk.core.http.scheduler import Work
from modeldesk.core.http.status import problem_of

MIN_RATE = 1024  # bytes/s: a connection slower than this over the stall window counts as stalled
_CONTENT_RANGE = re.compile(r"^bytes (\d+)-(\d+)/(\d+|\*)$")


class MirrorFault(Exception):
    """This mirror failed this request; another one may do better."""

    def __init__(self, reason: str, fatal_status: int = 0, retry_after: float | None = None,
                 no_ranges: bool = False, bad_data: bool = False):
        super().__init__(reason)
        self.fatal_status = fatal_status
        self.retry_after = retry_after
        self.no_ranges = no_ranges
        self.bad_data = bad_data  # it serves another file: drop it for the rest of the job


def fault_for(resp: requests.Response) -> MirrorFault:
    """A mirror's failed answer as a fault: a final one (not found, denied) takes the mirror out for
    this file; the others are retried, after Retry-After when it gives one."""
    p = problem_of(resp)
    if p is None:  # a success the request did not ask for (a 204, a 200 to a range request): tried again
        return MirrorFault(f"HTTP {resp.status_code}")
    return MirrorFault(str(p), fatal_status=p.status if p.final else 0, retry_after=p.retry_after)


def record_fault(mirrors, m, f: MirrorFault) -> None:
    """What a failed request says about its mirror (MirrorSet, Mirror): final statuses, no ranges and
    bad data stick for the rest of the job; the failure counts towards back-off and giving up."""
    m.fatal_status = m.fatal_status or f.fatal_status
    m.no_ranges = m.no_ranges or f.no_ranges
    m.bad_data = m.bad_data or f.bad_data
    mirrors.failed(m, str(f), f.retry_after)


def open_stream(session: requests.Session, url: str, headers: dict, timeout) -> requests.Response:
    try:
        return session.get(url, headers=headers, stream=True, timeout=timeout)
    except requests.TooManyRedirects:  # a redirect loop: asking again only loops again
        raise MirrorFault("redirects in a loop", bad_data=True) from None
    except requests.RequestException as exc:
        raise MirrorFault(type(exc).__name__) from None


def read_body(body: Body, view: memoryview, got: int) -> int:
    """What the body has now, into view (0 at its end); a broken or stalled body is the mirror's fault."""
    try:
        return body.readinto(view)
    except BodyError as exc:
        raise MirrorFault(f"{exc} after {got} bytes") from None


def check_content_range(header: str, start: int, end: int, size: int | None) -> None:
    """The whole header, not its start alone: the range asked for (or its head), of a file of the size
    the listing or HEAD gave. A mirror that answers otherwise serves another file, or lies."""
    m = _CONTENT_RANGE.match(header.strip())
    if m is None or int(m.group(1)) != start:
        raise MirrorFault(f"answered the wrong range ({header or 'no Content-Range'})")
    last, total = int(m.group(2)), m.group(3)
    if last < start or last > end - 1:
        raise MirrorFault(f"answered the wrong range ({header}; asked for bytes {start}-{end - 1})")
    if size is not None and total != "*" and int(total) != size:
        raise MirrorFault(f"says the file is {total} bytes, not {size}", bad_data=True)


class Floor:
    """Bytes over the time spent waiting for them: a trickle (say 1 byte a second) never trips a read
    timeout, yet holds a connection and its range forever. Time spent in the rate limiter does not count."""

    def __init__(self, window: float, clock=time.monotonic):
        self._window, self._clock = window, clock
        self._waited = 0.0
        self._bytes = 0

    def read(self, body: Body, view: memoryview, got: int) -> int:
        t0 = self._clock()
        n = read_body(body, view, got)
        self._waited += self._clock() - t0
        self._bytes += n
        if self._waited >= self._window:
            rate = self._bytes / self._waited
            if rate < MIN_RATE:
                raise MirrorFault(f"too slow ({rate:.0f} bytes/s over {self._waited:.0f} s)")
            self._waited, self._bytes = 0.0, 0
        return n


def check_ranged_answer(resp: requests.Response, start: int, end: int, size: int | None) -> None:
    """A 206 for exactly [start, end) of a file of `size` bytes, else the mirror's fault."""
    if resp.status_code == 200:
        raise MirrorFault("ignores Range requests", no_ranges=True)
    if resp.status_code != 206:
        raise fault_for(resp)
    check_content_range(resp.headers.get("Content-Range", ""), start, end, size)


def fetch_range(session: requests.Session, work: Work, fd: int, lock: threading.Lock,
                on_bytes, stop: threading.Event, timeout: tuple[float, float], size: int | None = None,
                limiters: tuple[RateLimiter, ...] = ()) -> int:
    """GET [work.pos, work.end) from work.mirror into fd; returns bytes written. Calls
    on_bytes(start, end) after each write. Bytes are written as they arrive (Body.readinto), so a slow
    mirror's progress is visible at once and a cut-short request stops at its new end. `limiters` only
    size the reads (on_bytes pays them). Raises MirrorFault on anything the mirror did wrong, OSError
    when the disk fails."""
    mirror = work.mirror
    with lock:
        start, end = work.pos, work.end
    if start >= end:
        return 0
    headers = {"Range": f"bytes={start}-{end - 1}", "Accept-Encoding": "identity"}
    t0 = time.monotonic()
    resp = open_stream(session, mirror.url, headers, timeout)
    work.ttfb = time.monotonic() - t0
    view = buffer(end - start)
    with resp:
        check_ranged_answer(resp, start, end, size)
        body, floor = Body(resp), Floor(timeout[1])
        with lock:
            work.abort = body.abort  # cut to nothing by another connection: stop waiting for bytes
        try:
            written = _stream_into(body, floor, work, fd, lock, on_bytes, stop, view, start, limiters)
        finally:
            with lock:
                work.abort = None
        body.done()
    with lock:
        short = work.pos < work.end and not stop.is_set()
    if short:
        raise MirrorFault(f"closed the connection early after {written} bytes")
    return written


def _stream_into(body: Body, floor: Floor, work: Work, fd: int, lock: threading.Lock, on_bytes,
                 stop: threading.Event, view: memoryview, start: int, limiters: tuple[RateLimiter, ...]) -> int:
    """The body into fd at work.pos, read by read, until work.end (which may shrink meanwhile)."""
    written = 0
    while not stop.is_set():
        with lock:
            limit = work.end  # may shrink: an idle connection takes over the tail
        n = floor.read(body, view[: min(read_size(limiters, len(view)), limit - start - written)], written)
        if not n:
            break
        with lock:
            limit, pos = work.end, work.pos
        n = min(n, limit - pos)
        if n <= 0:
            break
        os.pwrite(fd, view[:n], pos)
        with lock:
            work.pos = pos + n
        written += n
        on_bytes(pos, pos + n)
        if pos + n >= limit:
            break
    return written


def fetch_whole(session: requests.Session, mirror, fd: int, size: int, on_bytes, stop: threading.Event,
                timeout: tuple[float, float], limiters: tuple[RateLimiter, ...] = ()) -> int:
    """One plain GET of the whole file from offset 0, for mirrors that serve no ranges at all."""
    resp = open_stream(session, mirror.url, {"Accept-Encoding": "identity"}, timeout)
    pos, view = 0, buffer(size if size > 0 else BUFFER)
    with resp:
        if resp.status_code != 200:
            raise fault_for(resp)
        body, floor = Body(resp), Floor(timeout[1])
        while not stop.is_set() and pos < size:
            n = floor.read(body, view[: min(read_size(limiters, len(view)), size - pos)], pos)
            if not n:
                break
            os.pwrite(fd, view[:n], pos)
            on_bytes(pos, pos + n)
            pos += n
        body.done()
    if pos < size and not stop.is_set():
        raise MirrorFault(f"closed the connection early after {pos} bytes")
    return pos
