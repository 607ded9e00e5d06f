"""Emitting signals must not leak or drop references: PySide6 6.12.0's Signal.emit() dropped one
to True (its result) and to None per call, and the app aborted after minutes of downloads, when the
interpreter freed True or None. The engines emit from worker threads, so both paths are checked."""

from __future__ import annotations

import sys
import threading

from PySide6.QtCore import QCoreApplication, QObject, Signal

EMITS = 5000


class Emitter(QObject):
    carried = Signal(object)
    pair = Signal(str, object)


def test_emitting_keeps_true_and_none_alive(qtbot):
    e = Emitter()
    got = []
    e.carried.connect(got.append)
    e.pair.connect(lambda _s, o: got.append(o))
    before = sys.getrefcount(True), sys.getrefcount(None)

    def burst():
        for _ in range(EMITS):
            e.carried.emit(None)
            e.pair.emit("x", (None, True))

    burst()
    worker = threading.Thread(target=burst)
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: len(got) == 4 * EMITS, timeout=10_000)
    QCoreApplication.processEvents()
    got.clear()
    after = sys.getrefcount(True), sys.getrefcount(None)
    # Other threads (Qt's, pytest's) hold a few references of their own, so allow small drift only.
    assert abs(after[0] - before[0]) < 200 and abs(after[1] - before[1]) < 200, (before, after)
