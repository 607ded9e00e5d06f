"""Settings → Mirrors → Test: times every mirror in the (unsaved) list on a real file of a repo and
shows them ranked. The probe runs on a bridge worker; the dialog stays responsive."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from modeldesk.bridge import EngineBridge, error_text
from modeldesk.core.base.errors import ModelDeskError
from modeldesk.core.base.units import fmt_rate

DEFAULT_PROBE_REPO = "hf://openai-community/gpt2"


class MirrorTest(QWidget):
    def __init__(self, bridge: EngineBridge, http_settings: Callable, parent=None):
        super().__init__(parent)
        self._bridge = bridge
        self._http = http_settings  # → HttpSettings with the mirrors as the dialog has them now
        self._number = 0
        self.source = QLineEdit(DEFAULT_PROBE_REPO)
        self.source.setToolTip(self.tr("A repository (or file URL) every mirror should have; its biggest file "
                                       "is timed on each."))
        self.button = QPushButton(self.tr("Test mirrors"))
        self.button.clicked.connect(self.start)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.model = QStandardItemModel(self)
        self.model.setHorizontalHeaderLabels([self.tr("Rank"), self.tr("Mirror"), self.tr("First byte"),
                                              self.tr("Throughput"), self.tr("Health")])
        self.view = QTreeView()
        self.view.setRootIsDecorated(False)
        self.view.setModel(self.model)
        # Every column fits the dialog: the figures take what they need, the mirror and its health share
        # the rest (cut in the middle, whole in the tooltip), so no result needs a horizontal scroll.
        header = self.view.header()
        header.setStretchLastSection(False)
        for col, mode in ((0, QHeaderView.ResizeMode.ResizeToContents), (1, QHeaderView.ResizeMode.Stretch),
                          (2, QHeaderView.ResizeMode.ResizeToContents), (3, QHeaderView.ResizeMode.ResizeToContents),
                          (4, QHeaderView.ResizeMode.Stretch)):
            header.setSectionResizeMode(col, mode)
        self.view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        row = QHBoxLayout()
        row.addWidget(self.source, 1)
        row.addWidget(self.button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(self.view, 1)
        bridge.probeReady.connect(self._on_result)

    def start(self) -> None:
        source = self.source.text().strip()
        if not source:
            return
        self._number += 1
        self.button.setEnabled(False)
        self.model.removeRows(0, self.model.rowCount())
        self.status.setText(self.tr("Timing each mirror on %1…").replace("%1", source))
        self._bridge.probe_mirrors(self._number, source, self._http())

    def _on_result(self, number: int, result) -> None:
        if number != self._number:
            return  # an older probe, or another dialog's
        self.button.setEnabled(True)
        if isinstance(result, ModelDeskError):
            self.status.setText(error_text(result))
            return
        what, results = result
        self.status.setText(self.tr("Timed on %1.").replace("%1", what))
        for i, r in enumerate(results, 1):
            ttfb = f"{r.ttfb * 1000:.0f} ms" if r.ttfb is not None else "–"
            rate = fmt_rate(int(r.throughput)) if r.throughput else "–"
            health = self.tr("ok") if r.healthy and r.ranges else (
                self.tr("ok, one stream only (no ranges)") if r.healthy else r.error)
            cells = [QStandardItem(str(i) if r.healthy else "–"), QStandardItem(r.host),
                     QStandardItem(ttfb), QStandardItem(rate), QStandardItem(health)]
            for cell in cells:
                cell.setToolTip(cell.text())
            self.model.appendRow(cells)
