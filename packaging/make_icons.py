"""Render the app icon (resources/icons/modeldesk.svg) into the hicolor theme's PNG sizes and its
scalable copy, named by the app id. Run after changing the SVG: .venv/bin/python packaging/make_icons.py"""

import os
import shutil
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

APP_ID = "io.github.modeldesk.ModelDesk"
ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"

app = QGuiApplication([])
svg = ICONS / "modeldesk.svg"
renderer = QSvgRenderer(str(svg))
for size in (48, 128, 256):
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    out = ICONS / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
    out.parent.mkdir(parents=True, exist_ok=True)
    assert image.save(str(out)), out
(ICONS / "hicolor" / "scalable" / "apps").mkdir(parents=True, exist_ok=True)
shutil.copyfile(svg, ICONS / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg")
