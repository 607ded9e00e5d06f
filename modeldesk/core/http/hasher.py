"""Hash a file while it downloads: a thread follows the finished prefix of the .part file and feeds
it to sha256 (and the git blob sha1 when the listing gives one), so little is left to hash when
the last byte lands.

The bytes come from the page cache the writes just filled, mapped a window at a time and handed to
hashlib whole: no copy into a buffer of ours, and one release of the GIL per window rather than one
per read (a fast download's connection threads want the GIL too). Fetching 1 GiB from a loopback
nginx with sha256 on two cores took 1.59-1.72 s this way against 1.72-1.86 s reading into a buffer
(runs side by side; the download alone, 1.13-1.39 s). Where a file cannot be mapped (some network
and FUSE file systems), it is read into a buffer instead."""

from __future__ import annotations

import hashlib
import mmap
import os
import sys
import threading
from collections.abc import Callable

BLOCK = 4 * 1024 * 1024  # read into a buffer (the fallback)
WINDOW = 8 * 1024 * 1024  # mapped at a time: a larger one saved no time here and adds to RSS


def _map(fd: int, offset: int, length: int) -> mmap.mmap:
    """[offset, offset + length) of the file, read-only; its pages mapped at once where the OS can."""
    if sys.platform == "win32":
        return mmap.mmap(fd, length, access=mmap.ACCESS_READ, offset=offset)
    return mmap.mmap(fd, length, flags=mmap.MAP_SHARED | getattr(mmap, "MAP_POPULATE", 0), prot=mmap.PROT_READ,
                     offset=offset)


class PrefixHasher:
    def __init__(self, fd: int, size: int, prefix: Callable[[], int], sha256: bool, git_sha1: bool):
        self._fd, self._size, self._prefix = fd, size, prefix
        self._sha256 = hashlib.sha256() if sha256 else None
        self._sha1 = hashlib.sha1(f"blob {size}\0".encode()) if git_sha1 else None
        self.pos = 0
        self._mapped = True  # False once mapping failed: read into a buffer
        self._view: memoryview | None = None
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread = threading.Thread(target=self._follow, name="hash-prefix", daemon=True)
        self.error: OSError | None = None

    def start(self) -> PrefixHasher:
        self._thread.start()
        return self

    def _feed(self, upto: int) -> None:
        while self._mapped and self.pos < upto:
            base = self.pos - self.pos % mmap.ALLOCATIONGRANULARITY
            length = min(WINDOW, upto - base)
            try:
                window = _map(self._fd, base, length)
            except (OSError, ValueError):
                self._mapped = False
                break
            with window, memoryview(window) as view:
                self._update(view[self.pos - base:])
            self.pos = base + length
        self._read(upto)

    def _update(self, data: memoryview) -> None:
        for h in (self._sha256, self._sha1):
            if h is not None:
                h.update(data)

    def _read(self, upto: int) -> None:
        if self.pos >= upto:
            return
        if self._view is None:  # one buffer, read into again and again
            self._view = memoryview(bytearray(BLOCK))
        view = self._view
        while self.pos < upto:
            n = os.preadv(self._fd, [view[: min(BLOCK, upto - self.pos)]], self.pos)
            if not n:
                raise OSError(f"short read at {self.pos}")
            self._update(view[:n])
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
