"""The library's index of contents: every file it has hashed or placed, by sha256, with the stat it had
then. A file whose size, inode and ctime (which no tool can set back) are what the index says is not
read again; a file the index knows is placed into another project instead of being downloaded
(core/placing.py)."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from modeldesk.core.library.manifest import file_digest



@dataclass(frozen=True)
class Seen:
    path: str
    sha256: str
    size: int
    ctime_ns: int
    ino: int

    def still_there(self) -> bool:
        """The file is where it was, unchanged as far as its stat can tell."""
        try:
            st = os.stat(self.path)
        except OSError:
            return False
        return (st.st_size, st.st_ctime_ns, st.st_ino) == (self.size, self.ctime_ns, self.ino)


class BlobIndex:
    """On the library's connection (Library.blobs): the same thread rules apply."""

    def __init__(self, conn: sqlite3.Connection):
        self._conn = conn

    def remember(self, path: Path, sha256: str, st: os.stat_result | None = None) -> None:
        st = st or os.stat(path)
        self._conn.execute(
            "INSERT OR REPLACE INTO blobs (path, sha256, size, ctime_ns, ino) VALUES (?, ?, ?, ?, ?)",
            (str(path), sha256, st.st_size, st.st_ctime_ns, st.st_ino))

    def forget(self, path: Path) -> None:
        self._conn.execute("DELETE FROM blobs WHERE path=?", (str(path),))

    def where(self, sha256: str) -> list[Seen]:
        """Files that held this content when last seen, checked: stale rows are dropped."""
        rows = self._conn.execute("SELECT path, sha256, size, ctime_ns, ino FROM blobs WHERE sha256=?",
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
        elsewhere (that changes the inode's ctime), or it was touched. Read it again: still the content?"""
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
            row = self._conn.execute("SELECT sha256 FROM blobs WHERE path=? AND size=? AND ctime_ns=? AND ino=?",
                                     (str(path), st.st_size, st.st_ctime_ns, st.st_ino)).fetchone()
            if row:
                return row[0]
        sha = file_digest(path, "sha256")
        after = os.stat(path)
        if (after.st_size, after.st_ctime_ns) == (st.st_size, st.st_ctime_ns):  # not written while we read
            self.remember(path, sha, after)
        return sha

    def under(self, marker: str) -> list[Seen]:
        """Every row whose path contains `marker` (a project store's folder), stale or not."""
        rows = self._conn.execute("SELECT path, sha256, size, ctime_ns, ino FROM blobs WHERE instr(path, ?) > 0",
                                  (marker,)).fetchall()
        return [Seen(*r) for r in rows]
