"""One process owns a library: a lock held for as long as its engines run.

Two engines writing one library undo each other's work (the second `get` rewrote the first one's
running job to its own folder and to "paused"). The lock is an OS file lock, so it goes away with
its process, even after `kill -9`; the file also names its holder for the message the next one sees.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from modeldesk.core.base.errors import LibraryBusyError
from modeldesk.core.base.messages import N_

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return False


class LibraryLock:
    def __init__(self, path: Path):
        self.path = Path(path)
        self._fd: int | None = None

    def acquire(self, who: str) -> None:
        """Take the library for this process (`who` says what runs it); LibraryBusyError if another has it."""
        if self._fd is not None:
            return
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        if not _try_lock(fd):
            try:
                holder = os.read(fd, 200).decode("utf-8", "replace").strip()
            except OSError:  # Windows: the locked byte cannot be read
                holder = ""
            os.close(fd)
            holder = holder or "another process"
            raise LibraryBusyError(
                N_("Another ModelDesk ({holder}) is using the library in {parent}. Wait for it to end or "
                   "stop it, then run this again; to add a model to the running app instead, run `modeldesk "
                   "SOURCE`, which hands it over."), holder=holder, parent=self.path.parent
            )
        try:
            os.ftruncate(fd, 0)
            os.write(fd, f"{who}, pid {os.getpid()}".encode())
        except OSError:  # a full disk: the lock holds all the same, only its note is missing
            pass
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing drops the lock
            self._fd = None
