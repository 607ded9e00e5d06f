"""Mirrors of one file: health, measured speed, back-off, and which one a connection should use."""

from __future__ import annotations

import dataclasses
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from modeldesk.core.contracts.details import MirrorDetail


# A mirror that failed this many times in a row is given up for the rest of the job.
MAX_CONSECUTIVE_FAILURES = 4
BACKOFF_BASE_S = 1.0
BACKOFF_MAX_S = 30.0
UNTRIED_SPEED = 10 * 1024 * 1024
SLOW_RATIO = 8  # per-connection speed this many times below the best: one connection only
LEAD_RATIO = 2  # within this factor of the best per-connection speed, a mirror fills the file from its start


@dataclass
class Mirror:
    url: str
    active: int = 0  # connections using it now
    failures: int = 0  # consecutive
    bad_data: bool = False  # sent bytes that failed verification
    no_ranges: bool = False  # answers 200 to Range requests
    retry_at: float = 0.0
    bytes_served: int = 0
    speed: float = 0.0  # bytes/s, exponentially smoothed per finished request
    last_error: str = ""
    fatal_status: int = 0  # 404/401/403: this mirror will not serve the file
    latency: float = 0.05  # seconds to response headers, smoothed (a guess until the first answer)
    latency_seen: bool = False
    limit: int = 1 << 30  # connections it may have now (the tuner's count; per_mirror caps it too)
    received: int = 0  # bytes it sent this job, counted as they arrive

    @property
    def host(self) -> str:
        return urlsplit(self.url).netloc

    @property
    def usable(self) -> bool:
        return not (self.bad_data or self.no_ranges or self.fatal_status
                    or self.failures >= MAX_CONSECUTIVE_FAILURES)


class HostSlots:
    """Connections one job may hold per mirror host, shared by the files it fetches at once, so
    several files in flight never open more than `per_host` connections to one server."""

    def __init__(self, per_host: int):
        self.per_host = max(1, per_host)
        self._lock = threading.Lock()
        self._held: dict[str, int] = {}

    def free(self, host: str) -> bool:
        with self._lock:
            return self._held.get(host, 0) < self.per_host

    def take(self, host: str) -> bool:
        with self._lock:
            n = self._held.get(host, 0)
            if n >= self.per_host:
                return False
            self._held[host] = n + 1
            return True

    def give(self, host: str) -> None:
        with self._lock:
            self._held[host] -= 1

    def held(self, host: str) -> int:
        with self._lock:
            return self._held.get(host, 0)


class MirrorSet:
    def __init__(self, urls: list[str], per_mirror: int = 1 << 30, clock=time.monotonic,
                 slots: HostSlots | None = None):
        self.mirrors = [Mirror(u) for u in dict.fromkeys(urls)]
        self.per_mirror = per_mirror
        self._clock = clock
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)  # a mirror may take more connections now
        self._slots = slots

    def pick(self) -> Mirror | None:
        """The usable mirror with the best speed per active connection; None if none is usable now."""
        now = self._clock()
        with self._lock:
            ready = [m for m in self.mirrors if m.usable and m.retry_at <= now
                     and m.active < min(self.per_mirror, m.limit) and (self._slots is None or self._slots.free(m.host))]
            if not ready:
                return None
            # Bytes/s per connection it would have; an untried mirror is assumed as fast as the best
            # known one, so every mirror gets tried and connections spread before speeds are known.
            guess = max((m.speed for m in self.mirrors), default=0.0) or UNTRIED_SPEED
            # A mirror far slower per connection than the best one keeps a single connection: it
            # still helps and stays measured, without a crowd of threads and requests for little.
            ready = [m for m in ready if not (m.active and m.speed and m.speed * SLOW_RATIO < guess)]
            if not ready:
                return None
            for best in sorted(ready, key=lambda m: ((m.speed or guess) / (m.active + 1), -m.active),
                               reverse=True):
                if self._slots is None or self._slots.take(best.host):  # another file may have just taken it
                    best.active += 1
                    return best
            return None

    def leads(self, m: Mirror) -> bool:
        """`m` is the mirror to fill the file from its start: the fastest measured per connection (within
        a factor of LEAD_RATIO), or, before any is measured, the first usable one (the ranked order)."""
        with self._lock:
            usable = [x for x in self.mirrors if x.usable]
            best = max((x.speed for x in usable), default=0.0)
            if best <= 0:
                return not usable or m is usable[0]
            return m.speed * LEAD_RATIO >= best

    def set_limit(self, m: Mirror, count: int) -> None:
        with self._lock:
            m.limit = max(1, count)
            self._changed.notify_all()

    def wait_for_change(self, timeout: float) -> None:
        """Sleep until a limit changes (idle connections may be wanted) or `timeout` passes."""
        with self._lock:
            self._changed.wait(timeout)

    def got(self, m: Mirror, nbytes: int) -> None:
        with self._lock:
            m.received += nbytes

    def release(self, m: Mirror) -> None:
        with self._lock:
            m.active -= 1
        if self._slots is not None:
            self._slots.give(m.host)

    def succeeded(self, m: Mirror, nbytes: int, seconds: float) -> None:
        with self._lock:
            m.failures = 0
            m.bytes_served += nbytes
            if seconds > 0 and nbytes > 0:
                rate = nbytes / seconds
                m.speed = rate if m.speed == 0 else 0.7 * m.speed + 0.3 * rate

    def observed_rate(self, m: Mirror, rate: float) -> None:
        """A live sample of one connection's rate, so speeds are known before a request ends."""
        with self._lock:
            m.speed = rate if m.speed == 0 else 0.8 * m.speed + 0.2 * rate

    def failed(self, m: Mirror, reason: str, retry_after: float | None = None) -> None:
        with self._lock:
            now = self._clock()
            if m.retry_at <= now:
                # Connections that fail together (a 429 to all of them, one outage) count once:
                # giving up a mirror takes failures in a row, each after its back-off.
                m.failures += 1
            m.last_error = reason
            delay = retry_after if retry_after is not None else min(
                BACKOFF_MAX_S, BACKOFF_BASE_S * 2 ** (m.failures - 1))
            m.retry_at = max(m.retry_at, now + delay)

    def observed_latency(self, m: Mirror, seconds: float) -> None:
        with self._lock:
            m.latency = 0.7 * m.latency + 0.3 * seconds if m.latency_seen else seconds
            m.latency_seen = True

    def only_whole_streams_left(self) -> list[Mirror]:
        """Mirrors that serve the file but no ranges, when no range-capable mirror is left."""
        with self._lock:
            if any(m.usable for m in self.mirrors):
                return []
            return [m for m in self.mirrors if m.no_ranges and not (m.bad_data or m.fatal_status)]

    def idle_candidates(self) -> list[Mirror]:
        """Mirrors not in use that may be worth a new look (backed off, given up, or never fast)."""
        with self._lock:
            return [m for m in self.mirrors if m.active == 0 and not (m.bad_data or m.fatal_status or m.no_ranges)]

    def probed(self, m: Mirror, healthy: bool, speed: float | None) -> None:
        """A probe's verdict: a mirror that answers well again is usable again, at its probed speed."""
        with self._lock:
            if healthy:
                m.failures = 0
                m.retry_at = 0.0
                if speed:
                    m.speed = speed

    def snapshot(self) -> list[Mirror]:
        """Copies of the mirrors as they are now, for display."""
        with self._lock:
            return [dataclasses.replace(m) for m in self.mirrors]

    def any_usable(self) -> bool:
        with self._lock:
            return any(m.usable for m in self.mirrors)

    def next_retry_in(self) -> float:
        now = self._clock()
        with self._lock:
            waits = [m.retry_at - now for m in self.mirrors if m.usable]
        return max(0.0, min(waits)) if waits else 0.0

    def best_speed(self) -> float:
        """The best measured speed of one connection to a usable mirror, bytes/s (0 before any)."""
        with self._lock:
            return max((m.speed for m in self.mirrors if m.usable), default=0.0)

    def in_use(self) -> int:
        with self._lock:
            return sum(1 for m in self.mirrors if m.active > 0)


def _health(m: Mirror, now: float) -> str:
    if m.bad_data:
        return "bad data"
    if m.fatal_status:
        return "refused"
    if m.no_ranges:
        return "no ranges"
    if m.failures >= MAX_CONSECUTIVE_FAILURES:
        return "given up"
    return "backing off" if m.retry_at > now else "ok"


def mirror_details(sets: list[MirrorSet]) -> tuple[MirrorDetail, ...]:
    """One row per mirror host over the files in flight: the worst health, the best speed."""
    from modeldesk.core.contracts.details import MirrorDetail  # the GUI's details pane: not on a URL's start-up
    now = time.monotonic()
    rows: dict[str, dict] = {}
    for m in (m for ms in sets for m in ms.snapshot()):
        base = urlsplit(m.url)
        r = rows.setdefault(m.host, {"url": f"{base.scheme}://{base.netloc}", "latency": m.latency,
                                     "speed": 0.0, "health": [], "bytes": 0, "conns": 0})
        r["speed"] = max(r["speed"], m.speed)
        r["latency"] = min(r["latency"], m.latency)
        r["health"].append(_health(m, now))
        r["bytes"] += max(m.bytes_served, m.received)  # received counts bytes as they arrive (long requests)
        r["conns"] += m.active
    order = ("bad data", "refused", "no ranges", "given up", "backing off", "ok")
    return tuple(MirrorDetail(r["url"], int(r["latency"] * 1000), int(r["speed"]),
                              min(r["health"], key=order.index), r["bytes"], r["conns"]) for r in rows.values())
