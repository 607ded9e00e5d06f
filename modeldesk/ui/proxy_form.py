"""Settings → Connection → Proxy: kind, address, user; the password goes to the OS keyring (through
the bridge) and is never shown back. An empty password field keeps the stored one."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QGroupBox, QLabel, QLineEdit, QSpinBox

from modeldesk.core.config.settings import PROXY_KINDS, ProxySettings


class ProxyForm(QGroupBox):
    def __init__(self, proxy: ProxySettings, parent=None):
        super().__init__(parent)
        self.setTitle(self.tr("Proxy"))
        self._proxy = proxy
        self.kind = QComboBox()
        labels = (self.tr("System settings (HTTP_PROXY for downloads)"), self.tr("No proxy"),
                  self.tr("HTTP proxy"), self.tr("SOCKS5 proxy"))
        for kind, label in zip(PROXY_KINDS, labels, strict=True):
            self.kind.addItem(label, kind)
        self.kind.setCurrentIndex(max(0, self.kind.findData(proxy.kind)))
        self.host = QLineEdit(proxy.host)
        self.host.setPlaceholderText("127.0.0.1")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(proxy.port)
        self.user = QLineEdit(proxy.username)
        self.user.setPlaceholderText(self.tr("none"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("kept in the system keyring; type to change"))
        self.peers = QCheckBox(self.tr("Use the proxy for BitTorrent peers and trackers too"))
        self.peers.setChecked(proxy.peers)
        self.hostnames = QCheckBox(self.tr("Let the proxy look up host names"))
        self.hostnames.setChecked(proxy.hostnames)
        # Two short lines, not word wrap: a wrapped label in a tab page is cut off (no height-for-width there).
        self.note = QLabel(self.tr("Through a proxy, other peers cannot connect to you:\n"
                                   "seeding reaches only the peers you connect to."))
        form = QFormLayout(self)
        form.addRow(self.tr("Type:"), self.kind)
        form.addRow(self.tr("Host:"), self.host)
        form.addRow(self.tr("Port:"), self.port)
        form.addRow(self.tr("User name:"), self.user)
        form.addRow(self.tr("Password:"), self.password)
        form.addRow("", self.peers)
        form.addRow("", self.hostnames)
        form.addRow("", self.note)
        self.kind.currentIndexChanged.connect(self._enable)
        self.peers.toggled.connect(self._enable)
        self._enable()

    def _enable(self) -> None:
        explicit = self.kind.currentData() in ("http", "socks5")
        for w in (self.host, self.port, self.user, self.password, self.peers, self.hostnames):
            w.setEnabled(explicit)
        self.note.setVisible(explicit and self.peers.isChecked())

    def result(self) -> ProxySettings:
        return ProxySettings(kind=self.kind.currentData(), host=self.host.text().strip(), port=self.port.value(),
                             username=self.user.text().strip(), peers=self.peers.isChecked(),
                             hostnames=self.hostnames.isChecked())

    def new_password(self) -> str | None:
        """The password typed now, or None to keep the stored one."""
        return self.password.text() or None
