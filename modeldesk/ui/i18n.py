"""Loads ModelDesk's translation (and Qt's own, for standard dialogs) for the chosen language."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from modeldesk.resources import resources_dir

SUPPORTED = ("en", "zh_CN")


def translations_dir() -> Path:
    return resources_dir() / "translations"


def pick_language(setting: str, system: QLocale | None = None) -> str:
    """'' follows the system: any Chinese locale but Traditional gets zh_CN; everything else English."""
    if setting in SUPPORTED:
        return setting
    loc = system or QLocale.system()
    if loc.language() == QLocale.Language.Chinese and loc.script() != QLocale.Script.TraditionalChineseScript:
        return "zh_CN"
    return "en"


def install_translators(app: QApplication, language: str) -> list[QTranslator]:
    """Returns the installed translators; the caller keeps them alive as long as the app."""
    installed: list[QTranslator] = []
    if language == "en":  # the source is English; its translation holds the plural forms alone
        plurals = QTranslator(app)
        if plurals.load(str(translations_dir() / "modeldesk_en.qm")):
            app.installTranslator(plurals)
            installed.append(plurals)
        return installed
    ours = QTranslator(app)
    if ours.load(str(translations_dir() / f"modeldesk_{language}.qm")):
        app.installTranslator(ours)
        installed.append(ours)
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        installed.append(qt)
    QLocale.setDefault(QLocale(language))
    return installed
