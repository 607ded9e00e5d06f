"""Details of the selected job, in tabs: General, Files, Speed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QFormLayout, QLabel, QTabWidget, QTreeView, QWidget

from modeldesk.core.models import FileEntry, JobKind
from modeldesk.core.units import fmt_bytes, fmt_rate
from modeldesk.ui.labels import fmt_duration, kind_label, state_label
from modeldesk.ui.speed_graph import RateHistory, SpeedGraph
from modeldesk.ui.transfer_model import Row


class GeneralTab(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        form = QFormLayout(self)
        self._fields: dict[str, QLabel] = {}
        self._form = form
        for key, label in (("name", self.tr("Name:")), ("kind", self.tr("Kind:")), ("state", self.tr("State:")),
                           ("folder", self.tr("Project folder:")), ("source", self.tr("Source:")),
                           ("size", self.tr("Size:")), ("done", self.tr("Downloaded:")),
                           ("rates", self.tr("Rates:")), ("eta", self.tr("Time left:")),
                           ("peers", self.tr("Peers / mirrors:")), ("shared", self.tr("Uploaded (ratio):")),
                           ("error", self.tr("Problem:"))):
            value = QLabel()
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            self._fields[key] = value
            form.addRow(label, value)
        form.setRowVisible(self._fields["error"], False)

    def show_row(self, r: Row | None) -> None:
        if r is None:
            for v in self._fields.values():
                v.setText("")
            return
        f = self._fields
        f["name"].setText(r.name)
        f["kind"].setText(kind_label(r.kind, r.source_kind))
        f["state"].setText(state_label(r.state))
        f["folder"].setText(r.project_dir)
        f["source"].setText(r.source if len(r.source) < 300 else r.source[:300] + "…")
        f["size"].setText(fmt_bytes(r.size) if r.size else "?")
        f["done"].setText(f"{fmt_bytes(r.done)} ({r.progress * 100:.1f}%)")
        f["rates"].setText(f"↓ {fmt_rate(r.down_rate)}   ↑ {fmt_rate(r.up_rate)}")
        f["eta"].setText(fmt_duration(r.eta) if r.eta is not None else "")
        f["peers"].setText(str(r.peers) if r.kind is JobKind.HTTP else f"{r.peers} ({r.seeds})")
        f["shared"].setText(f"{fmt_bytes(r.uploaded)} ({r.ratio:.2f})" if r.kind is JobKind.BT else "")
        f["error"].setText(r.error)
        self._form.setRowVisible(f["error"], bool(r.error))
        self._form.setRowVisible(f["shared"], r.kind is JobKind.BT)


class FilesTab(QTreeView):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._model = QStandardItemModel(self)
        self._model.setHorizontalHeaderLabels([self.tr("File"), self.tr("Size"), self.tr("Selected")])
        self.setModel(self._model)
        self.setUniformRowHeights(True)

    def show_files(self, files: tuple[FileEntry, ...]) -> None:
        self._model.removeRows(0, self._model.rowCount())
        for f in files:
            size = QStandardItem(fmt_bytes(f.size))
            size.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            chosen = QStandardItem(self.tr("yes") if f.selected else self.tr("no"))
            self._model.appendRow([QStandardItem(f.path), size, chosen])
        self.resizeColumnToContents(0)


class DetailsPanel(QTabWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.general = GeneralTab()
        self.files = FilesTab()
        self.speed = SpeedGraph()
        self.addTab(self.general, self.tr("General"))
        self.addTab(self.files, self.tr("Files"))
        self.addTab(self.speed, self.tr("Speed"))

    def show_job(self, row: Row | None, files: tuple[FileEntry, ...], history: RateHistory | None) -> None:
        self.general.show_row(row)
        self.files.show_files(files)
        self.speed.set_history(history)
