"""The library's writer thread: the running process's one SQLite connection, and every read and write
of it (the manager's commands, the engines' InLibrary calls, the event recorder) queued on that one
thread, so no two writes interleave and no caller blocks another engine's thread."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from modeldesk.core.base.errors import ModelDeskError
from modeldesk.core.base.messages import N_
from modeldesk.core.library.recorder import LibraryWriteError
from modeldesk.core.library.store import Library


class LibraryWriter:
    def __init__(self, db: Path):
        self._db = db
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="library-writer")
        self.library: Library | None = None  # open between open() and close(); the writer thread's own

    def open(self) -> None:
        self._pool.submit(self._open).result()

    def close(self) -> None:
        self._pool.submit(self._close).result()
        self._pool.shutdown(wait=True)

    def _open(self) -> None:
        try:
            self.library = Library(self._db)
        except (sqlite3.Error, OSError) as exc:
            raise LibraryWriteError(self._db.parent, exc) from None

    def _close(self) -> None:
        if self.library is not None:
            self.library.close()
            self.library = None

    def run(self, fn: Callable[[Library], object]) -> Future:
        """fn(library) on the writer thread (an InLibrary); a failed write is a LibraryWriteError."""
        def run() -> object:
            if self.library is None:
                raise ModelDeskError(N_("The library is closed: ModelDesk is shutting down."))
            try:
                return fn(self.library)
            except (sqlite3.Error, OSError) as exc:
                raise LibraryWriteError(self._db.parent, exc) from None
        return self._pool.submit(run)

    def submit(self, fn: Callable[..., object], *args: object) -> Future:
        """Any work on the writer thread (RuntimeError once close() has run)."""
        return self._pool.submit(fn, *args)
