"""Which bytes a connection fetches next.

Missing bytes are kept as holes; a connection cuts its next request from the front of the lowest
hole, so finished bytes grow from the start of the file and can be hashed while the rest arrives.
A request is sized to last about REQUEST_S on its mirror (long-lived ranges: a throttled mirror
gets no head start from many short requests), but no larger than keeps the part still unhashed at
the end small next to the transfer time.

With `taper` (a file hashed as it arrives, from one mirror: downloader.py says why one), requests
shrink toward the end: each is cut no larger than a share of what is left to hand out, so the
requests in flight at the end are small and end at different times, and little is left to hash
after the last byte. They stop shrinking where hashing what a wave of them holds takes TAIL_S, or
no more time than one more round trip to the mirror costs, or where a request would last under
TAPER_MIN_S (nginx's limit_rate lets each request's first second through at once: short requests
would beat a throttle, long ones keep that a small part).

When no hole is left, an idle connection takes over the tail of the request that would otherwise
finish last, cut so that both end together given their measured speeds and the new request's
latency (end game): a slow mirror never holds the tail. A request cut to nothing (taken over whole,
or trimmed by the tuner) has its read aborted at once (cut_short): a throttled mirror's connection
may wait a second for its next bytes, and the file is finished only when every request has ended.
"""

from __future__ import annotations

import bisect
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from modeldesk.core.http.mirrors import Mirror

MIB = 1024 * 1024
ALIGN = 64 * 1024
FIRST_PIECE = 16 * MIB  # before any speed is known
MIN_PIECE = 1 * MIB
MAX_PIECE = 256 * MIB
REQUEST_S = 8.0  # how long a request should last on its mirror
HASH_RATE = 1.5 * 1024 * MIB  # sha256 bytes/s of one core, roughly (hashlib)
HASH_TAIL = 0.1  # hashing left after the last byte: at most this share of the transfer time
TAIL_S = 0.03  # requests taper until the bytes of one wave of them hash in this long
TAPER_MIN_S = 4.0  # ... and no tapered request lasts less than this on its mirror
MIN_STEAL = 256 * 1024  # never take over less than this
STEAL_GAIN_S = 0.3  # take over only when the job ends at least this much sooner
YOUNG_S = 0.5  # a request younger than this has no speed of its own yet
TAKE_ALL_RATIO = 4  # a request this many times slower than the taker's mirror is taken over whole


@dataclass(eq=False)
class Work:
    """A byte range [pos, end) a connection is fetching; `end` may shrink when an idle connection
    takes over the tail. Guarded by the scheduler's lock."""

    pos: int
    end: int
    mirror: Mirror
    started: float = field(default_factory=time.monotonic)
    first: int = -1  # pos when the request started
    ttfb: float = 0.0  # seconds to the response headers, set by the fetch
    abort: Callable[[], None] | None = None  # ends a read waiting on the connection (set by the fetch)

    def __post_init__(self) -> None:
        if self.first < 0:
            self.first = self.pos

    def rate(self, now: float) -> float | None:
        age = now - self.started
        if age < YOUNG_S:
            return None
        return (self.pos - self.first) / age


def cut_short(w: Work, end: int) -> None:
    """Shorten a request (under the scheduler's lock). One cut to nothing stops at once: a throttled
    mirror's connection may wait a second for its next bytes, and the file is not done before it ends."""
    w.end = end
    if end <= w.pos and w.abort is not None:
        w.abort()


def _align_up(n: int) -> int:
    return -(-n // ALIGN) * ALIGN


class Scheduler:
    def __init__(self, holes: list[tuple[int, int]], size: int, connections: int, clock=time.monotonic,
                 taper: bool = False):
        self.lock = threading.Lock()
        self._taper = taper
        self._holes = sorted((a, b) for a, b in holes if b > a)
        self._active: list[Work] = []
        self._size = max(1, size)
        self._connections = max(1, connections)
        self._clock = clock

    # ---- state --------------------------------------------------------------------------
    def idle(self) -> bool:
        """Nothing left to fetch and nothing in flight."""
        with self.lock:
            return not self._holes and not self._active

    def holes_left(self) -> bool:
        """Bytes not yet handed to any connection remain."""
        with self.lock:
            return bool(self._holes)

    def _conn_rate(self, w: Work, now: float) -> float | None:
        r = w.rate(now)
        if r is None and w.mirror is not None and w.mirror.speed > 0:
            r = w.mirror.speed
        return r

    def _total_rate(self, now: float) -> float:
        rates = [r for w in self._active if (r := self._conn_rate(w, now))]
        if not rates:
            return 0.0
        return sum(rates) / len(rates) * self._connections

    def piece_size(self, rate: float | None, now: float, latency: float = 0.05) -> int:
        piece: float
        if not rate:
            piece = max(MIN_PIECE, min(FIRST_PIECE, self._size // self._connections))
        else:
            total = self._total_rate(now) or rate * self._connections
            # Unhashed at the end ≈ connections × piece; its hashing time / transfer time ≤ HASH_TAIL.
            cap = HASH_TAIL * self._size * HASH_RATE / (self._connections * total)
            piece = min(rate * REQUEST_S, cap, MAX_PIECE)
        if self._taper:
            piece = min(piece, self._tapered(rate or 0.0, latency))
        return int(max(MIN_PIECE, piece))

    def _tapered(self, rate: float, latency: float) -> float:
        """A share of what is left to hand out, so requests shrink toward the end of the file; but
        not below a size whose wave hashes in TAIL_S, nor one where halving the last wave would save
        less hashing than the extra round trip costs (a far mirror keeps long requests), nor one
        lasting under TAPER_MIN_S on its mirror (a throttle's first-second burst stays a small part)."""
        left = sum(b - a for a, b in self._holes)
        floor = max(HASH_RATE * max(TAIL_S, 2 * latency) / self._connections, rate * TAPER_MIN_S)
        return max(floor, left / (2 * self._connections))

    # ---- assignment ---------------------------------------------------------------------
    def take(self, mirror: Mirror, latency: float = 0.05, front: bool = True) -> Work | None:
        """The next range for a connection to `mirror`; None when there is nothing worth taking. With
        front=False (a mirror not known to be the fastest) the range is cut from the back of the last
        hole: bytes a slow mirror holds at the front would keep the hasher, which reads from the start,
        waiting for them; at the back they wait for the end game, which hands them to the fast."""
        now = self._clock()
        with self.lock:
            if self._holes:
                piece = _align_up(self.piece_size(mirror.speed or None, now, latency))
                w: Work | None = self._cut_front(piece, mirror, now) if front else self._cut_back(piece, mirror, now)
            else:
                w = self._steal(mirror, latency, now)
            if w is not None:
                self._active.append(w)
            return w

    def _cut_front(self, piece: int, mirror: Mirror, now: float) -> Work:
        a, b = self._holes[0]
        if b - (a + piece) < MIN_PIECE:  # do not leave a sliver behind
            piece = b - a
        end = min(b, a + piece)
        if end >= b:
            self._holes.pop(0)
        else:
            self._holes[0] = (end, b)
        return Work(a, end, mirror, now)

    def _cut_back(self, piece: int, mirror: Mirror, now: float) -> Work:
        a, b = self._holes[-1]
        start = max(a, (b - piece) // ALIGN * ALIGN)
        if start - a < MIN_PIECE:  # do not leave a sliver behind
            start = a
        if start <= a:
            self._holes.pop()
        else:
            self._holes[-1] = (a, start)
        return Work(start, b, mirror, now)

    def _steal(self, mirror: Mirror, latency: float, now: float) -> Work | None:
        mine = mirror.speed or max((self._conn_rate(w, now) or 0.0 for w in self._active), default=0.0)
        if mine <= 0:
            return None
        best, best_gain, best_split = None, STEAL_GAIN_S, 0
        for w in self._active:
            left = w.end - w.pos
            if left < 2 * MIN_STEAL:
                continue
            theirs = self._conn_rate(w, now)
            if not theirs:
                continue
            alone = left / theirs
            # Both finish together: their part at their rate, ours at ours after our latency. A mirror
            # many times slower keeps nothing: the head it would keep is what the hasher waits for.
            together = (left + mine * latency) / (theirs + mine)
            # (Not from a connection to the same mirror: its rate differs from ours by a throttle's burst.)
            whole = theirs * TAKE_ALL_RATIO < mine and w.mirror is not mirror
            split = _align_up(w.pos if whole else w.pos + int(theirs * together))
            if w.end - split < MIN_STEAL:
                continue
            gain = alone - max(together, (w.end - split) / mine + latency)
            if gain > best_gain:
                best, best_gain, best_split = w, gain, split
        if best is None:
            return None
        stolen = Work(best_split, best.end, mirror, now)
        cut_short(best, best_split)
        return stolen

    def set_connections(self, n: int) -> None:
        """How many connections run now (the tuner changes it); requests are sized for that many."""
        with self.lock:
            self._connections = max(1, n)

    def trim(self, mirror: Mirror, keep: int) -> None:
        """Stop the requests of `mirror` beyond `keep` (those with the most left) at their next read;
        what they did not fetch becomes a hole again for the connections that stay."""
        with self.lock:
            mine = sorted((w for w in self._active if w.mirror is mirror), key=lambda w: w.end - w.pos)
            for w in mine[keep:]:
                if w.pos < w.end:
                    bisect.insort(self._holes, (w.pos, w.end))
                    cut_short(w, w.pos)

    def give_back(self, w: Work) -> None:
        """A request ended (done, failed or cut short): what it did not fetch becomes a hole again."""
        with self.lock:
            self._active.remove(w)
            if w.pos < w.end:
                bisect.insort(self._holes, (w.pos, w.end))
