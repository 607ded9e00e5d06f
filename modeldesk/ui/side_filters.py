"""The side panel: status groups with counts, then one entry per project folder."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QTreeView

from modeldesk.ui.transfer_filter import StatusFilter, matches
from modeldesk.ui.transfer_model import Row

_KIND = Qt.ItemDataRole.UserRole + 1
_VALUE = Qt.ItemDataRole.UserRole + 2


class SideFilters(QTreeView):
    statusChosen = Signal(object)  # StatusFilter
    projectChosen = Signal(object)  # folder, or None for every folder

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setRootIsDecorated(False)
        self._model = QStandardItemModel(self)
        self.setModel(self._model)
        self._status_root = QStandardItem(self.tr("Status"))
        self._project_root = QStandardItem(self.tr("Project folders"))
        for root in (self._status_root, self._project_root):
            root.setSelectable(False)
            f = root.font()
            f.setBold(True)
            root.setFont(f)
            self._model.appendRow(root)
        self._status_items: dict[StatusFilter, QStandardItem] = {}
        for status in StatusFilter:
            item = QStandardItem()
            item.setData("status", _KIND)
            item.setData(status, _VALUE)
            self._status_items[status] = item
            self._status_root.appendRow(item)
        self._projects: dict[str, QStandardItem] = {}
        self._all_projects = QStandardItem()
        self._all_projects.setData("project", _KIND)
        self._all_projects.setData(None, _VALUE)
        self._project_root.appendRow(self._all_projects)
        self.expandAll()
        self.selectionModel().currentChanged.connect(self._on_current)
        self.setCurrentIndex(self._status_items[StatusFilter.ALL].index())
        self.refresh([])

    def status_label(self, status: StatusFilter) -> str:
        return {
            StatusFilter.ALL: self.tr("All"), StatusFilter.DOWNLOADING: self.tr("Downloading"),
            StatusFilter.SEEDING: self.tr("Seeding"), StatusFilter.FINISHED: self.tr("Finished"),
            StatusFilter.ERRORED: self.tr("Errored"),
        }[status]

    def refresh(self, rows: list[Row]) -> None:
        """Counts per group and the list of project folders, from the current rows."""
        for status, item in self._status_items.items():
            n = sum(1 for r in rows if matches(r, status, None, ""))
            item.setText(f"{self.status_label(status)} ({n})")
        per_project = Counter(r.project_dir for r in rows)
        every = self.tr("Every folder")
        self._all_projects.setText(f"{every} ({len(rows)})")
        for folder in sorted(per_project):
            item = self._projects.get(folder)
            if item is None:
                item = QStandardItem()
                item.setData("project", _KIND)
                item.setData(folder, _VALUE)
                item.setToolTip(folder)
                self._projects[folder] = item
                self._project_root.appendRow(item)
            item.setText(f"{Path(folder).name or folder} ({per_project[folder]})")
        for folder in [f for f in self._projects if f not in per_project]:
            item = self._projects.pop(folder)
            self._project_root.removeRow(item.row())

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        kind = current.data(_KIND)
        if kind == "status":
            self.statusChosen.emit(current.data(_VALUE))
        elif kind == "project":
            self.projectChosen.emit(current.data(_VALUE))
