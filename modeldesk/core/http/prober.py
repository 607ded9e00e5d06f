"""Mirror probing: a ranged GET of a real file from each mirror, timed to the first byte and
through the body, so mirrors can be ranked before a job and re-checked during a long one.

Many mirrors let the start of every request through faster than they then keep up: nginx's
`limit_rate` sends its first chunk (2 MiB by default) at once, CDNs grant a burst per flow. A short
probe measures that burst: a mirror throttled to 4 MiB/s per connection looked faster than an
unthrottled one. So the probe asks for a large range, and when it is still reading after BURST_S
it rates the mirror on what came after that; only a range done within BURST_S is rated whole.
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urlsplit

import requests

from modeldesk.core.config.credentials import Credentials
from modeldesk.core.http.client import new_session
from modeldesk.core.config.proxy import Proxy
from modeldesk.core.http.status import problem_of
from modeldesk.core.http.body import Body, buffer
from modeldesk.core.http.fetch import MirrorFault, fault_for, open_stream, read_body
from modeldesk.core.http.mirrors import MirrorSet

PROBE_BYTES = 64 * 1024 * 1024
MIN_USEFUL_RATE = 32 * 1024  # bytes/s: a mirror slower than this (a 1 B/s trickle) is not "ok"
PROBE_SECONDS = 1.5  # reading stops here even if the probe range is not done
BURST_S = 0.5  # what arrives before this may be a burst the mirror does not sustain


@dataclass(frozen=True)
class ProbeResult:
    url: str
    ttfb: float | None = None  # seconds to the response headers
    throughput: float | None = None  # bytes/s over the body
    error: str = ""  # empty when the mirror served the range
    ranges: bool = True  # False: answered the Range request with the whole file

    @property
    def host(self) -> str:
        return urlsplit(self.url).netloc

    @property
    def healthy(self) -> bool:
        return not self.error

    @property
    def health(self) -> str:
        if self.error:
            return self.error
        return "ok" if self.ranges else "ok, no ranges (one stream only)"


def probe(session: requests.Session, url: str, nbytes: int = PROBE_BYTES, seconds: float = PROBE_SECONDS,
          timeout: float = 10.0) -> ProbeResult:
    t0 = time.monotonic()
    try:
        resp = open_stream(session, url, {"Range": f"bytes=0-{nbytes - 1}", "Accept-Encoding": "identity"},
                           (timeout, timeout))
    except MirrorFault as f:
        return ProbeResult(url, error=str(f))
    t1 = time.monotonic()
    with resp:
        if resp.status_code not in (200, 206):
            return ProbeResult(url, ttfb=t1 - t0, error=str(problem_of(resp) or f"HTTP {resp.status_code}"))
        got, mark = 0, None  # mark: (time, bytes) when the burst was over
        body, view = Body(resp), buffer()
        try:
            while got < nbytes and (now := time.monotonic()) - t1 < seconds:
                if mark is None and now - t1 >= BURST_S:
                    mark = (now, got)
                n = read_body(body, view[: nbytes - got], got)
                if not n:
                    break
                got += n
        except MirrorFault as f:
            return ProbeResult(url, ttfb=t1 - t0, error=str(f))
        end = time.monotonic()
    if got == 0:
        return ProbeResult(url, ttfb=t1 - t0, error="empty body")
    if mark is not None and got > mark[1] and end - mark[0] > 0.1:
        rate = (got - mark[1]) / (end - mark[0])  # sustained, past the burst
    else:
        rate = got / max(1e-6, end - t1)
    if rate < MIN_USEFUL_RATE:
        return ProbeResult(url, ttfb=t1 - t0, throughput=rate, error=f"too slow ({rate:.0f} bytes/s)")
    return ProbeResult(url, ttfb=t1 - t0, throughput=rate, ranges=resp.status_code == 206)


def rank(results: list[ProbeResult]) -> list[ProbeResult]:
    """Healthy mirrors first, fastest first; then range-less ones; then the failed, in given order."""
    return sorted(results, key=lambda r: (not r.healthy, not r.ranges, -(r.throughput or 0.0)))


def probe_all(urls: list[str], credentials: Credentials | None = None, nbytes: int = PROBE_BYTES,
              seconds: float = PROBE_SECONDS, proxy: Proxy | None = None) -> list[ProbeResult]:
    """Probe every URL at once (one session each: tokens stay scoped per host); ranked."""

    def one(url: str) -> ProbeResult:
        with new_session(credentials, proxy) as s:
            return probe(s, url, nbytes, seconds)

    if not urls:
        return []
    with ThreadPoolExecutor(min(16, len(urls)), thread_name_prefix="probe") as pool:
        return rank(list(pool.map(one, urls)))


def head_size(session: requests.Session, mirrors: MirrorSet, expected: int | None,
              timeout: tuple[float, float]) -> tuple[int | None, str, list[str]]:
    """HEAD each mirror in turn until one gives the file's size: (size, ETag, what the others did
    wrong); size None when none did. A mirror that errs is marked failed, one that names another size
    than `expected` (a listing's) as sending bad data."""
    faults = []
    for m in mirrors.mirrors:
        try:
            r = session.head(m.url, allow_redirects=True, timeout=timeout, headers={"Accept-Encoding": "identity"})
        except requests.RequestException as exc:
            mirrors.failed(m, type(exc).__name__)
            faults.append(f"{m.host}: {type(exc).__name__}")
            continue
        mirrors.observed_latency(m, r.elapsed.total_seconds())
        if r.status_code >= 400:
            f = fault_for(r)
            m.fatal_status = f.fatal_status
            mirrors.failed(m, str(f))
            faults.append(f"{m.host}: {f}")
            continue
        size = int(r.headers.get("X-Linked-Size") or r.headers.get("Content-Length") or -1)
        if expected is not None and size != expected:
            m.bad_data = True
            faults.append(f"{m.host}: says {size} bytes, expected {expected}")
            continue
        return size, r.headers.get("X-Linked-Etag") or r.headers.get("ETag") or "", faults
    return None, "", faults
