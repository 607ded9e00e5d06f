"""The tray icon: show/hide, pause and resume all, the seeding thanks board, quit; a tooltip with
current totals; the balloons of ui/notices.py while it is up."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from modeldesk.core.contracts.models import JobState
from modeldesk.core.base.units import fmt_rate
from modeldesk.ui.transfer_model import Row


class Tray(QObject):
    showHideRequested = Signal()
    pauseAllRequested = Signal()
    resumeAllRequested = Signal()
    thanksRequested = Signal()
    altSpeedToggled = Signal(bool)
    quitRequested = Signal()

    def __init__(self, icon: QIcon, parent=None):
        super().__init__(parent)
        self.icon = QSystemTrayIcon(icon, self)
        self.menu = QMenu()
        self.action_show = self._add(self.tr("Show / hide ModelDesk"), self.showHideRequested)
        self.menu.addSeparator()
        self.action_pause = self._add(self.tr("Pause all"), self.pauseAllRequested)
        self.action_resume = self._add(self.tr("Resume all"), self.resumeAllRequested)
        self.action_alt = self.menu.addAction(self.tr("Alternative speed limits"))
        self.action_alt.setCheckable(True)
        self.action_alt.toggled.connect(self.altSpeedToggled.emit)
        self.action_thanks = self._add(self.tr("Thanks board…"), self.thanksRequested)
        self.menu.addSeparator()
        self.action_quit = self._add(self.tr("Quit"), self.quitRequested)
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._on_activated)
        self.icon.setToolTip("ModelDesk")

    def _add(self, text: str, signal) -> QAction:
        action = self.menu.addAction(text)
        action.triggered.connect(signal.emit)
        return action

    def available(self) -> bool:
        return QSystemTrayIcon.isSystemTrayAvailable()

    def show(self) -> None:
        self.icon.show()

    def hide(self) -> None:
        self.icon.hide()

    def visible(self) -> bool:
        return self.icon.isVisible()

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (QSystemTrayIcon.ActivationReason.Trigger, QSystemTrayIcon.ActivationReason.DoubleClick):
            self.showHideRequested.emit()

    def show_alt_speed(self, on: bool, available: bool) -> None:
        self.action_alt.blockSignals(True)
        self.action_alt.setChecked(on)
        self.action_alt.blockSignals(False)
        self.action_alt.setEnabled(available)

    def update_totals(self, rows: list[Row]) -> None:
        down = sum(r.down_rate for r in rows)
        up = sum(r.up_rate for r in rows)
        seeding = sum(1 for r in rows if r.state is JobState.SEEDING)
        downloading = sum(1 for r in rows if r.state is JobState.DOWNLOADING)
        self.icon.setToolTip(self.tr("ModelDesk\n↓ %1  ↑ %2\n%3 downloading, %4 seeding")
                             .replace("%1", fmt_rate(down)).replace("%2", fmt_rate(up))
                             .replace("%3", str(downloading)).replace("%4", str(seeding)))

    def notify(self, title: str, message: str, error: bool = False) -> None:
        if self.icon.isVisible():
            icon = QSystemTrayIcon.MessageIcon.Warning if error else QSystemTrayIcon.MessageIcon.Information
            self.icon.showMessage(title, message, icon, 5000)
