"""The window's foot: the total rates, DHT nodes, the listening port, the free space of the default
folder and the switch of the alternative speed limits. It shows what MainWindow hands it; the switch
says when the user flips it (altSpeedToggled)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QLabel, QStatusBar, QWidget

from modeldesk.core.base.units import fmt_bytes, fmt_rate
from modeldesk.core.config.settings import TorrentSettings


class StatusBar(QStatusBar):
    altSpeedToggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rates = QLabel()
        self.free = QLabel()
        self.port = QLabel()
        self.dht = QLabel()
        self.alt_speed = QCheckBox(self.tr("Alternative speed limits"))
        self.alt_speed.toggled.connect(self.altSpeedToggled)
        self.addWidget(self.rates)
        for w in (self.dht, self.port, self.free, self.alt_speed):
            self.addPermanentWidget(w)
        self.show_rates(0, 0)

    def show_rates(self, down: int, up: int) -> None:
        self.rates.setText(self.tr("↓ %1   ↑ %2").replace("%1", fmt_rate(down)).replace("%2", fmt_rate(up)))

    def show_port(self, port: int) -> None:
        self.port.setText(self.tr("Port %1").replace("%1", str(port)))

    def show_dht(self, nodes: int, enabled: bool) -> None:
        self.dht.setText(self.tr("DHT: %1 nodes").replace("%1", str(nodes)) if enabled else self.tr("DHT: off"))

    def show_free(self, folder: str, free: int) -> None:
        self.free.setText(self.tr("Free in %1: %2").replace("%1", Path(folder).name or folder)
                          .replace("%2", fmt_bytes(free)))

    def show_placed(self, path: str, mode: str) -> None:
        how = {"reflink": self.tr("a copy-on-write clone"), "hardlink": self.tr("a read-only hard link"),
               "copy": self.tr("a copy")}.get(mode, mode)
        self.showMessage(self.tr("%1 was already in the library: placed as %2, not downloaded again.")
                         .replace("%1", Path(path).name).replace("%2", how), 15_000)

    def show_alt_speed(self, t: TorrentSettings) -> None:
        """The switch as the settings have it, without saying it was flipped."""
        self.alt_speed.blockSignals(True)
        self.alt_speed.setChecked(t.alt_speed_on)
        self.alt_speed.blockSignals(False)
        self.alt_speed.setEnabled(t.has_alt_limits)
        down, up = t.alt_download_rate_limit, t.alt_upload_rate_limit
        self.alt_speed.setToolTip(self.tr("↓ %1   ↑ %2").replace("%1", fmt_rate(down) if down else "∞")
                                  .replace("%2", fmt_rate(up) if up else "∞") if t.has_alt_limits
                                  else self.tr("Set the alternative limits in Settings first."))
