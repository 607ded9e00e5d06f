"""A byte-rate limit shared by many connections (a token bucket that may go into debt).

A connection writes what it read, then pays for it: when the bucket is in debt the connection
sleeps until the debt is repaid, so it stops reading and TCP slows the mirror down. The rate can
change while connections run; 0 means unlimited and costs one lock-free check.
"""

from __future__ import annotations

import threading
import time

BURST_S = 0.25  # a full bucket holds this many seconds of traffic


class RateLimiter:
    def __init__(self, rate: int = 0, clock=time.monotonic):
        self._lock = threading.Lock()
        self._clock = clock
        self._rate = 0
        self._tokens = 0.0
        self._stamp = clock()
        self.set_rate(rate)

    @property
    def rate(self) -> int:
        return self._rate

    def set_rate(self, rate: int) -> None:
        """Bytes per second; 0 or less lifts the limit."""
        with self._lock:
            self._rate = max(0, int(rate))
            self._tokens = min(self._tokens, self._rate * BURST_S)
            self._stamp = self._clock()

    def take(self, n: int, stop: threading.Event) -> None:
        """Account for n bytes; blocks while the bucket is in debt (returns early once stop is set)."""
        if self._rate <= 0:
            return
        with self._lock:
            rate = self._rate
            if rate <= 0:
                return
            now = self._clock()
            self._tokens = min(rate * BURST_S, self._tokens + (now - self._stamp) * rate) - n
            self._stamp = now
            wait = -self._tokens / rate if self._tokens < 0 else 0.0
        if wait > 0:
            stop.wait(wait)


def take_all(limiters: tuple[RateLimiter, ...], n: int, stop: threading.Event) -> None:
    for limiter in limiters:
        limiter.take(n, stop)


def read_size(limiters: tuple[RateLimiter, ...], most: int) -> int:
    """How much one read may take under these limits: a connection pays after it reads, so reads of
    an eighth of a second at the lowest rate keep what all connections take at once near the limit."""
    rates = [lim.rate for lim in limiters if lim.rate > 0]
    return most if not rates else max(16 * 1024, min(most, min(rates) // 8))
