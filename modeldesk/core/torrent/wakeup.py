"""What the engine thread sleeps on: a pipe that libtorrent writes to when alerts arrive
(session.set_alert_fd, no Python callback, so no GIL on libtorrent's threads) and that other
threads write to when they queue a command. Commands and alerts are handled at once instead of
waiting for the next poll tick."""

from __future__ import annotations

import os
import select
import threading


class Wakeup:
    def __init__(self) -> None:
        self._r, self._w = os.pipe()
        os.set_blocking(self._r, False)
        os.set_blocking(self._w, False)
        self._lock = threading.Lock()  # no write may race close(): the fd number could be reused
        self._closed = False

    @property
    def write_fd(self) -> int:
        return self._w

    def wake(self) -> None:
        with self._lock:
            if self._closed:
                return
            try:
                os.write(self._w, b"\1")
            except BlockingIOError:
                pass  # the pipe is full: a wake-up is already pending

    def wait(self, timeout_s: float) -> None:
        ready, _, _ = select.select([self._r], [], [], timeout_s)
        if ready:
            try:
                while os.read(self._r, 4096):
                    pass
            except BlockingIOError:
                pass

    def close(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
            os.close(self._r)
            os.close(self._w)
