"""The dialogs the main window opens: add (from the menu, a drop, the clipboard, a second launch),
settings and publish. Several add and publish dialogs may be open at once; each is kept referenced
until it closes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from modeldesk.bridge import EngineBridge, Preferences
from modeldesk.core.contracts.models import JobKind
from modeldesk.ui.add_dialog import AddDialog
from modeldesk.ui.mime_sources import sources_from_mime
from modeldesk.ui.publish_dialog import PublishDialog
from modeldesk.ui.settings_dialog import SettingsDialog
from modeldesk.ui.transfer_model import Row


class Dialogs:
    def __init__(self, window: QWidget, bridge: EngineBridge, prefs: Preferences,
                 selected_rows: Callable[[], list[Row]], bring_forward: Callable[[], None],
                 apply_settings: Callable[..., None]) -> None:
        self._window, self._bridge, self._prefs = window, bridge, prefs
        self._selected_rows, self._bring_forward, self._apply_settings = selected_rows, bring_forward, apply_settings
        self.open: list[AddDialog | PublishDialog] = []

    def show_add(self, source: str = "") -> AddDialog:
        prefs = self._prefs.get()
        folders = list(dict.fromkeys(f for f in (prefs.default_project_dir, *prefs.recent_project_dirs) if f))
        if not folders:
            folders = [str(Path.home() / "models")]
        dialog = AddDialog(self._bridge, folders, source, parent=self._window,
                           known_mirrors=self._bridge.hub_mirrors(), servers=self._bridge.servers.urls)
        dialog.accepted.connect(lambda: self._add_from(dialog))
        self._keep_shown(dialog)
        dialog.activateWindow()
        return dialog

    def add_sources(self, sources: list[str]) -> None:
        """Sources from the command line, a second launch, a drop or the clipboard."""
        self._bring_forward()
        for s in sources:
            self.show_add(s)
        if not sources:
            self.show_add()

    def paste_source(self) -> None:
        sources = sources_from_mime(QGuiApplication.clipboard().mimeData())
        if sources:
            self.add_sources(sources[:1])

    def show_settings(self) -> SettingsDialog:
        dialog = SettingsDialog(self._prefs.get(), self._bridge, self._window)
        dialog.accepted.connect(lambda: self._apply_settings(dialog.result_settings(), dialog.proxy.new_password()))
        dialog.show()
        return dialog

    def publish_selected(self) -> PublishDialog:
        """A finished hub or URL download publishes its folder; otherwise the dialog asks for one."""
        rows = self._selected_rows()
        row = rows[0] if len(rows) == 1 else None
        if row is not None and row.kind is JobKind.HTTP and row.progress >= 1.0:
            return self.show_publish(row.job_id)
        return self.show_publish("")

    def show_publish(self, source: str) -> PublishDialog:
        dialog = PublishDialog(self._bridge, source, self._prefs.get().http.hub_mirrors, parent=self._window)
        self._keep_shown(dialog)
        return dialog

    def _keep_shown(self, dialog: AddDialog | PublishDialog) -> None:
        """Shown, raised, and referenced until it closes."""
        dialog.finished.connect(lambda _r: self.open.remove(dialog) if dialog in self.open else None)
        self.open.append(dialog)
        dialog.show()
        dialog.raise_()

    def _add_from(self, dialog: AddDialog) -> None:
        choice = dialog.choice()
        if choice.server:  # the lab server downloads it, below its project root
            self._bridge.servers.add(choice.server, choice.source, choice.project_dir, choice.selection.include,
                                     choice.selection.exclude, choice.seed)
            return
        self._prefs.remember_folder(choice.project_dir)
        self._bridge.add_source(choice.source, choice.project_dir, choice.selection, choice.seed, choice.mirrors,
                                resolved=choice.resolved, hub_cache=choice.hub_cache, urls=choice.urls,
                                sha256=choice.sha256)
