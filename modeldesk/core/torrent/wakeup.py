"""What the engine thread sleeps on: a pipe that libtorrent writes to when alerts arrive
(session.set_alert_fd, no Python callback, so no GIL on libtorrent's threads) and that other
threads write to when they queue a command. Commands and alerts are handled at once instead of
waiting for the next poll tick."""

from __future__ import annotations

import os
import select


class Wakeup:
    def __init__(self) -> None:
        self._r, self._w = os.pipe()
        os.set_blocking(self._r, False)
        os.set_blocking(self._w, False)

    @property
    def write_fd(self) -> int:
        return self._w

    def wake(self) -> None:
        try:
            os.write(self._w, b"\1")
        except BlockingIOError:
            pass  # the pipe is full: a wake-up is already pending
        except OSError:
            pass  # closed at shutdown

    def wait(self, timeout_s: float) -> None:
        ready, _, _ = select.select([self._r], [], [], timeout_s)
        if ready:
            try:
                while os.read(self._r, 4096):
                    pass
            except BlockingIOError:
                pass

    def close(self) -> None:
        for fd in (self._r, self._w):
            try:
                os.close(fd)
            except OSError:
                pass
