"""Settings survive a restart and reach the running engine; unexpected errors are shown, not fatal."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QMessageBox

from modeldesk.core.config.settings import load_settings
from modeldesk.ui.error_dialog import install_excepthook
from modeldesk.ui.main_window import MainWindow
from modeldesk.ui.settings_dialog import listen_port, with_port


def test_port_helpers():
    assert listen_port("127.0.0.1:0") == 0
    assert listen_port("0.0.0.0:6881,[::]:6881") == 6881
    assert with_port("0.0.0.0:6881,[::]:6881", 7000) == "0.0.0.0:7000,[::]:7000"


def test_settings_round_trip_and_apply_live(engine, qtbot):
    window = MainWindow(engine.bridge, engine.prefs)
    qtbot.addWidget(window)
    dialog = window.dialogs.show_settings()
    dialog.port.setValue(7001)
    dialog.dht.setChecked(True)
    dialog.uplink.setValue(1000)
    dialog.up_limit.setValue(0)
    dialog._apply_preset()
    assert dialog.up_limit.value() == 300  # 30% of the declared uplink
    dialog.ratio.setValue(2.5)
    dialog.mirror_list.setPlainText("https://mirror-a.example/\n\nhttps://mirror-b.example")
    dialog.ms_mirror_list.setPlainText("https://ms-mirror.example/")
    dialog.official_ms.setChecked(False)
    dialog.official.setChecked(True)
    dialog.language.setCurrentIndex(dialog.language.findData("zh_CN"))
    dialog.minimized.setChecked(True)
    assert dialog.link_mode.currentData() == "auto"
    dialog.link_mode.setCurrentIndex(dialog.link_mode.findData("copy"))
    with qtbot.waitSignal(engine.prefs.changed, timeout=5_000):
        dialog.accept()
    engine.prefs.flush()
    saved = load_settings(engine.paths.settings_file)
    assert saved.torrent.listen_interfaces == "127.0.0.1:7001"
    assert saved.torrent.enable_dht and saved.torrent.upload_rate_limit == 300 * 1024
    assert saved.torrent.seed_ratio_limit == 2.5
    assert saved.http.hub_mirrors == ("https://mirror-a.example", "https://mirror-b.example")
    assert saved.http.ms_mirrors == ("https://ms-mirror.example",) and not saved.http.use_official_ms
    assert saved.http.use_official_hub, "each hub's official endpoint has its own switch"
    assert saved.ui.language == "zh_CN" and saved.ui.start_minimized
    assert saved.link_mode == "copy"
    # Live: the session now listens on the new port.
    qtbot.waitUntil(lambda: engine.port == 7001, timeout=10_000)


def test_an_unexpected_exception_is_shown_and_the_app_goes_on(qtbot):
    previous = sys.excepthook
    install_excepthook(lambda: None)
    try:
        try:
            raise RuntimeError("boom in a slot")
        except RuntimeError:
            sys.excepthook(*sys.exc_info())
        boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
        assert boxes, "no error dialog"
        assert "boom in a slot" in boxes[-1].detailedText()
        assert "Your downloads are safe" in boxes[-1].text()
        for b in boxes:
            b.close()
    finally:
        sys.excepthook = previous


def test_a_request_after_shutdown_runs_nothing_and_raises_nothing(md, qtbot):
    """The window's free-space timer may fire while the app closes, after the bridge's pool is gone."""
    from tests.ui.conftest import Engine

    e = Engine(md)
    e.start(qtbot)
    e.stop()
    assert e.bridge.query_free_space(str(md.root)).cancelled()
    assert e.bridge.pause("nothing").cancelled()
