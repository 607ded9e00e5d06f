"""Settings → Servers: the lab servers (`modeldesk serve`) this app is attached to. Their jobs show in
the table under the server's name in the side panel, and the add dialog can send a download to one.
A server's token goes to the keyring for that server's origin, as `modeldesk token set --host` keeps it."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from modeldesk.bridge import EngineBridge
from modeldesk.core.config.credentials import scope_of

_NETLOC = re.compile(r"[A-Za-z0-9.\-]+(:[0-9]+)?|\[[0-9A-Fa-f:.]+\](:[0-9]+)?")


def server_url(text: str) -> str | None:
    """http(s)://host[:port] of a lab server as the user typed it (a bare host:port means http), or None."""
    text = text.strip().rstrip("/")
    if text and "://" not in text:
        text = "http://" + text
    parts = urlsplit(text)
    if (parts.scheme not in ("http", "https") or not _NETLOC.fullmatch(parts.netloc) or not parts.hostname
            or parts.path or parts.query or parts.fragment):
        return None
    try:
        parts.port  # noqa: B018 - raises on a port that is not one
    except ValueError:
        return None
    return f"{parts.scheme}://{parts.netloc.lower()}"


class ServersTab(QWidget):
    def __init__(self, servers: tuple[str, ...], bridge: EngineBridge, parent=None):
        super().__init__(parent)
        self._bridge = bridge
        self.list = QListWidget()
        self.list.addItems(list(servers))
        self.url = QLineEdit()
        self.url.setPlaceholderText("http://lab-server:8690")
        self.token = QLineEdit()
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.token.setPlaceholderText(self.tr("the token `modeldesk serve token add NAME` printed on the server"))
        self.attach_button = QPushButton(self.tr("Attach"))
        self.attach_button.clicked.connect(self.attach)
        self.detach_button = QPushButton(self.tr("Detach selected"))
        self.detach_button.setToolTip(self.tr("Stop showing its jobs and forget its token"))
        self.detach_button.clicked.connect(self.detach)
        self.message = QLabel()
        self.message.setWordWrap(True)
        note = QLabel(self.tr("A lab server's jobs show in the table under its name in the side panel; the add "
                              "dialog can send a download to it. Pausing, resuming and adding need an admin "
                              "token. The token is kept in the system keyring and sent to that server only."))
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Server:"), self.url)
        form.addRow(self.tr("Token:"), self.token)
        buttons = QHBoxLayout()
        buttons.addWidget(self.attach_button)
        buttons.addWidget(self.detach_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(note)

    def servers(self) -> tuple[str, ...]:
        return tuple(self.list.item(i).text() for i in range(self.list.count()))

    def attach(self) -> None:
        url = server_url(self.url.text())
        if url is None:
            self.message.setText(self.tr("Write the server's address as http://host:port (what `modeldesk serve` "
                                         "prints)."))
            return
        token = self.token.text().strip()
        self.token.clear()  # the token leaves the widget at once
        if token:
            self._bridge.store_token(url, token)
        if url not in self.servers():
            self.list.addItem(url)
        self.url.clear()
        self.message.setText(self.tr("%1 is attached once you press OK.").replace("%1", url))

    def detach(self) -> None:
        for item in self.list.selectedItems():
            self._bridge.forget_token(scope_of(item.text()) or item.text())
            self.list.takeItem(self.list.row(item))
