"""The library's index of contents: every file it has hashed or placed, by sha256, with the stat it had
then. A file whose stat says it is unchanged (Seen.matches) is not read again; a file the index knows
is placed into another project instead of being downloaded (core/placing.py)."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from modeldesk.core.base.digests import file_digest



@dataclass(frozen=True)
class Seen:
    path: str
    sha256: str
    size: int
    mtime_ns: int
    ctime_ns: int
    ino: int
    nlink: int

    def matches(self, st: os.stat_result) -> bool:
        """Unchanged as far as a stat can tell. The ctime moves with every write and cannot be set back (a
        byte flipped with its mtime restored still shows); but making or removing a hard link elsewhere
        moves it too, so a changed link count with size, inode and mtime kept still counts as unchanged."""
        if (st.st_size, st.st_ino, st.st_mtime_ns) != (self.size, self.ino, self.mtime_ns):
            return False
        return st.st_ctime_ns == self.ctime_ns or st.st_nlink != self.nlink

    def still_there(self) -> bool:
        try:
            return self.matches(os.stat(self.path))
        except OSError:
            return False


_COLUMNS = "path, sha256, size, mtime_ns, ctime_ns, ino, nlink"


class BlobIndex:
    """On the library's connection (Library.blobs): the same thread rules apply."""

    def __init__(self, conn: sqlite3.Connection):
        self._conn = conn

    def remember(self, path: Path, sha256: str, st: os.stat_result | None = None, ours: bool = False) -> None:
        """`path` holds `sha256` with this stat. `ours`: ModelDesk itself put that content there (a row
        keeps that mark while its content stays the same, and loses it when the content changes)."""
        st = st or os.stat(path)
        self._conn.execute(
            "INSERT INTO blobs (path, sha256, size, mtime_ns, ctime_ns, ino, nlink, ours) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(path) DO UPDATE SET sha256=excluded.sha256, "
            "size=excluded.size, mtime_ns=excluded.mtime_ns, ctime_ns=excluded.ctime_ns, ino=excluded.ino, "
            "nlink=excluded.nlink, ours=CASE WHEN blobs.sha256=excluded.sha256 THEN max(blobs.ours, excluded.ours) "
            "ELSE excluded.ours END",
            (str(path), sha256, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_nlink, int(ours)))

    def is_ours(self, path: Path, sha256: str) -> bool:
        """ModelDesk itself put `sha256` at `path` (downloaded, placed, imported or locked it there)."""
        row = self._conn.execute("SELECT ours FROM blobs WHERE path=? AND sha256=?", (str(path), sha256)).fetchone()
        return bool(row and row[0])

    def forget(self, path: Path) -> None:
        self._conn.execute("DELETE FROM blobs WHERE path=?", (str(path),))

    def where(self, sha256: str) -> list[Seen]:
        """Files that held this content when last seen, checked: stale rows are dropped."""
        rows = self._conn.execute(f"SELECT {_COLUMNS} FROM blobs WHERE sha256=?",
                                  (sha256,)).fetchall()
        out = []
        for r in rows:
            seen = Seen(*r)
            if seen.still_there() or self._rehashed(seen):
                out.append(seen)
            else:
                self.forget(Path(seen.path))
        return out

    def _rehashed(self, seen: Seen) -> bool:
        """A file whose stat moved but whose size did not: a hard link to it was made or removed
        elsewhere and its mtime was touched, or it was written. Read it again: still the content?"""
        path = Path(seen.path)
        try:
            return path.stat().st_size == seen.size and self.hash(path, trust_index=False) == seen.sha256
        except OSError:
            return False

    def hash(self, path: Path, trust_index: bool = True) -> str:
        """The file's sha256: from the index when its stat is unchanged (unless `trust_index` is off,
        as for `sync --check`), else read and remembered."""
        st = os.stat(path)
        if trust_index:
            row = self._conn.execute(f"SELECT {_COLUMNS} FROM blobs WHERE path=?", (str(path),)).fetchone()
            if row and Seen(*row).matches(st):
                return row[1]
        sha = file_digest(path, "sha256")
        after = os.stat(path)
        if (after.st_size, after.st_ctime_ns) == (st.st_size, st.st_ctime_ns):  # not written while we read
            self.remember(path, sha, after)
        return sha

    def under(self, marker: str) -> list[Seen]:
        """Every row whose path contains `marker` (a project store's folder), stale or not."""
        rows = self._conn.execute(f"SELECT {_COLUMNS} FROM blobs WHERE instr(path, ?) > 0",
                                  (marker,)).fetchall()
        return [Seen(*r) for r in rows]
