"""Which bytes of a .part file are finished, kept in a sidecar so a re-run fetches only the rest.

The sidecar is JSON written atomically; it names the size and validator (ETag / sha256) of the
file it belongs to, and a stale sidecar (another file, another version) is ignored, not trusted.
Each finished range also records the mirror it came from, so bytes that fail verification can be
traced to the mirror that sent them.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from pathlib import Path

from modeldesk.core.base.atomic import atomic_write

SIDECAR_VERSION = 1


@dataclass
class Span:
    start: int
    end: int  # exclusive
    source: str = ""  # mirror that sent these bytes


def merge(spans: list[Span]) -> list[Span]:
    """Sort and merge touching spans from the same source."""
    out: list[Span] = []
    for s in sorted(spans, key=lambda s: s.start):
        if out and out[-1].end >= s.start and out[-1].source == s.source:
            out[-1].end = max(out[-1].end, s.end)
        else:
            out.append(Span(s.start, s.end, s.source))
    return out


def gaps(size: int, done: list[Span]) -> list[tuple[int, int]]:
    holes, pos = [], 0
    for s in sorted(done, key=lambda s: s.start):
        if s.start > pos:
            holes.append((pos, s.start))
        pos = max(pos, s.end)
    if pos < size:
        holes.append((pos, size))
    return holes


def prefix_of(spans: list[Span]) -> int:
    """Length of the finished run of bytes from the start of the file."""
    pos = 0
    for s in sorted(spans, key=lambda s: s.start):
        if s.start > pos:
            break
        pos = max(pos, s.end)
    return pos


class SegmentMap:
    """Thread-safe record of finished ranges of one file, saved to a sidecar on request."""

    def __init__(self, size: int, sidecar: Path, validator: str):
        self.size = size
        self._sidecar = Path(sidecar)
        self._validator = validator
        self._lock = threading.Lock()
        self._done: list[Span] = []
        self.version = 0  # counts the changes: a save with nothing new can be left out

    def load(self) -> int:
        """Read the sidecar if it belongs to this file; returns the bytes already done."""
        try:
            raw = json.loads(self._sidecar.read_text())
        except (OSError, ValueError):
            return 0
        if (raw.get("version") != SIDECAR_VERSION or raw.get("size") != self.size
                or raw.get("validator") != self._validator):
            return 0
        spans = [Span(int(a), int(b), str(src)) for a, b, src in raw.get("done", [])
                 if 0 <= int(a) < int(b) <= self.size]
        with self._lock:
            self._done = merge(spans)
        return self.done_bytes()

    def add(self, start: int, end: int, source: str) -> None:
        if end <= start:
            return
        with self._lock:
            self._done = merge([*self._done, Span(start, end, source)])
            self.version += 1

    def drop_source(self, source: str) -> list[tuple[int, int]]:
        """Forget the ranges one mirror sent (they failed verification); returns them."""
        with self._lock:
            bad = [(s.start, s.end) for s in self._done if s.source == source]
            self._done = [s for s in self._done if s.source != source]
            self.version += 1
        return bad

    def sources(self) -> dict[str, int]:
        with self._lock:
            out: dict[str, int] = {}
            for s in self._done:
                out[s.source] = out.get(s.source, 0) + s.end - s.start
        return out

    def missing(self) -> list[tuple[int, int]]:
        with self._lock:
            return gaps(self.size, self._done)

    def prefix(self) -> int:
        """Length of the finished run of bytes from the start of the file."""
        with self._lock:
            return prefix_of(self._done)

    def done_bytes(self) -> int:
        with self._lock:
            return sum(s.end - s.start for s in self._done)

    def snapshot(self) -> tuple[int, bytes]:
        """(version, the sidecar's bytes) as the map stands now: taken before the data file is synced,
        written after (write), so the sidecar never names a range the sync did not cover."""
        with self._lock:
            payload = {
                "version": SIDECAR_VERSION, "size": self.size, "validator": self._validator,
                "done": [[s.start, s.end, s.source] for s in self._done],
            }
            return self.version, json.dumps(payload).encode()

    def write(self, data: bytes) -> None:
        atomic_write(self._sidecar, data)

    def remove(self) -> None:
        self._sidecar.unlink(missing_ok=True)


def saved_prefix(sidecar: Path, size: int) -> int:
    """How many bytes from the start of a .part file its sidecar says are finished (0 when it says
    nothing usable): what a reader that follows a download in order may read (the lab server's
    pull-through). The sidecar lags the file by at most a save interval, never leads it."""
    try:
        raw = json.loads(Path(sidecar).read_text())
        spans = [Span(int(a), int(b)) for a, b, _ in raw.get("done", []) if 0 <= int(a) < int(b) <= size]
    except (OSError, ValueError, TypeError, AttributeError):
        return 0
    return prefix_of(spans) if raw.get("size") == size else 0
