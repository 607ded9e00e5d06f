"""The main window: side filters, the transfer table, details of the selected job, status bar."""

from __future__ import annotations

import base64
import dataclasses

from PySide6.QtCore import QByteArray, QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLineEdit,
    QMainWindow,
    QSplitter,
    QStyle,
    QToolBar,
    QTreeView,
)

from modeldesk.bridge import EngineBridge, Preferences, error_text
from modeldesk.core.contracts.models import FileEntry, JobState
from modeldesk.ui.dialogs import Dialogs
from modeldesk.ui.empty_hint import EmptyHint
from modeldesk.ui.job_actions import JobActions, make_action
from modeldesk.ui.mime_sources import Dropped, dropped
from modeldesk.ui.details import DetailsPanel
from modeldesk.ui.error_dialog import show_error
from modeldesk.ui.remote_rows import remote_row, row_id
from modeldesk.ui.progress_delegate import ElideRightDelegate, ProgressDelegate
from modeldesk.ui.side_filters import SideFilters
from modeldesk.ui.speed_graph import RateHistory
from modeldesk.ui.status_bar import StatusBar
from modeldesk.ui.transfer_filter import StatusFilter, TransferFilter
from modeldesk.ui.transfer_model import JOB_ROLE, Col, Row, TransferModel

class MainWindow(QMainWindow):
    quitRequested = Signal()
    windowHidden = Signal()  # closed to the tray; the engines keep running

    def __init__(self, bridge: EngineBridge, prefs: Preferences, parent=None):
        super().__init__(parent)
        self.bridge = bridge
        self.prefs = prefs
        self.tray = None  # set by the app when a tray host exists
        self._files: dict[str, tuple[FileEntry, ...]] = {}
        self._histories: dict[str, RateHistory] = {}
        self._total_history = RateHistory()
        self.dialogs = Dialogs(self, bridge, prefs, self.selected_rows, self.bring_forward, self._apply_settings)
        self._dragged = Dropped([], [])  # what the drag under way carries
        self._free_space: int | None = None
        self._lock_check = None  # the lock check under way (a Future)
        self.setWindowTitle("ModelDesk")
        self.setAcceptDrops(True)
        self.resize(1180, 720)

        self.model = TransferModel(self)
        self.proxy = TransferFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = self._make_table()

        self.side = SideFilters()
        self.side.statusChosen.connect(self._on_status_chosen)
        self.side.projectChosen.connect(self._on_project_chosen)
        self.side.serverChosen.connect(self._on_server_chosen)
        self.details = DetailsPanel()
        self.details.bind(bridge)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Filter by name"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.set_text)

        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.table)
        right.addWidget(self.details)
        right.setSizes([440, 260])
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.side)
        self.splitter.addWidget(right)
        self.splitter.setSizes([170, 1010])
        self.setCentralWidget(self.splitter)

        self._make_actions()
        self._make_status_bar()
        self._connect_bridge()
        self.watch_servers(prefs.get().remote_servers)
        self._restore_layout()
        self._start_timers()

    # ---- building ----------------------------------------------------------------------
    def _make_table(self) -> QTreeView:
        """The transfer table over the filtered model: sortable, several rows selectable."""
        table = QTreeView()
        table.setObjectName("transfers")
        table.setModel(self.proxy)
        table.setRootIsDecorated(False)
        table.setUniformRowHeights(True)
        table.setSortingEnabled(True)
        table.setAlternatingRowColors(True)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setItemDelegateForColumn(Col.PROGRESS, ProgressDelegate(table))
        table.setItemDelegateForColumn(Col.STATE, ElideRightDelegate(table))
        table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        widths = {Col.NAME: 210, Col.PROJECT: 135, Col.KIND: 85, Col.SIZE: 80, Col.PROGRESS: 110, Col.STATE: 95,
                  Col.DOWN: 85, Col.UP: 80, Col.ETA: 85, Col.PEERS: 95, Col.RATIO: 50, Col.UPLOADED: 80}
        for col, width in widths.items():
            table.setColumnWidth(col, width)
        table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        table.doubleClicked.connect(lambda _i: self.jobs.open_folder())
        self.empty_hint = EmptyHint(table, self.model)  # first run: how to add a model
        return table

    def _start_timers(self) -> None:
        """Free space every 10 s (and now); the project folders against their locks every 30 s."""
        self._free_timer = QTimer(self, interval=10_000)
        self._free_timer.timeout.connect(self._query_free_space)
        self._free_timer.start()
        self._query_free_space()
        self._lock_timer = QTimer(self, interval=30_000)
        self._lock_timer.timeout.connect(self.check_locks)
        self._lock_timer.start()

    def _make_actions(self) -> None:
        sp = QStyle.StandardPixmap
        a = lambda *args: make_action(self, *args)  # noqa: E731
        self.jobs = JobActions(self, self.bridge, self.selected_rows,
                               lambda job_id: self.details.magnet if self.details.job_id == job_id else "")
        self.act_add = a(self.tr("Add…"), sp.SP_FileDialogNewFolder, self.dialogs.show_add,
                         QKeySequence.StandardKey.Open)
        self.act_publish = a(self.tr("Publish…"), sp.SP_ArrowUp, self.dialogs.publish_selected)
        self.act_publish.setToolTip(self.tr("Share a model folder, or the selected finished download, as a torrent"))
        self.act_paste = a(self.tr("Add from clipboard"), None, self.dialogs.paste_source,
                           QKeySequence.StandardKey.Paste)
        self.act_settings = a(self.tr("Settings…"), sp.SP_FileDialogDetailedView, self.dialogs.show_settings,
                              QKeySequence.StandardKey.Preferences)
        self.act_close = a(self.tr("Close window"), None, self.close, QKeySequence.StandardKey.Close)
        self.act_quit = a(self.tr("Quit"), None, self.quitRequested.emit, QKeySequence.StandardKey.Quit)
        bar = QToolBar(self.tr("Actions"))
        bar.setObjectName("actions")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        j = self.jobs
        for action in (self.act_add, self.act_publish, j.pause, j.resume, j.remove, j.open):
            bar.addAction(action)
        bar.addSeparator()
        bar.addAction(self.act_settings)
        bar.addWidget(self.search)
        self.addToolBar(bar)
        for action in j.for_table:
            self.table.addAction(action)
        self.table.addAction(self.act_publish)
        self.addAction(self.act_paste)
        self.addAction(self.act_quit)
        self.addAction(self.act_close)
        self._selection_changed()

    def _make_status_bar(self) -> None:
        self.status = StatusBar(self)
        self.setStatusBar(self.status)
        self.status.altSpeedToggled.connect(self.set_alt_speed)
        self._show_alt_speed()
        self._update_status([])
        if self.bridge.dht_nodes is not None:
            self._on_dht_nodes(self.bridge.dht_nodes)

    def _connect_bridge(self) -> None:
        b = self.bridge
        b.jobsUpdated.connect(self._on_snapshots)
        b.entryLoaded.connect(lambda entry: self._on_entries([entry]))
        b.entriesLoaded.connect(self._on_entries)
        b.metadataReceived.connect(self._on_metadata)
        b.jobFinished.connect(self._on_finished)
        b.jobFailed.connect(self._on_failed)
        b.jobPaused.connect(lambda job_id: self.model.set_state(job_id, JobState.PAUSED))
        b.jobRemoved.connect(self._on_removed)
        b.actionFailed.connect(self._on_action_failed)
        b.listening.connect(lambda addr, port: self.status.show_port(port))
        b.freeSpace.connect(self._on_free_space)
        b.dhtNodes.connect(self._on_dht_nodes)
        b.jobMoved.connect(self._on_moved)
        b.limitsSet.connect(lambda job_id, down, up: self.model.change(job_id, limits=(down, up)))
        b.filePlaced.connect(lambda job_id, path, mode: self.status.show_placed(path, mode))
        b.jobNote.connect(lambda job_id, text: self.status.showMessage(text, 20_000))
        b.lockStatus.connect(self.side.set_lock_status)
        b.servers.jobsChanged.connect(self._on_remote_jobs)

    # ---- engine events -----------------------------------------------------------------
    def _on_entries(self, entries) -> None:
        self.model.set_entries(entries)
        for e in entries:
            if e.files:
                self._files.setdefault(e.job_id, e.files)
        self._after_change()

    def _on_snapshots(self, snapshots) -> None:
        self.model.apply_snapshots(snapshots)
        for s in snapshots:
            self._histories.setdefault(s.job_id, RateHistory()).add(s.down_rate, s.up_rate, s.mirror_rate)
        rows = [r for r in self.model.rows() if not r.server]
        self._total_history.add(sum(r.down_rate for r in rows), sum(r.up_rate for r in rows),
                                sum(r.mirror_rate for r in rows))
        self._after_change()

    def _on_metadata(self, event) -> None:
        self._files[event.job_id] = event.files
        if self.current_job() == event.job_id:
            self._selection_changed()

    def _on_finished(self, job_id: str) -> None:
        # An HTTP job sends no snapshot after its last bytes: its last rate would stay in the totals.
        self.model.change(job_id, down_rate=0, mirror_rate=0)
        self._update_status(self.model.rows())
        self.check_locks()  # the notification is ui/notices.py's

    def _on_failed(self, job_id: str, reason: str) -> None:
        self.model.set_state(job_id, JobState.ERROR, reason)
        self._after_change()

    def _on_removed(self, job_id: str) -> None:
        self.model.remove(job_id)
        self._files.pop(job_id, None)
        self._histories.pop(job_id, None)
        self._after_change()

    def _on_remote_jobs(self, update) -> None:
        """A lab server's jobs that changed (core.serve.remote.RemoteJobs), or why it does not answer."""
        if update.url not in self.bridge.servers.urls:
            return  # detached meanwhile
        self.side.set_server_error(update.url, error_text(update.error) if update.error else "")
        if update.error is None:
            self.model.apply_remote(update.url, [remote_row(update.url, j) for j in update.jobs],
                                    [row_id(update.url, i) for i in update.removed], update.full)
            self._after_change()

    def watch_servers(self, urls: tuple[str, ...]) -> None:
        """Attach to these lab servers (Settings → Servers) and drop the rows of any other."""
        for gone in [u for u in self.bridge.servers.urls if u not in urls]:
            self.model.apply_remote(gone, [], [], full=True)
        self.bridge.servers.watch(urls)
        self.side.set_servers(self.bridge.servers.urls)
        self._after_change()

    def _on_dht_nodes(self, nodes: int) -> None:
        self.status.show_dht(nodes, self.prefs.get().torrent.enable_dht)

    def _on_moved(self, job_id: str, folder: str) -> None:
        self.model.change(job_id, project_dir=folder)
        self.prefs.remember_folder(folder)
        self._after_change()


    def _on_action_failed(self, what: str, message: str) -> None:
        show_error(self, self.tr("ModelDesk"), message)

    def check_locks(self) -> None:
        """Each project folder against its modeldesk.lock, on a worker; one check at a time."""
        if self._lock_check is None or self._lock_check.done():
            self._lock_check = self.bridge.check_locks(self.side.folders())

    def _after_change(self, rows: list[Row] | None = None) -> None:
        rows = self.model.rows() if rows is None else rows
        if self.side.refresh(rows):  # a folder new to the panel: is its project's lock met?
            self.check_locks()
        local = [r for r in rows if not r.server]  # a lab server's rates are not this machine's
        self._update_status(local)
        if self.tray is not None:
            self.tray.update_totals(local)
        job = self.current_job()
        if job is not None:
            self.details.general.show_row(self.model.row(job))
            self.details.speed.update()

    def _update_status(self, rows: list[Row]) -> None:
        self.status.show_rates(sum(r.down_rate for r in rows), sum(r.up_rate for r in rows))

    def _query_free_space(self) -> None:
        folder = self.prefs.get().default_project_dir
        if folder:
            self.bridge.query_free_space(folder)

    def _on_free_space(self, folder: str, free) -> None:
        if folder == self.prefs.get().default_project_dir and free is not None:
            self.status.show_free(folder, free)

    # ---- selection and filters ---------------------------------------------------------
    def selected_rows(self) -> list[Row]:
        rows = []
        for index in self.table.selectionModel().selectedRows():
            row = index.data(JOB_ROLE)
            if row is not None:
                rows.append(self.model.row(row.job_id) or row)
        return rows

    def current_job(self) -> str | None:
        rows = self.selected_rows()
        return rows[0].job_id if rows else None

    def select_job(self, job_id: str) -> None:
        for r in range(self.proxy.rowCount()):
            index = self.proxy.index(r, 0)
            if index.data(JOB_ROLE).job_id == job_id:
                flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
                self.table.selectionModel().select(index, flags)
                return

    def _selection_changed(self) -> None:
        rows = self.selected_rows()
        self.jobs.selection_changed(rows)
        if not rows:
            self.details.show_job(None, (), self._total_history)
            return
        r = rows[0]
        self.details.show_job(r, self._files.get(r.job_id, ()), self._histories.get(r.job_id))

    def _on_status_chosen(self, status: StatusFilter) -> None:
        self.proxy.set_project(None)
        self.proxy.set_status(status)

    def _on_project_chosen(self, folder: str | None) -> None:
        self.proxy.set_status(StatusFilter.ALL)
        self.proxy.set_project(folder)

    def _on_server_chosen(self, url: str) -> None:
        self.proxy.set_status(StatusFilter.ALL)
        self.proxy.set_server(url)

    # ---- user actions --------------------------------------------------------------------
    def bring_forward(self) -> None:
        self.show()
        self.setWindowState(self.windowState() & ~Qt.WindowState.WindowMinimized)
        self.raise_()
        self.activateWindow()

    def _apply_settings(self, settings, proxy_password: str | None = None) -> None:
        self.prefs.set(settings)
        self.bridge.apply_settings(settings, proxy_password)
        self.watch_servers(settings.remote_servers)
        self._query_free_space()
        self._show_alt_speed()

    def pause_all(self) -> None:
        for r in self.model.rows():
            if not r.server and r.state in (JobState.DOWNLOADING, JobState.SEEDING, JobState.METADATA, JobState.QUEUED):
                self.bridge.pause(r.job_id)

    def resume_all(self) -> None:
        for r in self.model.rows():
            if not r.server and r.state is JobState.PAUSED:
                self.bridge.resume(r.job_id)

    def copy_magnet(self) -> None:
        self.jobs.copy_magnet()

    def name_of(self, job_id: str) -> str:
        row = self.model.row(job_id)
        return row.name if row is not None else job_id[:16]

    def set_tray(self, tray) -> None:
        self.tray = tray
        tray.altSpeedToggled.connect(self.set_alt_speed)
        self._show_alt_speed()

    def set_alt_speed(self, on: bool) -> None:
        """The alternative limits on or off (status bar, tray); applied live and remembered."""
        settings = self.prefs.get()
        if settings.torrent.alt_speed_on == on:
            return
        self._apply_settings(dataclasses.replace(settings, torrent=dataclasses.replace(settings.torrent,
                                                                                       alt_speed_on=on)))

    def _show_alt_speed(self) -> None:
        t = self.prefs.get().torrent
        self.status.show_alt_speed(t)
        if self.tray is not None:
            self.tray.show_alt_speed(t.alt_speed_on, t.has_alt_limits)

    # ---- drag and drop -----------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        # Read now: over X11 some drag sources (Qt's own, driven by synthetic input) cannot hand
        # the data over a second time when it is dropped.
        self._dragged = dropped(event.mimeData())
        if self._dragged.sources or self._dragged.folders:
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:
        event.acceptProposedAction()

    def dragLeaveEvent(self, event) -> None:
        self._dragged = Dropped([], [])

    def dropEvent(self, event: QDropEvent) -> None:
        sources, folders = dropped(event.mimeData())
        if not sources and not folders:
            sources, folders = self._dragged
        self._dragged = Dropped([], [])
        if sources or folders:
            event.acceptProposedAction()
        if folders:
            self.bring_forward()
            for folder in folders:
                self.dialogs.show_publish(folder)
        if sources:
            self.dialogs.add_sources(sources)

    # ---- layout and closing ------------------------------------------------------------
    def _restore_layout(self) -> None:
        ui = self.prefs.get().ui
        if ui.window_state:
            self.restoreGeometry(QByteArray(base64.b64decode(ui.window_state)))
        if ui.table_state:
            self.table.header().restoreState(QByteArray(base64.b64decode(ui.table_state)))

    def save_layout(self) -> None:
        self.prefs.update_ui(window_state=base64.b64encode(bytes(self.saveGeometry().data())).decode(),
                             table_state=base64.b64encode(bytes(self.table.header().saveState().data())).decode())

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        if self.tray is not None and self.tray.available():
            event.ignore()
            self.hide()
            self.windowHidden.emit()
            if not self.prefs.get().ui.tray_notice_shown:
                self.tray.notify(self.tr("ModelDesk keeps seeding"),
                                 self.tr("ModelDesk is still running in the tray and keeps sharing your models. "
                                         "Use Quit in the tray menu to stop it."))
                self.prefs.update_ui(tray_notice_shown=True)
            return
        event.ignore()
        self.quitRequested.emit()
