"""One download limit for BitTorrent and HTTP together.

libtorrent and the HTTP engine each enforce a limit of their own; given the user's whole limit
each, the two together would take up to twice what the user set. So while both download, the
limit is split between them, and the shares always add up to the limit:

- both use all of their share: half each;
- one uses less than its share (its peers or mirror are the bottleneck): it keeps what it uses
  plus room to grow (half as much again, at least a quarter of the limit, at most half), the other
  gets the rest;
- neither uses its share: each gets its use plus half of what is left.

A hybrid torrent job counts twice: its peers as BitTorrent demand, its mirrors (fetched through the
HTTP engine's limiter) as HTTP demand. An engine with nothing downloading is given the whole limit,
so a lone job gets all of it and a job that starts in the other engine is never unlimited; for the
second until the next rebalance the two can take more than the limit together. Rates come from the
jobs' snapshots (about one a second per engine); a change is judged only by reports made a second
after it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from modeldesk.core.contracts.models import JobKind, JobSnapshot, JobState

STALE_S = 3.0  # a job not reported for this long no longer counts
SETTLE_S = 1.0  # after a change, judge an engine only by what it reports a second later
CHANGE = 0.05  # re-apply when a share moves by more than this fraction of the limit
HUNGRY = 0.7  # an engine using this much of its share would take more (libtorrent counts overhead too)
GROW = 1.5  # room a partly-using engine keeps above its use
DOWNLOADING = (JobState.DOWNLOADING, JobState.METADATA)


@dataclass(frozen=True)
class Demand:
    downloading: bool  # some job of this engine is fetching
    rate: float  # bytes/s its jobs fetch now
    share: int  # its limit now (bytes/s)

    @property
    def hungry(self) -> bool:
        return self.rate >= HUNGRY * self.share


def split(limit: int, torrent: Demand, http: Demand) -> tuple[int, int]:
    """(torrent, http) limits in bytes/s for one overall `limit` (0 = none: both unlimited)."""
    if limit <= 0:
        return 0, 0
    if not (torrent.downloading and http.downloading):
        return limit, limit
    half = limit // 2
    if torrent.hungry and http.hungry:
        return half, limit - half
    if torrent.hungry or http.hungry:
        modest = http if torrent.hungry else torrent
        keep = int(min(half, max(limit / 4, GROW * modest.rate)))
        return (limit - keep, keep) if torrent.hungry else (keep, limit - keep)
    spare = max(0.0, limit - torrent.rate - http.rate)
    t = int(min(limit, torrent.rate + spare / 2))
    return t, limit - t


class SharedDownloadLimit:
    def __init__(self, apply_torrent: Callable[[int], object], apply_http: Callable[[int], object],
                 clock=time.monotonic):
        self._apply = (apply_torrent, apply_http)
        self._clock = clock
        self._lock = threading.Lock()
        self._limit = 0
        self._applied: tuple[int, int] | None = None
        self._applied_at = 0.0
        # (job, engine) → engine, fetching, bytes/s, when; a hybrid torrent job has an HTTP part too
        self._jobs: dict[tuple[str, JobKind], tuple[JobKind, bool, int, float]] = {}

    def set_limit(self, limit: int) -> None:
        with self._lock:
            self._limit = max(0, limit)
            self._applied = None  # apply afresh: the engines were just given their settings
        self._rebalance()

    def observe(self, snapshots: tuple[JobSnapshot, ...]) -> None:
        now = self._clock()
        with self._lock:
            for s in snapshots:
                fetching = s.state in DOWNLOADING
                if s.kind is JobKind.BT and s.mirrors:
                    # A hybrid job: what its mirrors bring passes the HTTP engine's limiter, so it is HTTP demand.
                    self._jobs[(s.job_id, JobKind.BT)] = (JobKind.BT, fetching, s.down_rate - s.mirror_rate, now)
                    self._jobs[(s.job_id, JobKind.HTTP)] = (JobKind.HTTP, fetching, s.mirror_rate, now)
                else:
                    self._jobs[(s.job_id, s.kind)] = (s.kind, fetching, s.down_rate, now)
                    if s.kind is JobKind.BT:
                        self._jobs.pop((s.job_id, JobKind.HTTP), None)  # its mirrors stopped
        self._rebalance()

    def _settled(self, now: float) -> bool:
        """A second has passed since the last change, and every engine downloading has reported
        since then at the rate its new share allows."""
        if now - self._applied_at < SETTLE_S:
            return False
        return all(when >= self._applied_at + SETTLE_S for _, fetching, _, when in self._jobs.values() if fetching)

    def _demand(self, kind: JobKind, share: int) -> Demand:
        mine = [(fetching, rate) for k, fetching, rate, _ in self._jobs.values() if k is kind]
        return Demand(any(f for f, _ in mine), float(sum(r for _, r in mine)), share)

    def _rebalance(self) -> None:
        now = self._clock()
        with self._lock:
            for job, (*_, when) in list(self._jobs.items()):
                if now - when > STALE_S:
                    del self._jobs[job]
            if self._applied is not None and not self._settled(now):
                return
            old = self._applied or (self._limit, self._limit)
            want = split(self._limit, self._demand(JobKind.BT, old[0]), self._demand(JobKind.HTTP, old[1]))
            if self._applied is not None and all(abs(a - b) <= CHANGE * self._limit
                                                 for a, b in zip(want, old, strict=True)):
                return
            self._applied, self._applied_at = want, now
        for apply, value in zip(self._apply, want, strict=True):
            apply(value)
