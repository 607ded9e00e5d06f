"""Settings → Server: the app as the lab's model hub, as `modeldesk serve` makes one (the Hugging Face
API over the library with pull-through, the web seed, the control API and the web page)."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QWidget

from modeldesk.bridge import EngineBridge
from modeldesk.core.config.settings import ServerSettings


def _lines(box: QPlainTextEdit) -> tuple[str, ...]:
    return tuple(line.strip() for line in box.toPlainText().splitlines() if line.strip())


class ServerForm(QWidget):
    def __init__(self, settings: ServerSettings, bridge: EngineBridge, parent=None):
        super().__init__(parent)
        self._settings = settings
        form = QFormLayout(self)
        self.enabled = QCheckBox(self.tr("Serve the library to my lab (Hugging Face endpoint, web seed, web page)"))
        self.enabled.setChecked(settings.enabled)
        self.listen = QLineEdit(settings.listen)
        self.listen.setToolTip(self.tr("127.0.0.1:8690 serves this computer only; 0.0.0.0:8690 the whole LAN"))
        self.allow_hosts = QLineEdit(" ".join(settings.allow_hosts))
        self.allow_hosts.setPlaceholderText("lab.example.org")
        self.allow_hosts.setToolTip(self.tr("Names colleagues reach this computer by, besides its own and its "
                                            "addresses (others are refused, against DNS rebinding)"))
        self.roots = QPlainTextEdit("\n".join(settings.project_roots))
        self.roots.setPlaceholderText(self.tr("Folders remote downloads may go into; none: no remote downloads"))
        self.mirrors = QPlainTextEdit("\n".join(settings.mirrors))
        self.mirrors.setPlaceholderText("https://hf-mirror.com")
        for box in (self.roots, self.mirrors):
            box.setMaximumHeight(90)
        self.read_token = QCheckBox(self.tr("Lend models to token holders only"))
        self.read_token.setChecked(settings.read_token)
        self.offline = QCheckBox(self.tr("Serve the library only (fetch nothing for colleagues)"))
        self.offline.setChecked(settings.offline)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow("", self.enabled)
        form.addRow(self.tr("Listen on:"), self.listen)
        form.addRow(self.tr("Also answer to:"), self.allow_hosts)
        form.addRow(self.tr("Project folders for remote downloads:"), self.roots)
        form.addRow(self.tr("Mirrors to fetch missing models from:"), self.mirrors)
        form.addRow("", self.read_token)
        form.addRow("", self.offline)
        form.addRow(self.tr("Now:"), self.status)
        form.addRow("", QLabel(self.tr("Tokens for the control API and the web page: modeldesk serve token add "
                                       "NAME --admin")))
        self.show_status(bridge.server_url, "")
        bridge.serverStatus.connect(self.show_status)

    def show_status(self, url: str, why: str) -> None:
        if why:
            self.status.setText(why)
        elif url:
            self.status.setText(self.tr("Serving at %1 (colleagues: HF_ENDPOINT=%1)").replace("%1", url))
        else:
            self.status.setText(self.tr("Not serving"))

    def result(self) -> ServerSettings:
        return dataclasses.replace(
            self._settings, enabled=self.enabled.isChecked(), listen=self.listen.text().strip() or "127.0.0.1:8690",
            allow_hosts=tuple(self.allow_hosts.text().split()), project_roots=_lines(self.roots),
            mirrors=_lines(self.mirrors), read_token=self.read_token.isChecked(), offline=self.offline.isChecked())
