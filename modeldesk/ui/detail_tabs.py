"""Live tabs of the details panel: Files (progress, wanted, priority; changes go to the engine at
once), Peers, Trackers and Mirrors. Rows are updated in place each second, so a selection or an
open menu survives the refresh."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QMenu, QTreeWidget, QTreeWidgetItem

from modeldesk.core.details import HIGH, LOW, NORMAL, SKIP, FileDetail, JobDetails
from modeldesk.core.units import fmt_bytes, fmt_rate

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def priority_label(priority: int) -> str:
    if priority <= SKIP:
        return QCoreApplication.translate("Priority", "Do not download")
    if priority < NORMAL:
        return QCoreApplication.translate("Priority", "Low")
    if priority < HIGH:
        return QCoreApplication.translate("Priority", "Normal")
    return QCoreApplication.translate("Priority", "High")


def health_label(health: str) -> str:
    labels = {
        "ok": QCoreApplication.translate("Health", "OK"),
        "backing off": QCoreApplication.translate("Health", "Backing off"),
        "given up": QCoreApplication.translate("Health", "Given up"),
        "bad data": QCoreApplication.translate("Health", "Sent bad data"),
        "no ranges": QCoreApplication.translate("Health", "No ranges"),
        "refused": QCoreApplication.translate("Health", "Refused"),
    }
    return labels.get(health, health)


def tracker_status_label(status: str) -> str:
    labels = {
        "working": QCoreApplication.translate("Tracker", "Working"),
        "updating": QCoreApplication.translate("Tracker", "Updating…"),
        "not contacted": QCoreApplication.translate("Tracker", "Not contacted yet"),
        "error": QCoreApplication.translate("Tracker", "Not working"),
    }
    return labels.get(status, status)


class _Table(QTreeWidget):
    """A flat, sortable list refreshed in place by key."""

    def __init__(self, headers: list[str], right: set[int], parent=None):
        super().__init__(parent)
        self.setHeaderLabels(headers)
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setSortingEnabled(True)
        self.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self._right = right
        self._items: dict[object, QTreeWidgetItem] = {}

    def set_rows(self, rows: dict[object, list[str]]) -> None:
        self.setSortingEnabled(False)
        for key in [k for k in self._items if k not in rows]:
            self.takeTopLevelItem(self.indexOfTopLevelItem(self._items.pop(key)))
        for key, texts in rows.items():
            item = self._items.get(key)
            if item is None:
                item = self._items[key] = QTreeWidgetItem(self)
                item.setData(0, Qt.ItemDataRole.UserRole, key)
                for col in self._right:
                    item.setTextAlignment(col, RIGHT)
            for col, text in enumerate(texts):
                if item.text(col) != text:
                    item.setText(col, text)
        self.setSortingEnabled(True)

    def item_for(self, key) -> QTreeWidgetItem | None:
        return self._items.get(key)


class FilesTab(_Table):
    """Files with size, progress and priority. Unticking a file or picking a priority from the
    context menu emits prioritiesChanged at once (torrents; HTTP files are read-only)."""

    prioritiesChanged = Signal(object)  # {file index: priority}

    def __init__(self, parent=None):
        super().__init__([self.tr("File"), self.tr("Size"), self.tr("Done"), self.tr("Priority")], {1, 2}, parent)
        self.editable = False
        self._updating = False
        self.setColumnWidth(0, 380)
        self.itemChanged.connect(self._on_item_changed)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)

    def show_files(self, files: tuple[FileDetail, ...], editable: bool) -> None:
        self._updating = True
        try:
            self.editable = editable
            rows = {}
            for f in files:
                pct = f"{100.0 * f.done / f.size:.1f}%" if f.size else "100%"
                rows[f.index] = [f.path, fmt_bytes(f.size), pct, priority_label(f.priority)]
            self.set_rows(rows)
            for f in files:
                item = self.item_for(f.index)
                flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                if editable:
                    flags |= Qt.ItemFlag.ItemIsUserCheckable
                item.setFlags(flags)
                state = Qt.CheckState.Checked if f.priority > SKIP else Qt.CheckState.Unchecked
                if item.checkState(0) != state or item.data(0, Qt.ItemDataRole.CheckStateRole) is None:
                    item.setCheckState(0, state)
        finally:
            self._updating = False

    def _on_item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if self._updating or column != 0 or not self.editable:
            return
        index = item.data(0, Qt.ItemDataRole.UserRole)
        wanted = item.checkState(0) == Qt.CheckState.Checked
        self.prioritiesChanged.emit({index: NORMAL if wanted else SKIP})

    def _menu(self, pos) -> None:
        chosen = [it.data(0, Qt.ItemDataRole.UserRole) for it in self.selectedItems()]
        if not self.editable or not chosen:
            return
        menu = QMenu(self)
        for prio in (SKIP, LOW, NORMAL, HIGH):
            action = QAction(priority_label(prio), menu)
            action.triggered.connect(lambda _c=False, p=prio: self.prioritiesChanged.emit({i: p for i in chosen}))
            menu.addAction(action)
        menu.popup(self.viewport().mapToGlobal(pos))


class PeersTab(_Table):
    def __init__(self, parent=None):
        super().__init__([self.tr("Address"), self.tr("Client"), self.tr("Flags"), self.tr("Progress"),
                          self.tr("Down"), self.tr("Up")], {3, 4, 5}, parent)
        self.setColumnWidth(0, 170)
        self.setColumnWidth(1, 170)

    def show_details(self, d: JobDetails) -> None:
        self.set_rows({p.address: [p.address, p.client, p.flags, f"{p.progress * 100:.0f}%",
                                   fmt_rate(p.down_rate), fmt_rate(p.up_rate)] for p in d.peers})


class TrackersTab(_Table):
    def __init__(self, parent=None):
        super().__init__([self.tr("URL"), self.tr("Tier"), self.tr("Status"), self.tr("Peers"),
                          self.tr("Message")], {1, 3}, parent)
        self.setColumnWidth(0, 320)

    def show_details(self, d: JobDetails) -> None:
        self.set_rows({t.url: [t.url, str(t.tier), tracker_status_label(t.status),
                               str(t.peers) if t.peers >= 0 else "", t.message] for t in d.trackers})


class MirrorsTab(_Table):
    def __init__(self, parent=None):
        super().__init__([self.tr("Mirror"), self.tr("Latency"), self.tr("Speed per connection"),
                          self.tr("Health"), self.tr("Served"), self.tr("Connections")], {1, 2, 4, 5}, parent)
        self.setColumnWidth(0, 260)

    def show_details(self, d: JobDetails) -> None:
        self.set_rows({m.url: [m.url, f"{m.latency_ms} ms", fmt_rate(m.speed), health_label(m.health),
                               fmt_bytes(m.bytes_served), str(m.connections)] for m in d.mirrors})
