"""One ranged GET into a .part file, streamed with positional writes (no segment held whole)."""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass

import requests

from modeldesk.core.http.mirrors import Mirror

CHUNK = 1024 * 1024


class MirrorFault(Exception):
    """This mirror failed this request; another one may do better."""

    def __init__(self, reason: str, fatal_status: int = 0, retry_after: float | None = None,
                 no_ranges: bool = False):
        super().__init__(reason)
        self.fatal_status = fatal_status
        self.retry_after = retry_after
        self.no_ranges = no_ranges


@dataclass
class Work:
    """A byte range [pos, end) still to fetch; `end` may shrink when an idle connection takes
    over the far half (end game). Guarded by the download's lock."""

    pos: int
    end: int


def retry_after(resp: requests.Response) -> float | None:
    value = resp.headers.get("Retry-After", "")
    try:
        return min(300.0, max(0.0, float(value)))
    except ValueError:
        return None


def fault_for(resp: requests.Response) -> MirrorFault:
    code = resp.status_code
    if code in (401, 403, 404, 410):
        return MirrorFault(f"HTTP {code}", fatal_status=code)
    if code in (408, 425, 429, 500, 502, 503, 504):
        return MirrorFault(f"HTTP {code}", retry_after=retry_after(resp))
    return MirrorFault(f"HTTP {code}")


def fetch_range(session: requests.Session, mirror: Mirror, work: Work, fd: int, lock: threading.Lock,
                on_bytes, stop: threading.Event, timeout: tuple[float, float]) -> int:
    """GET [work.pos, work.end) from `mirror` into fd; returns bytes written. Calls
    on_bytes(start, end) after each write. Raises MirrorFault on anything the mirror did wrong."""
    with lock:
        start, end = work.pos, work.end
    if start >= end:
        return 0
    headers = {"Range": f"bytes={start}-{end - 1}", "Accept-Encoding": "identity"}
    try:
        resp = session.get(mirror.url, headers=headers, stream=True, timeout=timeout)
    except requests.RequestException as exc:
        raise MirrorFault(type(exc).__name__) from None
    written = 0
    with resp:
        if resp.status_code == 200:
            raise MirrorFault("ignores Range requests", no_ranges=True)
        if resp.status_code != 206:
            raise fault_for(resp)
        cr = resp.headers.get("Content-Range", "")
        if not cr.startswith(f"bytes {start}-"):
            raise MirrorFault(f"answered the wrong range ({cr or 'no Content-Range'})")
        try:
            for chunk in resp.iter_content(CHUNK):
                if stop.is_set():
                    break
                with lock:
                    limit = work.end  # may have shrunk
                    pos = work.pos
                if pos >= limit:
                    break
                chunk = chunk[: limit - pos]
                os.pwrite(fd, chunk, pos)
                with lock:
                    work.pos = pos + len(chunk)
                written += len(chunk)
                on_bytes(pos, pos + len(chunk))
        except requests.RequestException as exc:
            raise MirrorFault(f"{type(exc).__name__} after {written} bytes") from None
    with lock:
        short = work.pos < work.end and not stop.is_set()
    if short:
        raise MirrorFault(f"closed the connection early after {written} bytes")
    return written
