"""Settings: connection, speed, seeding, mirrors, general. OK applies at once (the torrent session
takes new settings live) and saves them; they survive a restart."""

from __future__ import annotations

import dataclasses
import re

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from modeldesk import desktop_entry
from modeldesk.bridge import EngineBridge, message_text
from modeldesk.core.base.os_reasons import os_reason
from modeldesk.core.config.settings import ENCRYPTION_POLICIES, UPLOAD_CAP_PRESET_PERCENT, Settings
from modeldesk.ui.error_dialog import show_error
from modeldesk.ui.mirror_test import MirrorTest
from modeldesk.ui.proxy_form import ProxyForm
from modeldesk.ui.server_form import ServerForm
from modeldesk.ui.servers_tab import ServersTab
from modeldesk.ui.tokens_tab import TokensTab

KIB = 1024


def listen_port(interfaces: str) -> int:
    m = re.search(r":(\d+)(?:,|$)", interfaces)
    return int(m.group(1)) if m else 6881


def with_port(interfaces: str, port: int) -> str:
    return re.sub(r":\d+(?=,|$)", f":{port}", interfaces)


def _spin(maximum: int, suffix: str = "", special: str = "") -> QSpinBox:
    box = QSpinBox()
    box.setRange(0, maximum)
    box.setSuffix(suffix)
    if special:
        box.setSpecialValueText(special)
    return box


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, bridge: EngineBridge, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self._settings = settings
        self._unlimited = self.tr("unlimited")
        tabs = QTabWidget()
        tabs.addTab(self._page(self._connection_form(settings)), self.tr("Connection"))
        tabs.addTab(self._page(self._speed_form(settings.torrent)), self.tr("Speed"))
        tabs.addTab(self._page(self._seeding_form(settings.torrent)), self.tr("Seeding"))
        tabs.addTab(self._page(self._mirrors_form(settings.http, bridge)), self.tr("Mirrors"))
        self.tokens = TokensTab(bridge, settings.http.token_hosts)
        tabs.addTab(self.tokens, self.tr("Tokens"))
        self.server = ServerForm(settings.server, bridge)
        tabs.addTab(self.server, self.tr("Server"))
        self.servers = ServersTab(settings.remote_servers, bridge)
        tabs.addTab(self.servers, self.tr("Servers"))
        tabs.addTab(self._page(self._general_form(settings)), self.tr("General"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(buttons)

    def _connection_form(self, settings: Settings) -> QFormLayout:
        t = settings.torrent
        conn = QFormLayout()
        self.port = _spin(65535)
        self.port.setMinimum(1)
        self.port.setValue(listen_port(t.listen_interfaces))
        self.upnp, self.natpmp = QCheckBox(self.tr("UPnP")), QCheckBox(self.tr("NAT-PMP"))
        self.dht = QCheckBox(self.tr("DHT (find peers without a tracker)"))
        self.lsd = QCheckBox(self.tr("Local peer discovery (campus and LAN swarms)"))
        self.pex = QCheckBox(self.tr("Peer exchange"))
        for box, value in ((self.upnp, t.enable_upnp), (self.natpmp, t.enable_natpmp), (self.dht, t.enable_dht),
                           (self.lsd, t.enable_lsd), (self.pex, t.enable_pex)):
            box.setChecked(value)
        self.encryption = QComboBox()
        for policy, label in zip(ENCRYPTION_POLICIES, (self.tr("Prefer encryption"), self.tr("Require encryption"),
                                                        self.tr("No encryption")), strict=True):
            self.encryption.addItem(label, policy)
        self.encryption.setCurrentIndex(ENCRYPTION_POLICIES.index(t.encryption))
        conn.addRow(self.tr("Listening port:"), self.port)
        for box in (self.upnp, self.natpmp, self.dht, self.lsd, self.pex):
            conn.addRow("", box)
        conn.addRow(self.tr("Encryption:"), self.encryption)
        self.proxy = ProxyForm(settings.proxy)
        conn.addRow(self.proxy)
        return conn

    def _speed_form(self, t) -> QFormLayout:
        unlimited = self._unlimited
        speed = QFormLayout()
        self.down_limit = _spin(10**7, " KiB/s", unlimited)
        self.down_limit.setValue(t.download_rate_limit // KIB)
        self.up_limit = _spin(10**7, " KiB/s", unlimited)
        self.up_limit.setValue(t.upload_rate_limit // KIB)
        self.uplink = _spin(10**7, " KiB/s", self.tr("not set"))
        self.uplink.setValue(t.uplink_capacity // KIB)
        self.alt_down = _spin(10**7, " KiB/s", unlimited)
        self.alt_down.setValue(t.alt_download_rate_limit // KIB)
        self.alt_up = _spin(10**7, " KiB/s", unlimited)
        self.alt_up.setValue(t.alt_upload_rate_limit // KIB)
        preset = QPushButton(self.tr("Cap upload at %1% of my uplink").replace("%1", str(UPLOAD_CAP_PRESET_PERCENT)))
        preset.clicked.connect(self._apply_preset)
        speed.addRow(self.tr("Download limit:"), self.down_limit)
        speed.addRow(self.tr("Upload limit:"), self.up_limit)
        speed.addRow(self.tr("My uplink:"), self.uplink)
        speed.addRow("", preset)
        speed.addRow(self.tr("Alternative download limit:"), self.alt_down)
        speed.addRow(self.tr("Alternative upload limit:"), self.alt_up)
        self.limit_lan = QCheckBox(self.tr("Apply the limits to peers on my local network too"))
        self.limit_lan.setToolTip(self.tr("Off: colleagues on the LAN get models at full speed and only internet "
                                          "peers count against the limits"))
        self.limit_lan.setChecked(t.limit_local_peers)
        speed.addRow("", self.limit_lan)
        return speed

    def _seeding_form(self, t) -> QFormLayout:
        seeding = QFormLayout()
        self.ratio = QDoubleSpinBox()
        self.ratio.setRange(0, 1000)
        self.ratio.setSingleStep(0.5)
        self.ratio.setSpecialValueText(self.tr("never"))
        self.ratio.setValue(t.seed_ratio_limit)
        self.seed_minutes = _spin(10**6, self.tr(" min"), self.tr("never"))
        self.seed_minutes.setValue(t.seed_time_limit_minutes)
        seeding.addRow(self.tr("Stop seeding at ratio:"), self.ratio)
        seeding.addRow(self.tr("Stop seeding after:"), self.seed_minutes)
        return seeding

    def _mirrors_form(self, h, bridge: EngineBridge) -> QFormLayout:
        mirrors = QFormLayout()
        self.connections = _spin(64)
        self.connections.setMinimum(1)
        self.connections.setValue(h.connections)
        self.connections.setToolTip(self.tr("ModelDesk finds how many connections pay on each mirror while a "
                                            "file downloads, up to this many"))
        self.official = QCheckBox(self.tr("Use the official Hugging Face hub"))
        self.official.setChecked(h.use_official_hub)
        self.mirror_list = QPlainTextEdit("\n".join(h.hub_mirrors))
        self.mirror_list.setPlaceholderText("https://hf-mirror.com")
        self.official_ms = QCheckBox(self.tr("Use the official ModelScope hub (modelscope.cn)"))
        self.official_ms.setChecked(h.use_official_ms)
        self.ms_mirror_list = QPlainTextEdit("\n".join(h.ms_mirrors))
        self.ms_mirror_list.setPlaceholderText("https://modelscope.ai")
        self.ms_mirror_list.setToolTip(self.tr("Endpoints that speak ModelScope's API, for ms:// repos and "
                                               "their URLs"))
        mirrors.addRow(self.tr("Connections per mirror, at most:"), self.connections)
        mirrors.addRow("", self.official)
        mirrors.addRow(self.tr("Hugging Face mirrors, one per line:"), self.mirror_list)
        mirrors.addRow("", self.official_ms)
        mirrors.addRow(self.tr("ModelScope mirrors, one per line:"), self.ms_mirror_list)
        self.mirror_test = MirrorTest(bridge, lambda: self._http_settings())
        mirrors.addRow(self.tr("Test with:"), self.mirror_test)
        return mirrors

    def _general_form(self, settings: Settings) -> QFormLayout:
        ui = settings.ui
        general = QFormLayout()
        self.folder = QLineEdit(settings.default_project_dir)
        self.language = QComboBox()
        for code, label in (("", self.tr("System language")), ("en", "English"), ("zh_CN", "简体中文")):
            self.language.addItem(label, code)
        self.language.setCurrentIndex(max(0, self.language.findData(ui.language)))
        self.minimized = QCheckBox(self.tr("Start minimised to the tray"))
        self.minimized.setChecked(ui.start_minimized)
        self.autostart = QCheckBox(self.tr("Start ModelDesk when I log in, in the tray, to keep seeding"))
        self._autostart_was = desktop_entry.freedesktop() and desktop_entry.autostart_enabled()
        self.autostart.setChecked(self._autostart_was)
        self.autostart.setVisible(desktop_entry.freedesktop())
        self.link_mode = QComboBox()
        for mode, label in (("auto", self.tr("Clone if the disk can, else hard link, else copy")),
                            ("reflink", self.tr("Clone (copy-on-write) only")),
                            ("hardlink", self.tr("Hard link, made read-only")),
                            ("copy", self.tr("Copy"))):
            self.link_mode.addItem(label, mode)
        self.link_mode.setCurrentIndex(max(0, self.link_mode.findData(settings.link_mode)))
        self.link_mode.setToolTip(self.tr("How a file the library already holds is put into another project "
                                          "folder instead of being downloaded again."))
        general.addRow(self.tr("Default project folder:"), self.folder)
        general.addRow(self.tr("Files the library already holds:"), self.link_mode)
        general.addRow(self.tr("Language (after a restart):"), self.language)
        general.addRow("", self.minimized)
        general.addRow("", self.autostart)
        return general

    def accept(self) -> None:
        """The autostart entry is written here, as OK is pressed; a folder that cannot be written keeps
        the dialog open with the reason."""
        if desktop_entry.freedesktop() and self.autostart.isChecked() != self._autostart_was:
            try:
                desktop_entry.set_autostart(self.autostart.isChecked())
            except OSError as exc:
                show_error(self, self.tr("Settings"), self.tr("The autostart entry could not be written: %1")
                           .replace("%1", f"{desktop_entry.autostart_file()}: {message_text(os_reason(exc))}"))
                return
        super().accept()

    @staticmethod
    def _page(form: QFormLayout) -> QWidget:
        page = QWidget()
        page.setLayout(form)
        return page

    def _apply_preset(self) -> None:
        if self.uplink.value() > 0:
            self.up_limit.setValue(max(1, self.uplink.value() * UPLOAD_CAP_PRESET_PERCENT // 100))

    def _http_settings(self):
        def lines(box: QPlainTextEdit) -> tuple[str, ...]:
            return tuple(m.strip().rstrip("/") for m in box.toPlainText().splitlines() if m.strip())

        return dataclasses.replace(self._settings.http, connections=self.connections.value(),
                                   use_official_hub=self.official.isChecked(), hub_mirrors=lines(self.mirror_list),
                                   use_official_ms=self.official_ms.isChecked(),
                                   ms_mirrors=lines(self.ms_mirror_list), token_hosts=tuple(self.tokens.hosts))

    def result_settings(self) -> Settings:
        s = self._settings
        torrent = dataclasses.replace(
            s.torrent, listen_interfaces=with_port(s.torrent.listen_interfaces, self.port.value()),
            enable_upnp=self.upnp.isChecked(), enable_natpmp=self.natpmp.isChecked(), enable_dht=self.dht.isChecked(),
            enable_lsd=self.lsd.isChecked(), enable_pex=self.pex.isChecked(),
            encryption=self.encryption.currentData(), download_rate_limit=self.down_limit.value() * KIB,
            upload_rate_limit=self.up_limit.value() * KIB, uplink_capacity=self.uplink.value() * KIB,
            seed_ratio_limit=self.ratio.value(), seed_time_limit_minutes=self.seed_minutes.value(),
            alt_download_rate_limit=self.alt_down.value() * KIB, alt_upload_rate_limit=self.alt_up.value() * KIB,
            limit_local_peers=self.limit_lan.isChecked())
        http = self._http_settings()
        ui = dataclasses.replace(s.ui, language=self.language.currentData(), start_minimized=self.minimized.isChecked())
        return dataclasses.replace(s, torrent=torrent, http=http, ui=ui, proxy=self.proxy.result(),
                                   server=self.server.result(), remote_servers=self.servers.servers(),
                                   default_project_dir=self.folder.text().strip(),
                                   link_mode=self.link_mode.currentData())
