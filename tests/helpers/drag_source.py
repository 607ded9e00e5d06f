"""A tiny Qt window that starts a real drag (XDND on X11) of the files named on its command line
when the mouse is pressed on it, as a file manager would. Prints the drop action and exits.

    python -m tests.helpers.drag_source FILE…
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QMimeData, Qt, QUrl
from PySide6.QtGui import QDrag
from PySide6.QtWidgets import QApplication, QLabel


class Source(QLabel):
    def __init__(self, paths: list[str]):
        super().__init__("drag me")
        self.setWindowTitle("drag-source")
        self.paths = paths

    def mousePressEvent(self, event) -> None:
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(p) for p in self.paths])
        drag = QDrag(self)
        drag.setMimeData(mime)
        action = drag.exec(Qt.DropAction.CopyAction)
        print(f"drop action: {action.name}", flush=True)
        QApplication.quit()


def main() -> int:
    app = QApplication(sys.argv[:1])
    w = Source(sys.argv[1:])
    w.setGeometry(0, 500, 200, 200)
    w.show()
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
