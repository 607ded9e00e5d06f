"""Desktop notifications where there is no tray (stock GNOME): the app sends them to the desktop's
notification service, here a real dunst owning org.freedesktop.Notifications on a private session bus."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from modeldesk import desktop_notify
from tests.helpers.nginx import Nginx
from tests.helpers.notify_daemon import NotifyDaemon
from tests.helpers.xsession import App, XSession, wait_until

pytestmark = pytest.mark.desktop


def test_a_finished_download_is_announced_without_a_tray(md, tmp_path):
    www = tmp_path / "www"
    www.mkdir()
    (www / "weights.bin").write_bytes(os.urandom(16 << 20))
    with XSession(tray=False) as xs, NotifyDaemon(xs, tmp_path / "dunst") as daemon, \
            Nginx(www, tmp_path / "ngx", location="limit_rate 512k;") as web:
        xs.env["DBUS_SESSION_BUS_ADDRESS"] = daemon.address
        app = App(xs, md)
        try:
            url = f"{web.url}/weights.bin"
            handed = subprocess.run([sys.executable, "-m", "modeldesk", url], env={**md.environ(), **xs.env},
                                    capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL)
            assert handed.returncode == 0, handed.stderr
            dialog = wait_until(lambda: xs.xdotool("search", "--onlyvisible", "--name", "^Add a model$").split(),
                                20, "the add dialog")[0]
            time.sleep(1.0)  # the dialog asks the mirror for the file's size before Download is enabled
            xs.xdotool("windowfocus", "--sync", dialog)
            xs.xdotool("key", "Return")
            app.wait_log("desktop notification: Download complete", 90)
            shown = daemon.shown()
        finally:
            assert app.stop() == 0
    assert "no system tray" in app.log_text()
    assert len(shown) == 1, shown
    note = shown[0]
    assert (note["appname"], note["summary"]) == ("ModelDesk", "Download complete")
    assert note["body"] == "weights.bin is complete and verified."
    assert note["category"] == "transfer.complete"
    assert note["icon_path"].endswith("modeldesk.svg")


def test_no_service_is_no_error(monkeypatch, tmp_path):
    """No session bus, or a bus nobody listens on: nothing is shown, nothing is raised."""
    notice = desktop_notify.Notice("Download complete", "x", "transfer.complete")
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    assert desktop_notify.send(notice, "ModelDesk", "io.github.modeldesk.ModelDesk") is None
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={tmp_path / 'no-bus'}")
    assert desktop_notify.send(notice, "ModelDesk", "io.github.modeldesk.ModelDesk") is None
