"""The lab server's audit log: one JSON line per file served and per control action (time, client
address, token name, what, how it ended), in the state folder as audit.log, rotated at 10 MiB with
three old files kept. `modeldesk serve log` and the web page (for admins) read it back."""

from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path

ROTATE_AT = 10 * 1024 * 1024
KEEP = 3  # audit.log.1 … audit.log.3


class Audit:
    def __init__(self, path: Path | None):
        self._path = path
        self._lock = threading.Lock()

    @property
    def path(self) -> Path | None:
        return self._path

    def record(self, **fields) -> None:
        if self._path is None:
            return
        line = json.dumps({"time": round(time.time(), 3), **fields}, sort_keys=True) + "\n"
        with self._lock:
            try:
                if self._path.stat().st_size + len(line) > ROTATE_AT:
                    self._rotate()
            except FileNotFoundError:
                pass
            with open(self._path, "a", encoding="utf-8") as out:
                out.write(line)

    def _rotate(self) -> None:
        assert self._path is not None
        for i in range(KEEP - 1, 0, -1):
            older = self._path.with_name(f"{self._path.name}.{i}")
            if older.exists():
                os.replace(older, self._path.with_name(f"{self._path.name}.{i + 1}"))
        os.replace(self._path, self._path.with_name(f"{self._path.name}.1"))


def read_audit(path: Path, since: float = 0.0, last: int | None = None) -> list[dict]:
    """The entries from `since` (seconds since the epoch), oldest first, over the rotated files too;
    `last`: only that many, the newest."""
    entries: list[dict] = []
    for f in [path.with_name(f"{path.name}.{i}") for i in range(KEEP, 0, -1)] + [path]:
        try:
            lines = f.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            continue
        for line in lines:
            try:
                e = json.loads(line)
            except ValueError:
                continue  # a line cut by a crash
            if isinstance(e, dict) and isinstance(e.get("time"), (int, float)) and e["time"] >= since:
                entries.append(e)
    return entries[-last:] if last else entries


def parse_since(text: str, now: float | None = None) -> float:
    """--since: 30m, 2h, 7d (ago), or a date / date and time (YYYY-MM-DD[ HH:MM])."""
    now = time.time() if now is None else now
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    t = text.strip()
    if t[:-1].isdigit() and t[-1:] in units:
        return now - int(t[:-1]) * units[t[-1]]
    for fmt in ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d"):
        try:
            return time.mktime(time.strptime(t, fmt))
        except ValueError:
            continue
    raise ValueError(f"{text!r} is not a time (30m, 2h, 7d, YYYY-MM-DD or YYYY-MM-DD HH:MM)")
