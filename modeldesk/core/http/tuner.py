"""How many connections each mirror of a file gets, found while the file downloads.

Users run defaults, and no one count suits every mirror: a mirror that throttles each connection
(nginx `limit_rate`, most CDNs' per-flow shaping) or sits a long round trip away gives more with
every connection added, while a fast mirror on a short path gives no more and costs CPU per byte,
and one behind a shared cap only splits the same rate more ways.

Each mirror starts with START connections (or the cap, when lower): as many as `aria2c -x16`
opens, so a throttled mirror is not held back while it is measured. Once they are all busy and past
their first bytes, the mirror's total rate is measured over a window. Then:
- below the cap, the count doubles and is measured again; the step is kept when the rate grew by at
  least GROW_EFFICIENCY of what the new connections would add to a mirror throttled per connection,
  and doubling goes on up to the cap;
- when a step did not pay, the count goes back, and halves while the rate holds (a mirror behind
  a shared cap; the CPU of a fast one). A halving that lost less than CLEAR_LOSS is measured once
  more before it is undone: one noisy window (a loaded machine, a proxy's uneven pacing) must not
  keep a shared cap at 16 connections for HOLD_S, while a throttle per connection, which halves the
  rate, is undone at once;
- at the cap, a mirror moving FAST_RATE or more is CPU-bound here, not throttled: the count halves
  while the rate holds, saving CPU per byte.
After that the count holds for HOLD_S and the search starts again, since a long download outlives
the conditions it was tuned for.

While the fastest mirror is CPU-bound here (FAST_RATE or more, estimated from its live speed per
connection as soon as bytes arrive), a mirror SLOW_RATIO times slower per connection keeps one
connection: its bytes come in small reads across many threads, and on a machine whose CPU is the limit
they cost the fast mirror more than they add (1 GiB with sha256 from a loopback mirror and two throttled
ones: 1.9-2.0 s with 16 connections each, 1.85 s with one, against 1.8 s from the fast one alone).
Connections to a new mirror start before its speed is known, so its first requests are cut short (trim).

The mirrors after the first start with OTHERS_START connections (a slow one must not take 16 ranges at
the back of the file). One whose connections each move about as much as a wider mirror's (within
LEAD_RATIO: two equal mirrors, the same model on two hubs) grows PACE_STEP times over instead of
doubling: 4 to 16 in one window. At 256 MiB from two hubs throttled alike this took ModelDesk from
0.86x to 0.97x of aria2c -x16, and two hubs from 1.47x to 1.59x of one (benchmarks/ms_download.py).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from modeldesk.core.http.mirrors import LEAD_RATIO, SLOW_RATIO, Mirror, MirrorSet

log = logging.getLogger(__name__)

START = 16
MIN_CONNECTIONS = 2
FAST_RATE = 200 * 1024 * 1024  # bytes/s from one mirror: past what per-connection throttles give
GROW_EFFICIENCY = 0.25  # kept when rate gain / connection gain is at least this
KEEP_RATIO = 0.9  # fewer connections are kept while the rate stays above this share
FAST_KEEP_RATIO = 0.75  # ... or this share on a fast mirror, whose short windows vary more
CLEAR_LOSS = 0.7  # a halving left with less than this share is undone without a second window
SETTLE_S = 0.25  # after a change, before measuring: new connections open, ask and get their first burst
SETTLE_DOWN_S = 0.1  # fewer connections: the cut requests stop within a read, the others take up the slack
FIRST_WINDOW_S = 0.5
WINDOW_S = 1.0  # long enough to even out nginx's per-connection bursts (2 MiB, then a pause)
FAST_WINDOW_S = 0.3  # a fast mirror moves plenty of bytes in less
MIN_WINDOW_S = 0.1
OTHERS_START = 4  # the mirrors after the first (ranked) one start with this many, and double as they pay
PACE_STEP = 4  # ... or grow this many times over while they keep pace, per connection, with a wider mirror
EARLY_S = 0.5  # before this, a mirror with no measured speed has none
FILL_WAIT_S = 2.0  # connections that do not all get busy by then cannot be measured
HOLD_S = 20.0


@dataclass
class _Search:
    phase: str  # base | up | down | hold | slow (one connection beside a CPU-bound fast mirror)
    count: int  # what is being measured
    kept: int = 0  # the count known to be good
    kept_rate: float = 0.0
    changed: float = 0.0  # when `count` was set
    t0: float | None = None  # the window's start
    b0: int = 0  # the mirror's received bytes at t0
    first: bool = True
    again: bool = False  # this count's window fell a little short once: measuring it a second time


class ConnectionTuner:
    """Ticked by the file's monitor loop (any interval ≲ 0.25 s). `trim(mirror, keep)` cuts the
    requests of a mirror beyond `keep` short, so a lower count takes effect at once."""

    def __init__(self, mirrors: MirrorSet, cap: int, trim: Callable[[Mirror, int], None],
                 start: int = START, clock=time.monotonic):
        self._mirrors = mirrors
        self._cap = max(1, cap)
        self._trim = trim
        self._start = max(1, min(start, self._cap))
        self._clock = clock
        self._searches: dict[str, _Search] = {}
        now = clock()
        self._started = now
        for i, m in enumerate(mirrors.mirrors):
            count = self._start if i == 0 else min(self._start, OTHERS_START)
            self._searches[m.url] = _Search("base", count, changed=now)
            mirrors.set_limit(m, count)
        log.debug("tuning %d mirrors from %d connections", len(mirrors.mirrors), self._start)

    def total(self) -> int:
        """Connections all mirrors may hold now."""
        return sum(m.limit for m in self._mirrors.mirrors if m.usable)

    def tick(self) -> None:
        now = self._clock()
        lead = self._cpu_bound_lead()
        for m in self._mirrors.mirrors:
            if not m.usable:
                continue
            s = self._searches[m.url]
            if lead is not None and m is not lead and 0 < self._speed(m, now) * SLOW_RATIO < lead.speed:
                if s.phase != "slow":
                    self._set(m, s, "slow", 1, now)
                continue
            if s.phase == "slow":  # the lead slowed down or failed: this mirror is searched again
                self._set(m, s, "base", self._start, now)
            self._tick_one(m, s, now)

    def _speed(self, m: Mirror, now: float) -> float:
        """Bytes/s per connection: measured, or, until a request of a throttled mirror reports (its
        first second's burst, then nothing for a while), what its connections brought so far."""
        if m.speed > 0 or not m.active or now - self._started < EARLY_S:
            return m.speed
        return m.received / m.active / (now - self._started)

    def _cpu_bound_lead(self) -> Mirror | None:
        """The fastest mirror per connection, when it moves FAST_RATE or more (live speed times its busy
        connections, or its measured rate)."""
        usable = [m for m in self._mirrors.mirrors if m.usable and m.speed > 0]
        if not usable:
            return None
        lead = max(usable, key=lambda m: m.speed)
        rate = max(lead.speed * lead.active, self._searches[lead.url].kept_rate)
        return lead if rate >= FAST_RATE else None

    # ---- one mirror --------------------------------------------------------------------
    def _tick_one(self, m: Mirror, s: _Search, now: float) -> None:
        if s.phase == "hold":
            if now - s.changed >= HOLD_S:
                self._set(m, s, "base", s.kept, now)
            return
        settle = SETTLE_DOWN_S if s.phase == "down" else SETTLE_S
        if s.t0 is None and now - s.changed < settle + 2 * m.latency:
            return
        if m.active < s.count:  # not all connections busy: no fair measurement yet
            s.t0 = None
            if now - s.changed > FILL_WAIT_S:  # no work or no slots for that many: stay where it works
                self._give_up_step(m, s, now)
            return
        if s.t0 is None:
            s.t0, s.b0 = now, m.received
            return
        window = FAST_WINDOW_S if s.kept_rate >= FAST_RATE else FIRST_WINDOW_S if s.first else WINDOW_S
        got, elapsed = m.received - s.b0, now - s.t0
        if elapsed < window and not (got >= FAST_RATE * FAST_WINDOW_S and elapsed >= MIN_WINDOW_S):
            return  # a window is over early once it has as many bytes as a fast mirror's
        rate = got / elapsed
        s.first = False
        self._decide(m, s, rate, now)

    def _decide(self, m: Mirror, s: _Search, rate: float, now: float) -> None:
        if s.phase == "base":
            s.kept, s.kept_rate = s.count, rate
            self._up_or_hold(m, s, now)
        elif s.phase == "up":
            gain = (rate / s.kept_rate - 1) / (s.count / s.kept - 1) if s.kept_rate > 0 else 1.0
            if gain >= GROW_EFFICIENCY:
                s.kept, s.kept_rate = s.count, rate
                self._up_or_hold(m, s, now)
            else:
                self._down_or_hold(m, s, now)
        elif s.phase == "down":
            keep = FAST_KEEP_RATIO if s.kept_rate >= FAST_RATE else KEEP_RATIO
            if rate >= keep * s.kept_rate:
                s.kept, s.kept_rate = s.count, max(rate, s.kept_rate * KEEP_RATIO)
                self._down_or_hold(m, s, now)
            elif not s.again and rate >= CLEAR_LOSS * s.kept_rate:
                s.again, s.t0 = True, None  # the same count, a new window
            else:
                self._set(m, s, "hold", s.kept, now)

    def _give_up_step(self, m: Mirror, s: _Search, now: float) -> None:
        self._set(m, s, "hold", s.kept or min(s.count, max(1, m.active)), now)

    def _up_or_hold(self, m: Mirror, s: _Search, now: float) -> None:
        if s.kept < self._cap:
            step = PACE_STEP if self._keeps_pace(m, s) else 2
            self._set(m, s, "up", min(self._cap, s.kept * step), now)
        elif s.kept_rate >= FAST_RATE:
            self._down_or_hold(m, s, now)
        else:
            self._set(m, s, "hold", s.kept, now)

    def _keeps_pace(self, m: Mirror, s: _Search) -> bool:
        """Each of its connections moves about as much as each of a mirror that has more of them (the
        same model on two hubs, two equal mirrors): it grows by PACE_STEP, not by doubling, so a second
        mirror is not held back for seconds that a small file does not have."""
        mine = s.kept_rate / s.kept if s.kept else 0.0
        return mine > 0 and any(o is not s and o.kept > s.kept and o.kept_rate > 0
                                and mine * LEAD_RATIO >= o.kept_rate / o.kept for o in self._searches.values())

    def _down_or_hold(self, m: Mirror, s: _Search, now: float) -> None:
        if s.kept > MIN_CONNECTIONS:
            self._set(m, s, "down", max(MIN_CONNECTIONS, s.kept // 2), now)
        else:
            self._set(m, s, "hold", s.kept, now)

    def _set(self, m: Mirror, s: _Search, phase: str, count: int, now: float) -> None:
        log.debug("%s: %s, %d connections (kept %d at %.1f MiB/s)", m.host, phase, count, s.kept,
                  s.kept_rate / 2**20)
        s.phase, s.count, s.changed, s.t0, s.again = phase, count, now, None, False
        if phase == "down" and s.kept_rate >= FAST_RATE:  # CPU-bound, not shaped: no slack to take up
            s.t0, s.b0 = now, m.received
        self._mirrors.set_limit(m, count)
        if m.active > count:
            self._trim(m, count)
