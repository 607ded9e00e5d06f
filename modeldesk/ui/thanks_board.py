"""The seeding thanks board: what each model gave back, to colleagues on the user's own network and
to the internet."""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QLabel, QTreeView, QVBoxLayout

from modeldesk.core.base.units import fmt_bytes


class ThanksLine(NamedTuple):
    name: str
    uploaded: str
    ratio: str
    lan_peers: int
    internet_peers: int
    lan_bytes: str
    internet_bytes: str


def thanks_lines(entries) -> list[ThanksLine]:
    """Per model that gave back, most generous first: name, uploaded, ratio, and the peers served on
    the user's own network and on the internet, with what each group received."""
    rows = sorted((e for e in entries if e.uploaded > 0), key=lambda e: e.uploaded, reverse=True)
    return [ThanksLine(e.name, fmt_bytes(e.uploaded), f"{e.ratio:.2f}", e.peers_served_lan,
                       e.peers_served - e.peers_served_lan, fmt_bytes(e.uploaded_lan), fmt_bytes(e.uploaded_internet))
            for e in rows]


class ThanksBoard(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Thanks board"))
        self.resize(640, 320)
        self.model = QStandardItemModel(self)
        self.model.setHorizontalHeaderLabels([self.tr("Model"), self.tr("Uploaded"), self.tr("Ratio"),
                                              self.tr("LAN peers"), self.tr("Internet peers")])
        view = QTreeView()
        view.setRootIsDecorated(False)
        view.setModel(self.model)
        header = view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, self.model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(view, 1)
        layout.addWidget(buttons)

    def show_entries(self, entries) -> None:
        self.model.removeRows(0, self.model.rowCount())
        lines = thanks_lines(entries)
        for line in lines:
            lan, internet = QStandardItem(str(line.lan_peers)), QStandardItem(str(line.internet_peers))
            lan.setToolTip(self.tr("Sent to peers on your network: %1").replace("%1", line.lan_bytes))
            internet.setToolTip(self.tr("Sent to peers on the internet: %1").replace("%1", line.internet_bytes))
            cells = [QStandardItem(line.name), QStandardItem(line.uploaded), QStandardItem(line.ratio), lan, internet]
            for c in cells[1:]:
                c.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.model.appendRow(cells)
        lan_total = sum(e.peers_served_lan for e in entries)
        all_total = sum(e.peers_served for e in entries)
        self.summary.setText(
            self.tr("Your models reached %1 peers: %2 on your network and %3 on the internet. "
                    "Thank you for sharing.").replace("%1", str(all_total)).replace("%2", str(lan_total))
            .replace("%3", str(all_total - lan_total)) if lines else
            self.tr("Nothing uploaded yet. Models you keep seeding will show up here."))
