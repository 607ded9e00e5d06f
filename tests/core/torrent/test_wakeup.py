"""The engine thread's wake-up: a command from another thread, or a raw write to its fd as libtorrent
makes one, ends the wait at once; nothing ends it only after the timeout."""

from __future__ import annotations

import os
import threading
import time

from modeldesk.core.torrent.wakeup import Wakeup


def waited(w: Wakeup, timeout: float) -> float:
    t0 = time.monotonic()
    w.wait(timeout)
    return time.monotonic() - t0


def test_wake_from_a_thread_and_from_a_raw_write():
    w = Wakeup()
    try:
        assert waited(w, 0.2) >= 0.19
        threading.Timer(0.05, w.wake).start()
        assert waited(w, 5) < 2
        os.write(w.write_fd, b"\1")  # what libtorrent does on POSIX after set_alert_fd
        assert waited(w, 5) < 0.5
        for _ in range(100_000):  # a full buffer is a pending wake-up, not an error
            w.wake()
        assert waited(w, 5) < 0.5 and waited(w, 0.1) >= 0.09  # drained: the next wait sleeps again
    finally:
        w.close()
    w.wake()  # after close: nothing, no error
