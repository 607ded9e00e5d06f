"""What the user can do to the selected jobs: pause, resume, remove, recheck, open the folder, copy
the source or magnet, move to another project folder, set the job's own speed limits. Each action
goes to the bridge and never waits; failures come back as the bridge's actionFailed. A lab server's
job (Settings → Servers) can be paused, resumed and removed, which its server does; the rest acts on
this machine's files and is off for it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox, QStyle, QWidget

from modeldesk.bridge import EngineBridge
from modeldesk.core.contracts.models import JobKind
from modeldesk.ui.error_dialog import show_error
from modeldesk.ui.limits_dialog import LimitsDialog
from modeldesk.ui.remote_rows import job_on_server
from modeldesk.ui.transfer_model import Row


def make_action(owner: QWidget, text: str, icon: QStyle.StandardPixmap | None, slot, shortcut=None) -> QAction:
    action = QAction(text, owner)
    if icon is not None:
        action.setIcon(owner.style().standardIcon(icon))
    if shortcut is not None:
        action.setShortcut(shortcut)
    action.triggered.connect(lambda _checked=False: slot())
    return action


class JobActions(QObject):
    def __init__(self, window: QWidget, bridge: EngineBridge, selected: Callable[[], list[Row]],
                 magnet_of: Callable[[str], str]):
        super().__init__(window)
        self._window, self._bridge = window, bridge
        self._selected = selected
        self._magnet_of = magnet_of  # the live magnet the details panel knows for a job, or ""
        sp = QStyle.StandardPixmap
        a = lambda *args: make_action(window, *args)  # noqa: E731
        self.pause = a(self.tr("Pause"), sp.SP_MediaPause, self.pause_selected)
        self.resume = a(self.tr("Resume"), sp.SP_MediaPlay, self.resume_selected)
        self.remove = a(self.tr("Remove…"), sp.SP_TrashIcon, self.remove_selected, QKeySequence.StandardKey.Delete)
        self.open = a(self.tr("Open folder"), sp.SP_DirOpenIcon, self.open_folder)
        self.copy = a(self.tr("Copy source"), None, self.copy_source)
        self.magnet = a(self.tr("Copy magnet link"), None, self.copy_magnet)
        self.recheck = a(self.tr("Recheck"), sp.SP_BrowserReload, self.recheck_selected)
        self.move = a(self.tr("Move to…"), sp.SP_DirLinkIcon, self.choose_move_target)
        self.limits = a(self.tr("Speed limits…"), None, self.edit_limits)
        self.for_table = (self.pause, self.resume, self.recheck, self.remove, self.open, self.move, self.limits,
                          self.copy, self.magnet)

    def selection_changed(self, rows: list[Row]) -> None:
        remote = any(r.server for r in rows)
        for action in self.for_table:
            action.setEnabled(bool(rows) and (not remote or action in (self.pause, self.resume, self.remove,
                                                                          self.copy)))
        self.magnet.setEnabled(bool(rows) and rows[0].kind is JobKind.BT and not remote)

    def _error(self, message: str) -> None:
        show_error(self._window, self.tr("ModelDesk"), message)

    def _act(self, rows: list[Row], action: str, **local) -> None:
        for r in rows:
            if r.server:
                self._bridge.servers.act(r.server, job_on_server(r), action)
            else:
                getattr(self._bridge, action)(r.job_id, **local)

    def pause_selected(self) -> None:
        self._act(self._selected(), "pause")

    def resume_selected(self) -> None:
        self._act(self._selected(), "resume")

    def recheck_selected(self) -> None:
        for r in self._selected():
            self._bridge.recheck(r.job_id)

    def remove_selected(self) -> None:
        rows = self._selected()
        if not rows:
            return
        what = rows[0].name if len(rows) == 1 else self.tr("%1 jobs").replace("%1", str(len(rows)))
        if any(r.server for r in rows):
            self._remove_remote(rows, what)
            return
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Remove"),
                          self.tr("Remove %1 from ModelDesk?").replace("%1", what), parent=self._window)
        keep = box.addButton(self.tr("Remove, keep files"), QMessageBox.ButtonRole.AcceptRole)
        delete = box.addButton(self.tr("Remove and delete files"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        clicked = box.clickedButton()
        if clicked not in (keep, delete):
            return
        self._act(rows, "remove", delete_files=clicked is delete)

    def _remove_remote(self, rows: list[Row], what: str) -> None:
        """A lab server's jobs leave its list; the server keeps their files (its control API deletes none)."""
        answer = QMessageBox.question(self._window, self.tr("Remove"), self.tr(
            "Remove %1 from the lab server's list? The server keeps the files.").replace("%1", what))
        if answer == QMessageBox.StandardButton.Yes:
            self._act(rows, "remove", delete_files=False)

    def open_folder(self) -> None:
        rows = self._selected()
        if rows:
            QDesktopServices.openUrl(QUrl.fromLocalFile(rows[0].project_dir))

    def copy_source(self) -> None:
        rows = self._selected()
        if rows:
            QGuiApplication.clipboard().setText(rows[0].source)

    def copy_magnet(self) -> None:
        """The live magnet (with its trackers) once the engine has said it; else the saved one."""
        rows = self._selected()
        if not rows or rows[0].kind is not JobKind.BT:
            return
        magnet = self._magnet_of(rows[0].job_id)
        if not magnet and rows[0].source.startswith("magnet:"):
            magnet = rows[0].source
        if magnet:
            QGuiApplication.clipboard().setText(magnet)
        else:
            self._error(self.tr("The magnet link is not known yet; try again in a moment."))

    def choose_move_target(self) -> None:
        rows = self._selected()
        if not rows:
            return
        folder = QFileDialog.getExistingDirectory(self._window, self.tr("Move to project folder"),
                                                  rows[0].project_dir)
        if folder:
            self.move_selected(folder)

    def move_selected(self, folder: str) -> None:
        """Files move on the engine's side; the table shows the new folder when they have."""
        for r in self._selected():
            if r.project_dir != folder:
                self._bridge.move(r.job_id, folder)

    def edit_limits(self) -> LimitsDialog | None:
        rows = self._selected()
        if not rows:
            return None
        what = rows[0].name if len(rows) == 1 else self.tr("%1 jobs").replace("%1", str(len(rows)))
        dialog = LimitsDialog(what, *rows[0].limits, upload=any(r.kind is JobKind.BT for r in rows),
                              parent=self._window)
        dialog.accepted.connect(lambda: self.set_limits([r.job_id for r in rows], *dialog.limits()))
        dialog.show()
        return dialog

    def set_limits(self, job_ids: list[str], down: int, up: int) -> None:
        for job_id in job_ids:
            self._bridge.set_limits(job_id, down, up)
