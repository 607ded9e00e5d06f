"""The seeding thanks board: what each model gave back to the community."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTreeView, QVBoxLayout

from modeldesk.ui.tray import thanks_lines


class ThanksBoard(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Thanks board"))
        self.resize(560, 320)
        self.model = QStandardItemModel(self)
        self.model.setHorizontalHeaderLabels([self.tr("Model"), self.tr("Uploaded"), self.tr("Ratio"),
                                              self.tr("Peers served")])
        view = QTreeView()
        view.setRootIsDecorated(False)
        view.setModel(self.model)
        self.summary = QLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(view, 1)
        layout.addWidget(buttons)

    def show_entries(self, entries) -> None:
        self.model.removeRows(0, self.model.rowCount())
        lines = thanks_lines(entries)
        for name, up, ratio, peers in lines:
            cells = [QStandardItem(name), QStandardItem(up), QStandardItem(ratio), QStandardItem(peers)]
            for c in cells[1:]:
                c.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.model.appendRow(cells)
        self.summary.setText(self.tr("Your models reached %1 peers. Thank you for sharing.")
                             .replace("%1", str(sum(e.peers_served for e in entries))) if lines else
                             self.tr("Nothing uploaded yet. Models you keep seeding will show up here."))
