"""Hash a file while it downloads: a thread follows the finished prefix of the .part file and feeds
it to sha256 (and the git blob sha1 when the listing gives one), so little is left to hash when
the last byte lands. Reads come from the page cache the writes just filled."""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable

BLOCK = 4 * 1024 * 1024


class PrefixHasher:
    def __init__(self, fd: int, size: int, prefix: Callable[[], int], sha256: bool, git_sha1: bool):
        self._fd, self._size, self._prefix = fd, size, prefix
        self._sha256 = hashlib.sha256() if sha256 else None
        self._sha1 = hashlib.sha1(f"blob {size}\0".encode()) if git_sha1 else None
        self.pos = 0
        self._view: memoryview | None = None
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread = threading.Thread(target=self._follow, name="hash-prefix", daemon=True)
        self.error: OSError | None = None

    def start(self) -> PrefixHasher:
        self._thread.start()
        return self

    def _feed(self, upto: int) -> None:
        if self._view is None:  # one buffer, read into again and again: no 4 MiB allocation per block
            self._view = memoryview(bytearray(BLOCK))
        while self.pos < upto:
            n = os.preadv(self._fd, [self._view[: min(BLOCK, upto - self.pos)]], self.pos)
            if not n:
                raise OSError(f"short read at {self.pos}")
            for h in (self._sha256, self._sha1):
                if h is not None:
                    h.update(self._view[:n])
            self.pos += n

    def _follow(self) -> None:
        try:
            while not self._stop.is_set():
                upto = self._prefix()
                if upto - self.pos >= BLOCK or (upto == self._size and upto > self.pos):
                    self._feed(upto - (upto - self.pos) % BLOCK if upto < self._size else upto)
                    continue
                self._wake.wait(0.1)
                self._wake.clear()
        except OSError as exc:
            self.error = exc

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        self._thread.join()

    def finish(self) -> tuple[str | None, str | None]:
        """Hash what is left (the whole file must be final now); returns (sha256, git sha1) hex."""
        self.stop()
        if self.error is not None:
            raise self.error
        self._feed(self._size)
        return (self._sha256.hexdigest() if self._sha256 else None,
                self._sha1.hexdigest() if self._sha1 else None)
