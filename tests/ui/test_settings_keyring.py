"""Settings → Tokens and Settings → Connection → Proxy against a real Secret Service keyring (a
private D-Bus with gnome-keyring-daemon): secrets reach the keyring, come back masked or not at all,
never land in a file of ours, and the proxy set in the dialog carries the engine's next download."""

from __future__ import annotations

import keyring
from PySide6.QtCore import Qt

from modeldesk.core.sources.adds import HttpAdd
from modeldesk.core.config.settings import load_settings
from tests.helpers.keyring_session import files_containing
from tests.helpers.nginx import Nginx
from tests.helpers.proxies import MicroSocks
from tests.helpers.swarm import random_payload

TOKEN = "hf_tokenForTheMirror0123456789"
PROXY_PW = "pr0xy-pa55word"


def _rows(tab):
    return [(tab.model.item(r, 0).text(), tab.model.item(r, 1).text()) for r in range(tab.model.rowCount())]


def _stored(host: str) -> str | None:
    try:
        return keyring.get_password("modeldesk", host)
    except Exception:  # the item went away while we read it (the removal is under way)
        return "?"


def test_a_token_is_kept_in_the_keyring_shown_masked_and_removed(keyring_daemon, window, engine, qtbot, md):
    dialog = window.dialogs.show_settings()
    tab = dialog.tokens
    tab.host.setText("https://Mirror.Example:8443/some/path")
    tab.token.setText(TOKEN)
    with qtbot.waitSignal(engine.bridge.tokensListed, timeout=10_000):
        qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert tab.token.text() == "", "the token leaves the field at once"
    # The listing the dialog asked for on opening may be the signal caught above: wait for the one after the save.
    qtbot.waitUntil(lambda: _rows(tab) == [("https://mirror.example:8443", "hf_…6789")], timeout=10_000)
    assert keyring.get_password("modeldesk", "https://mirror.example:8443") == TOKEN
    with qtbot.waitSignal(engine.prefs.changed, timeout=5_000):
        dialog.accept()
    engine.prefs.flush()
    assert load_settings(engine.paths.settings_file).http.token_hosts == ("https://mirror.example:8443",)
    assert files_containing(md.root, TOKEN) == [], "the token is in the keyring only"

    again = window.dialogs.show_settings()
    qtbot.waitUntil(lambda: _rows(again.tokens) == [("https://mirror.example:8443", "hf_…6789")], timeout=10_000)
    again.tokens.view.setCurrentIndex(again.tokens.model.index(0, 0))
    qtbot.mouseClick(again.tokens.remove_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _rows(again.tokens) == [], timeout=10_000)
    qtbot.waitUntil(lambda: _stored("https://mirror.example:8443") is None, timeout=10_000)


def test_a_proxy_set_in_the_dialog_carries_the_next_download(keyring_daemon, window, engine, qtbot, md, tmp_path):
    www, f, digest = random_payload(tmp_path / "www", 2 * 1024 * 1024)
    with Nginx(www, tmp_path / "ngx") as web, MicroSocks("researcher", PROXY_PW) as socks:
        dialog = window.dialogs.show_settings()
        form = dialog.proxy
        assert not form.host.isEnabled(), "no address to fill while the proxy follows the system"
        form.kind.setCurrentIndex(form.kind.findData("socks5"))
        assert form.host.isEnabled() and form.note.isVisibleTo(dialog)
        form.host.setText("127.0.0.1")
        form.port.setValue(socks.port)
        form.user.setText("researcher")
        form.password.setText(PROXY_PW)
        with qtbot.waitSignal(engine.prefs.changed, timeout=5_000):
            dialog.accept()
        qtbot.waitUntil(lambda: engine.manager.proxy.settings.port == socks.port, timeout=10_000)
        assert keyring.get_password("modeldesk-proxy", f"researcher@127.0.0.1:{socks.port}") == PROXY_PW
        engine.prefs.flush()
        saved = load_settings(engine.paths.settings_file).proxy
        assert (saved.kind, saved.host, saved.port, saved.username) == ("socks5", "127.0.0.1", socks.port,
                                                                         "researcher")
        assert files_containing(md.root, PROXY_PW) == [], "the password is in the keyring only"

        with qtbot.waitSignal(engine.bridge.jobFinished, timeout=30_000):
            engine.manager.add(HttpAdd((f"{web.url}/{f.name}",), str(tmp_path / "proj"), digest)).result(10)
        log = socks.stop()
    assert f"connected to 127.0.0.1:{web.port}" in log, "the download went through the proxy"
    reopened = window.dialogs.show_settings()
    assert reopened.proxy.user.text() == "researcher" and reopened.proxy.password.text() == ""
