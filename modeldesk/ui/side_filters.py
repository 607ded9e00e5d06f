"""The side panel: status groups with counts, one entry per project folder of this machine, marked
when the folder's project has a modeldesk.lock: matches it, or not; then the lab servers the app is
attached to, each with its job count, marked when it does not answer."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QStyle, QTreeView

from modeldesk.core.projects.lock_status import LockStatus

from modeldesk.ui.transfer_filter import StatusFilter, matches
from modeldesk.ui.transfer_model import Row, server_label

_KIND = Qt.ItemDataRole.UserRole + 1
_VALUE = Qt.ItemDataRole.UserRole + 2
_LOCK = Qt.ItemDataRole.UserRole + 3
_ERROR = Qt.ItemDataRole.UserRole + 4  # why a lab server does not answer


class SideFilters(QTreeView):
    statusChosen = Signal(object)  # StatusFilter
    projectChosen = Signal(object)  # folder, or None for every folder
    serverChosen = Signal(str)  # a lab server's URL

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setRootIsDecorated(False)
        self._model = QStandardItemModel(self)
        self.setModel(self._model)
        self._status_root = QStandardItem(self.tr("Status"))
        self._project_root = QStandardItem(self.tr("Project folders"))
        self._server_root = QStandardItem(self.tr("Lab servers"))
        for root in (self._status_root, self._project_root, self._server_root):
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
        self._servers: dict[str, QStandardItem] = {}
        self.setRowHidden(self._server_root.row(), QModelIndex(), True)
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

    def refresh(self, rows: list[Row]) -> list[str]:
        """Counts per group and the list of project folders, from the current rows; the folders new
        to the list."""
        for status, item in self._status_items.items():
            n = sum(1 for r in rows if matches(r, status, None, ""))
            item.setText(f"{self.status_label(status)} ({n})")
        per_server = Counter(r.server for r in rows)
        for url, item in self._servers.items():
            item.setText(f"{server_label(url)} ({per_server[url]})")
        per_project = Counter(r.project_dir for r in rows if not r.server)
        every = self.tr("Every folder")
        self._all_projects.setText(f"{every} ({per_server['']})")
        added = []
        for folder in sorted(per_project):
            item = self._projects.get(folder)
            if item is None:
                added.append(folder)
                item = QStandardItem()
                item.setData("project", _KIND)
                item.setData(folder, _VALUE)
                item.setToolTip(folder)
                item.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_DirIcon))
                self._projects[folder] = item
                self._project_root.appendRow(item)
            item.setText(f"{Path(folder).name or folder} ({per_project[folder]})")
        for folder in [f for f in self._projects if f not in per_project]:
            item = self._projects.pop(folder)
            self._project_root.removeRow(item.row())
        return added

    def set_servers(self, urls: tuple[str, ...]) -> None:
        """The lab servers the app is attached to (Settings → Servers), in that order."""
        for url in [u for u in self._servers if u not in urls]:
            self._server_root.removeRow(self._servers.pop(url).row())
        for url in urls:
            if url not in self._servers:
                item = self._servers[url] = QStandardItem(server_label(url))
                item.setData("server", _KIND)
                item.setData(url, _VALUE)
                self._server_root.appendRow(item)
                self.set_server_error(url, "")
        self.setRowHidden(self._server_root.row(), QModelIndex(), not urls)
        self.expand(self._server_root.index())

    def set_server_error(self, url: str, error: str) -> None:
        """Why the server does not answer (shown on hover, with a warning mark), or "" when it does."""
        item = self._servers.get(url)
        if item is None:
            return
        sp = QStyle.StandardPixmap
        item.setIcon(self.style().standardIcon(sp.SP_MessageBoxWarning if error else sp.SP_DriveNetIcon))
        item.setToolTip(f"{url}\n{error}" if error else url)
        item.setData(error or None, _ERROR)

    def server_error(self, url: str) -> str:
        item = self._servers.get(url)
        return (item.data(_ERROR) or "") if item is not None else ""

    def folders(self) -> list[str]:
        return list(self._projects)

    def set_lock_status(self, folder: str, status: LockStatus | None) -> None:
        """A mark on the folder: matches its project's modeldesk.lock, or not (what differs in the tip)."""
        item = self._projects.get(folder)
        if item is None:
            return
        sp = QStyle.StandardPixmap
        if status is None:
            item.setIcon(self.style().standardIcon(sp.SP_DirIcon))
            item.setToolTip(folder)
            item.setData(None, _LOCK)
            return
        lock = str(status.lock)
        if status.error:
            icon, tip = sp.SP_MessageBoxCritical, self.tr("%1 cannot be checked: %2").replace("%1", lock) \
                .replace("%2", status.error)
        elif status.clean:
            icon, tip = sp.SP_DialogApplyButton, self.tr("Matches %1 (%2 files)").replace("%1", lock) \
                .replace("%2", str(status.ok))
        else:
            shown = [*status.missing, *status.differs][:8]
            tip = (self.tr("Does not match %1: %2 missing, %3 differ").replace("%1", lock)
                   .replace("%2", str(len(status.missing))).replace("%3", str(len(status.differs)))
                   + "\n" + "\n".join(shown) + "\n" + self.tr("Run `modeldesk sync` in the project to repair it."))
            icon = sp.SP_MessageBoxWarning
        item.setIcon(self.style().standardIcon(icon))
        item.setToolTip(f"{folder}\n{tip}")
        item.setData("clean" if status.clean else "differs", _LOCK)

    def lock_state(self, folder: str) -> str | None:
        """"clean", "differs" or None (no lock, or not checked yet): what the mark says."""
        item = self._projects.get(folder)
        return item.data(_LOCK) if item is not None else None

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        kind = current.data(_KIND)
        if kind == "status":
            self.statusChosen.emit(StatusFilter(current.data(_VALUE)))  # Qt hands the StrEnum back as a str
        elif kind == "project":
            self.projectChosen.emit(current.data(_VALUE))
        elif kind == "server":
            self.serverChosen.emit(current.data(_VALUE))
