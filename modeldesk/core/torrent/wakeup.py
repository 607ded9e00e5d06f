"""What the engine thread sleeps on: a socket pair that libtorrent writes to when alerts arrive
(session.set_alert_fd, no Python callback, so no GIL on libtorrent's threads) and that other
threads write to when they queue a command. Commands and alerts are handled at once instead of
waiting for the next poll tick. A socket pair rather than a pipe: libtorrent takes a SOCKET on
Windows, and select() waits on sockets on every system (on pipes only on POSIX)."""

from __future__ import annotations

import select
import socket
import threading


class Wakeup:
    def __init__(self) -> None:
        self._r, self._w = socket.socketpair()
        self._r.setblocking(False)
        self._w.setblocking(False)
        self._lock = threading.Lock()  # no write may race close(): the fd number could be reused
        self._closed = False

    @property
    def write_fd(self) -> int:
        return self._w.fileno()

    def wake(self) -> None:
        with self._lock:
            if self._closed:
                return
            try:
                self._w.send(b"\1")
            except BlockingIOError:
                pass  # the buffer is full: a wake-up is already pending

    def wait(self, timeout_s: float) -> None:
        ready, _, _ = select.select([self._r], [], [], timeout_s)
        if ready:
            try:
                while self._r.recv(4096):
                    pass
            except (BlockingIOError, OSError):
                pass

    def close(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
            self._r.close()
            self._w.close()
