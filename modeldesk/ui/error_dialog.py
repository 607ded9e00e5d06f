"""Unhandled exceptions are logged and shown in a dialog with details; the app keeps running."""

from __future__ import annotations

import logging
import sys
import traceback

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

log = logging.getLogger("modeldesk.ui")


def show_error(parent: QWidget | None, title: str, message: str, details: str = "") -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, parent)
    if details:
        box.setDetailedText(details)
    box.setModal(True)
    box.show()
    return box


def install_excepthook(parent_getter) -> None:
    """asyncSlot and Qt slots send exceptions to sys.excepthook: log them and tell the user."""

    shown: list[QMessageBox] = []  # a parentless dialog needs a reference, or Python collects it at once

    def hook(exc_type, exc, tb):
        if issubclass(exc_type, KeyboardInterrupt):
            return sys.__excepthook__(exc_type, exc, tb)
        text = "".join(traceback.format_exception(exc_type, exc, tb))
        log.error("unhandled exception:\n%s", text)
        title = QCoreApplication.translate("Errors", "Something went wrong")
        message = QCoreApplication.translate(
            "Errors", "ModelDesk hit an unexpected error and carried on. Your downloads are safe. "
                      "If this keeps happening, please report it with the details below.")
        box = show_error(parent_getter(), title, message, text)
        shown.append(box)
        box.finished.connect(lambda _result: shown.remove(box))
        return None

    sys.excepthook = hook
