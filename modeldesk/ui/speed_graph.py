"""A line graph of download and upload rates over the last minutes (one sample per second)."""

from __future__ import annotations

from collections import deque

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QWidget

from modeldesk.core.base.units import fmt_rate

HISTORY_SECONDS = 300
DOWN_COLOR = QColor(38, 132, 255)
UP_COLOR = QColor(46, 170, 80)
MIRROR_COLOR = QColor(230, 140, 30)


class RateHistory:
    """Samples of (down, up, mirror) bytes/s, oldest first, capped at HISTORY_SECONDS. `mirror` is the
    part of `down` that mirrors brought to a torrent job (a hybrid job)."""

    def __init__(self, size: int = HISTORY_SECONDS):
        self.down: deque[int] = deque(maxlen=size)
        self.up: deque[int] = deque(maxlen=size)
        self.mirror: deque[int] = deque(maxlen=size)

    def add(self, down: int, up: int, mirror: int = 0) -> None:
        self.down.append(down)
        self.up.append(up)
        self.mirror.append(mirror)

    @property
    def hybrid(self) -> bool:
        return any(self.mirror)


class SpeedGraph(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._history: RateHistory | None = None
        self.setMinimumHeight(120)

    def set_history(self, history: RateHistory | None) -> None:
        self._history = history
        self.update()

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = self.rect().adjusted(8, 22, -8, -8)
        p.fillRect(self.rect(), self.palette().base())
        p.setPen(QPen(self.palette().mid().color(), 1, Qt.PenStyle.DotLine))
        for i in range(5):
            y = rect.top() + rect.height() * i / 4
            p.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
        h = self._history
        peak = max([1, *h.down, *h.up]) if h else 1
        p.setPen(self.palette().text().color())
        down = fmt_rate(h.down[-1] if h and h.down else 0)
        if h and h.hybrid:  # peers and mirrors at once: the orange line is the mirrors' part
            down = self.tr("%1 (mirrors %2)").replace("%1", down).replace("%2", fmt_rate(h.mirror[-1]))
        p.drawText(8, 16, self.tr("Down %1   Up %2   (peak %3, last 5 minutes)")
                   .replace("%1", down)
                   .replace("%2", fmt_rate(h.up[-1] if h and h.up else 0))
                   .replace("%3", fmt_rate(peak)))
        if not h or len(h.down) < 2:
            return
        lines = [(h.down, DOWN_COLOR), (h.up, UP_COLOR)] + ([(h.mirror, MIRROR_COLOR)] if h.hybrid else [])
        for series, color in lines:
            path = QPainterPath()
            n = len(series)
            for i, v in enumerate(series):
                x = rect.right() - (n - 1 - i) * rect.width() / (HISTORY_SECONDS - 1)
                y = rect.bottom() - v / peak * rect.height()
                if i == 0:
                    path.moveTo(x, y)
                else:
                    path.lineTo(x, y)
            p.setPen(QPen(color, 2))
            p.drawPath(path)
