"""Settings → General → start at login: OK writes the XDG autostart entry, unticking removes it, and a
folder that cannot be written keeps the dialog open with the reason."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from modeldesk.ui.main_window import MainWindow


@pytest.fixture
def config_home(tmp_path, monkeypatch):
    home = tmp_path / "xdg-config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    return home


def test_the_setting_writes_and_removes_the_autostart_entry(engine, qtbot, config_home):
    entry = config_home / "autostart" / "io.github.modeldesk.ModelDesk.desktop"
    window = MainWindow(engine.bridge, engine.prefs)
    qtbot.addWidget(window)
    dialog = window.dialogs.show_settings()
    assert not dialog.autostart.isChecked()
    dialog.autostart.setChecked(True)
    dialog.accept()
    text = entry.read_text()
    assert "gui --minimized" in text and "MimeType=" not in text
    dialog = window.dialogs.show_settings()
    assert dialog.autostart.isChecked()  # read back from the entry itself
    dialog.autostart.setChecked(False)
    dialog.accept()
    assert not entry.exists()


def test_an_unwritable_autostart_folder_is_reported(engine, qtbot, config_home):
    config_home.mkdir()
    (config_home / "autostart").write_text("a file where the folder should be")
    window = MainWindow(engine.bridge, engine.prefs)
    qtbot.addWidget(window)
    dialog = window.dialogs.show_settings()
    dialog.autostart.setChecked(True)
    dialog.accept()
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert boxes and "autostart entry could not be written" in boxes[-1].text()
    assert str(config_home / "autostart") in boxes[-1].text()
    assert dialog.isVisible() and dialog.result() == 0  # still open: nothing was saved
