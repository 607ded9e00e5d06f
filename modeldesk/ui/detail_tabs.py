"""Live tabs of the details panel: Files (progress, wanted, priority; changes go to the engine at
once), Peers, Trackers and Mirrors. Rows are updated in place each second, so a selection or an
open menu survives the refresh."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QMenu, QTreeWidget, QTreeWidgetItem

from modeldesk.core.contracts.details import HIGH, LOW, NORMAL, SKIP, FileDetail, JobDetails
from modeldesk.core.base.units import fmt_bytes, fmt_rate

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


def _set_up(view: QTreeWidget, headers: list[str]) -> None:
    """What every details list shares: headers, sorting by the first column, several rows selectable."""
    view.setHeaderLabels(headers)
    view.setUniformRowHeights(True)
    view.setAlternatingRowColors(True)
    view.setSortingEnabled(True)
    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)


class _Table(QTreeWidget):
    """A flat, sortable list refreshed in place by key."""

    def __init__(self, headers: list[str], right: set[int], parent=None):
        super().__init__(parent)
        _set_up(self, headers)
        self.setRootIsDecorated(False)
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


PATH_ROLE = Qt.ItemDataRole.UserRole + 1  # a file's or folder's path in the job


ALL_LEVELS = (SKIP, LOW, NORMAL, HIGH)
HTTP_LEVELS = (SKIP, NORMAL)  # a hub repo's files are fetched in listing order: only in or out


class FilesTab(QTreeWidget):
    """The job's files as a folder tree with size, progress and priority. Ticking a file or a
    folder, or picking a priority from the context menu, emits prioritiesChanged at once
    (torrents with four levels; a hub repo's files are downloaded or skipped; a plain URL's file is
    read-only). Folders add up their files and show a partly ticked box
    when only some are wanted. Items are updated in place, so expansion and selection survive."""

    prioritiesChanged = Signal(object)  # {file index: priority}

    def __init__(self, parent=None):
        super().__init__(parent)
        _set_up(self, [self.tr("File"), self.tr("Size"), self.tr("Done"), self.tr("Priority")])
        self.setColumnWidth(0, 380)
        self.editable = False
        self.levels: tuple[int, ...] = ALL_LEVELS  # the priorities the context menu offers
        self._updating = False
        self._shape: tuple = ()  # (index, path) of every file shown: another job or list rebuilds the tree
        self._files: dict[int, QTreeWidgetItem] = {}
        self._paths: dict[str, QTreeWidgetItem] = {}  # files and folders by their path in the job
        self._under: dict[str, list[int]] = {}  # folder path → indices of every file below it
        self.itemChanged.connect(self._on_item_changed)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)

    def item_for(self, path: str) -> QTreeWidgetItem | None:
        """The item of a file or folder by its path in the job."""
        return self._paths.get(path)

    def _item(self, path: str) -> QTreeWidgetItem:
        """The row of a path, made (with its folders) if new."""
        item = self._paths.get(path)
        if item is None:
            parent, _, name = path.rpartition("/")
            item = QTreeWidgetItem(self._item(parent) if parent else self, [name])
            item.setData(0, PATH_ROLE, path)
            for col in (1, 2):
                item.setTextAlignment(col, RIGHT)
            self._paths[path] = item
        return item

    def _build(self, files: tuple[FileDetail, ...]) -> None:
        self.clear()
        self._files, self._paths, self._under = {}, {}, {}
        for f in files:
            item = self._files[f.index] = self._item(f.path)
            item.setData(0, Qt.ItemDataRole.UserRole, f.index)
            parent = f.path.rpartition("/")[0]
            while parent:
                self._under.setdefault(parent, []).append(f.index)
                parent = parent.rpartition("/")[0]
        self.expandAll()

    def show_files(self, files: tuple[FileDetail, ...], editable: bool, levels: tuple[int, ...] = ALL_LEVELS) -> None:
        self._updating = True
        self.setSortingEnabled(False)
        try:
            self.editable, self.levels = editable, levels
            shape = tuple((f.index, f.path) for f in files)
            if shape != self._shape:
                self._shape = shape
                self._build(files)
            flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
            if editable:
                flags |= Qt.ItemFlag.ItemIsUserCheckable
            by_index = {f.index: f for f in files}
            for f in files:
                self._show(self._files[f.index], flags, f.size, f.done, {f.priority})
            for path, indices in self._under.items():
                members = [by_index[i] for i in indices]
                self._show(self._paths[path], flags, sum(m.size for m in members), sum(m.done for m in members),
                           {m.priority for m in members})
        finally:
            self.setSortingEnabled(True)
            self._updating = False

    @staticmethod
    def _show(item: QTreeWidgetItem, flags, size: int, done: int, priorities: set[int]) -> None:
        """One row: a file (one priority) or a folder (the priorities of the files below it)."""
        label = (priority_label(next(iter(priorities))) if len(priorities) == 1
                 else QCoreApplication.translate("Priority", "Mixed"))
        texts = [fmt_bytes(size), f"{100.0 * done / size:.1f}%" if size else "100%", label]
        for col, text in enumerate(texts, 1):
            if item.text(col) != text:
                item.setText(col, text)
        if item.flags() != flags:
            item.setFlags(flags)
        wanted = {p > SKIP for p in priorities}
        state = (Qt.CheckState.PartiallyChecked if len(wanted) > 1
                 else Qt.CheckState.Checked if True in wanted else Qt.CheckState.Unchecked)
        if item.data(0, Qt.ItemDataRole.CheckStateRole) is None or item.checkState(0) != state:
            item.setCheckState(0, state)

    def _indices(self, item: QTreeWidgetItem) -> list[int]:
        index = item.data(0, Qt.ItemDataRole.UserRole)
        return [index] if index is not None else list(self._under.get(item.data(0, PATH_ROLE), ()))

    def _on_item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if self._updating or column != 0 or not self.editable:
            return
        state = item.checkState(0)
        if state == Qt.CheckState.PartiallyChecked:
            return
        prio = NORMAL if state == Qt.CheckState.Checked else SKIP
        self.prioritiesChanged.emit({i: prio for i in self._indices(item)})

    def _menu(self, pos) -> None:
        chosen = sorted({i for it in self.selectedItems() for i in self._indices(it)})
        if self.editable and chosen:
            self.priority_menu(chosen).popup(self.viewport().mapToGlobal(pos))

    def priority_menu(self, chosen: list[int]) -> QMenu:
        menu = QMenu(self)
        for prio in self.levels:
            action = QAction(priority_label(prio), menu)
            action.triggered.connect(lambda _c=False, p=prio: self.prioritiesChanged.emit({i: p for i in chosen}))
            menu.addAction(action)
        return menu


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
