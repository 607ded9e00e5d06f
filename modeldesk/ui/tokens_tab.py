"""Settings → Tokens: one token per host, kept in the OS keyring and shown back masked only."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QTreeView, QVBoxLayout, QWidget

from modeldesk.bridge import EngineBridge
from modeldesk.core.config.credentials import scope_of

_ACCOUNT = Qt.ItemDataRole.UserRole + 1


class TokensTab(QWidget):
    def __init__(self, bridge: EngineBridge, hosts: tuple[str, ...], parent=None):
        super().__init__(parent)
        self._bridge = bridge
        self.hosts: list[str] = list(hosts)
        self.model = QStandardItemModel(self)
        self.model.setHorizontalHeaderLabels([self.tr("Host"), self.tr("Token")])
        self.view = QTreeView()
        self.view.setRootIsDecorated(False)
        self.view.setModel(self.model)
        self.host = QLineEdit("huggingface.co")
        self.token = QLineEdit()
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.token.setPlaceholderText("hf_…")
        self.save_button = save = QPushButton(self.tr("Save token"))
        save.clicked.connect(self._save)
        self.remove_button = remove = QPushButton(self.tr("Remove selected"))
        remove.clicked.connect(self._remove)
        note = QLabel(self.tr("A token is sent only to its scheme, host and port (a host alone means https on "
                              "its usual port), never to other mirrors or after a redirect. Write "
                              "http://host:port to trust a plain-http mirror. Tokens are kept in the "
                              "system keyring."))
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Host:"), self.host)
        form.addRow(self.tr("Token:"), self.token)
        buttons = QHBoxLayout()
        buttons.addWidget(save)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(note)
        bridge.tokensListed.connect(self._show)
        bridge.tokenStored.connect(self._stored)
        self._refresh()

    def _refresh(self) -> None:
        self._bridge.list_tokens(tuple(self.hosts))

    def _show(self, rows) -> None:
        self.model.removeRows(0, self.model.rowCount())
        for account, scope, masked in rows:
            item = QStandardItem(scope)
            item.setData(account, _ACCOUNT)
            self.model.appendRow([item, QStandardItem(masked or self.tr("(missing)"))])

    def _save(self) -> None:
        host, token = self.host.text().strip(), self.token.text().strip()
        if not host or not token:
            return
        self.token.clear()  # the token leaves the widget at once
        self._bridge.store_token(host, token)

    def _stored(self, scope: str) -> None:
        for old in [h for h in self.hosts if h != scope and scope_of(h) == scope]:
            self.hosts.remove(old)  # a bare host an earlier version stored for the same origin
            self._bridge.forget_token(old)
        if scope not in self.hosts:
            self.hosts.append(scope)
        self._refresh()

    def _remove(self) -> None:
        index = self.view.currentIndex()
        if not index.isValid():
            return
        host = self.model.item(index.row(), 0).data(_ACCOUNT)
        self.hosts = [h for h in self.hosts if h != host]
        self._bridge.forget_token(host)
        self._refresh()
