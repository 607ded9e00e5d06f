"""Speed limits for one job (or several at once): download, and upload for torrents."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QSpinBox

KIB = 1024


class LimitsDialog(QDialog):
    def __init__(self, what: str, down: int, up: int, upload: bool, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Speed limits"))
        self.down = self._spin(down)
        self.up = self._spin(up)
        form = QFormLayout(self)
        title = QLabel(what)
        title.setWordWrap(True)
        form.addRow(title)
        form.addRow(self.tr("Download limit:"), self.down)
        if upload:
            form.addRow(self.tr("Upload limit:"), self.up)
        note = QLabel(self.tr("The limits in Settings still apply to all jobs together."))
        note.setWordWrap(True)
        form.addRow(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _spin(self, value: int) -> QSpinBox:
        box = QSpinBox()
        box.setRange(0, 10**7)
        box.setSuffix(" KiB/s")
        box.setSpecialValueText(self.tr("unlimited"))
        box.setValue(value // KIB)
        return box

    def limits(self) -> tuple[int, int]:
        return self.down.value() * KIB, self.up.value() * KIB
