"""Settings → Server: the app serves its library as `modeldesk serve` does, started, moved and stopped
from the dialog; a port it cannot take is said in the dialog, and the app goes on."""

from __future__ import annotations

import socket

import requests

from modeldesk.core.config.settings import load_settings
from modeldesk.ui.main_window import MainWindow
from tests.helpers.ports import free_port


def _apply(window, qtbot, engine, **fields):
    dialog = window.dialogs.show_settings()
    form = dialog.server
    form.enabled.setChecked(fields.get("enabled", True))
    if "listen" in fields:
        form.listen.setText(fields["listen"])
    with qtbot.waitSignal(engine.bridge.serverStatus, timeout=15_000) as status:
        dialog.accept()
    return dialog, status.args


def test_the_app_serves_its_library_from_settings(engine, qtbot):
    window = MainWindow(engine.bridge, engine.prefs)
    qtbot.addWidget(window)
    port = free_port()
    _, (url, why) = _apply(window, qtbot, engine, listen=f"127.0.0.1:{port}")
    assert why == "" and url == f"http://127.0.0.1:{port}"
    assert requests.get(f"{url}/api/models", timeout=10).json() == []
    page = requests.get(url + "/", timeout=10)
    assert page.status_code == 200 and "ModelDesk" in page.text
    engine.prefs.flush()
    saved = load_settings(engine.paths.settings_file).server
    assert saved.enabled and saved.listen == f"127.0.0.1:{port}"

    dialog = window.dialogs.show_settings()
    assert url in dialog.server.status.text(), "the dialog says where the app serves"
    dialog.reject()

    busy = socket.socket()
    busy.bind(("127.0.0.1", 0))
    busy.listen()
    try:
        _, (still, why) = _apply(window, qtbot, engine, listen=f"127.0.0.1:{busy.getsockname()[1]}")
    finally:
        busy.close()
    assert "cannot listen" in why and still == url, "a port it cannot take leaves the old server serving"

    _, (off, why) = _apply(window, qtbot, engine, enabled=False)
    assert off == "" and why == ""
    try:
        requests.get(f"{url}/api/models", timeout=3)
        refused = False
    except requests.ConnectionError:
        refused = True
    assert refused, "turned off: nothing answers"
