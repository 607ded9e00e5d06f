"""Publish a model folder (or a finished job) as a torrent: the options, hashing progress, then the
magnet with a copy button and where the .torrent went. Hashing runs on the bridge's workers."""

from __future__ import annotations

import itertools
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from modeldesk.bridge import EngineBridge, error_text
from modeldesk.core.base.errors import ModelDeskError
from modeldesk.core.publish.publish_flow import PublishOptions, Published
from modeldesk.core.base.units import fmt_bytes

_numbers = itertools.count(1)


def _lines(box: QPlainTextEdit) -> tuple[str, ...]:
    return tuple(line.strip() for line in box.toPlainText().splitlines() if line.strip())


def _beside(widget: QWidget, button: QPushButton) -> QHBoxLayout:
    """A row: the widget stretched, its button at the end."""
    row = QHBoxLayout()
    row.addWidget(widget, 1)
    row.addWidget(button)
    return row


class PublishDialog(QDialog):
    def __init__(self, bridge: EngineBridge, source: str = "", mirrors: tuple[str, ...] = (), parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Publish as torrent"))
        self.resize(640, 0)
        self._bridge = bridge
        self._number = 0
        self.published: Published | None = None
        layout = QVBoxLayout(self)
        self.form = QWidget()
        self.form.setLayout(self._make_form(source, mirrors))
        layout.addWidget(self.form)
        self.progress = QProgressBar()
        self.progress.setFormat(self.tr("Hashing… %p%"))
        self.progress.hide()
        layout.addWidget(self.progress)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e")
        self.error.hide()
        layout.addWidget(self.error)
        self.result_box = self._make_result()
        self.result_box.hide()
        layout.addWidget(self.result_box)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.publish_button = self.buttons.addButton(self.tr("Publish"), QDialogButtonBox.ButtonRole.ActionRole)
        self.publish_button.setDefault(True)
        self.publish_button.clicked.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        bridge.publishProgress.connect(self._on_progress)
        bridge.publishReady.connect(self._on_ready)

    def _make_form(self, source: str, mirrors: tuple[str, ...]) -> QFormLayout:
        form = QFormLayout()
        self.source = QLineEdit(source)
        self.source.setPlaceholderText(self.tr("A model folder"))
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._choose_folder)
        form.addRow(self.tr("Model:"), _beside(self.source, browse))
        self.web_seeds = QPlainTextEdit("\n".join(mirrors))
        self.web_seeds.setPlaceholderText("https://hf-mirror.com")
        self.web_seeds.setToolTip(self.tr("Mirrors that serve these files. For a model downloaded from a hub, "
                                          "an HF-compatible endpoint; otherwise the URL of the folder."))
        self.web_seeds.setFixedHeight(64)
        form.addRow(self.tr("Web seeds, one per line:"), self.web_seeds)
        self.trackers = QPlainTextEdit()
        self.trackers.setPlaceholderText("udp://tracker.example.org:6969/announce")
        self.trackers.setFixedHeight(52)
        form.addRow(self.tr("Trackers, one per line:"), self.trackers)
        self.comment = QLineEdit()
        form.addRow(self.tr("Comment:"), self.comment)
        self.private = QCheckBox(self.tr("Private (peers from the trackers only: no DHT, LAN discovery or PEX)"))
        self.v1_only = QCheckBox(self.tr("BitTorrent v1 only (for Transmission 3 and other clients without v2)"))
        self.include_hidden = QCheckBox(self.tr("Include hidden files and folders (keys and passwords are "
                                                "never published)"))
        self.seed = QCheckBox(self.tr("Seed it now"))
        self.seed.setChecked(True)
        for box in (self.private, self.v1_only, self.include_hidden, self.seed):
            form.addRow("", box)
        self.out = QLineEdit()
        self.out.setPlaceholderText(self.tr("Beside the model folder"))
        form.addRow(self.tr("Save the .torrent to:"), self.out)
        return form

    def _make_result(self) -> QGroupBox:
        box = QGroupBox(self.tr("Published"))
        form = QFormLayout(box)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        form.addRow(self.summary)
        self.magnet = QLineEdit()
        self.magnet.setReadOnly(True)
        self.copy_button = QPushButton(self.tr("Copy"))
        self.copy_button.clicked.connect(self.copy_magnet)
        form.addRow(self.tr("Magnet link:"), _beside(self.magnet, self.copy_button))
        self.torrent_path = QLabel()
        self.torrent_path.setWordWrap(True)
        show = QPushButton(self.tr("Open folder"))
        show.clicked.connect(self._open_torrent_folder)
        form.addRow(self.tr(".torrent file:"), _beside(self.torrent_path, show))
        return box

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Model folder to publish"), self.source.text())
        if folder:
            self.source.setText(folder)

    def options(self) -> PublishOptions:
        return PublishOptions(web_seeds=_lines(self.web_seeds), trackers=_lines(self.trackers),
                              private=self.private.isChecked(), comment=self.comment.text().strip(),
                              v1_only=self.v1_only.isChecked(), include_hidden=self.include_hidden.isChecked())

    def start(self) -> None:
        source = self.source.text().strip()
        if not source:
            self._show_error(self.tr("Choose the model folder to publish."))
            return
        self._number = next(_numbers)
        self.error.hide()
        self.result_box.hide()
        self.form.setEnabled(False)
        self.publish_button.setEnabled(False)
        self.progress.setRange(0, 0)  # busy until the first piece is hashed
        self.progress.show()
        self._bridge.publish(self._number, source, self.options(), self.out.text().strip(), self.seed.isChecked())

    def _on_progress(self, number: int, done: int, total: int) -> None:
        if number == self._number:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def _on_ready(self, number: int, result) -> None:
        if number != self._number:
            return
        self.progress.hide()
        self.form.setEnabled(True)
        self.publish_button.setEnabled(True)
        if isinstance(result, ModelDeskError):
            self._show_error(error_text(result))
            return
        self.published = result
        plan = result.plan
        self.summary.setText(self.tr("%1: %2 files, %3.").replace("%1", result.name)
                             .replace("%2", str(len(plan.files))).replace("%3", fmt_bytes(plan.total))
                             + ("  " + self.tr("It is being seeded.") if self.seed.isChecked() else "")
                             + ("\n" + self.tr("Left out, hidden: %1").replace("%1", ", ".join(plan.hidden[:8])
                                                                              + (", …" if len(plan.hidden) > 8 else ""))
                                if plan.hidden else ""))
        self.magnet.setText(result.magnet)
        self.magnet.setCursorPosition(0)
        self.torrent_path.setText(str(result.out))
        self.result_box.show()
        self.publish_button.setText(self.tr("Publish again"))

    def _show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def copy_magnet(self) -> None:
        QGuiApplication.clipboard().setText(self.magnet.text())
        self.copy_button.setText(self.tr("Copied"))

    def _open_torrent_folder(self) -> None:
        if self.published is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(self.published.out).parent)))

    def done(self, result: int) -> None:
        try:
            self._bridge.publishProgress.disconnect(self._on_progress)
            self._bridge.publishReady.disconnect(self._on_ready)
        except (RuntimeError, TypeError):
            pass
        super().done(result)
