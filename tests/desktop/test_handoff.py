"""A second launch and a clicked magnet link (xdg-open after `register-handler`) reach the running
instance, which opens its add dialog; the second process exits at once."""

from __future__ import annotations

import configparser
import subprocess
import sys
import time

import pytest

from tests.helpers.tools import require_tool
from tests.helpers.xsession import App, XSession, wait_until

pytestmark = pytest.mark.desktop
MAGNET = "magnet:?xt=urn:btih:" + "c0ffee" * 6 + "c0ff&dn=tts-model"


def add_dialogs(xs: XSession) -> list[str]:
    return xs.xdotool("search", "--onlyvisible", "--name", "^Add a model$").split()


@pytest.mark.timing
def test_a_second_launch_hands_over_and_exits(md, tmp_path):
    with XSession(tray=False) as xs:
        app = App(xs, md)
        try:
            started = time.monotonic()
            second = subprocess.run([sys.executable, "-m", "modeldesk", MAGNET], env={**md.environ(), **xs.env},
                                    capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL)
            took = time.monotonic() - started
            assert second.returncode == 0, second.stderr
            assert took < 5, f"the second launch took {took:.1f} s"
            app.wait_log("another launch handed over 1 source", 10)
            wait_until(lambda: add_dialogs(xs), 10, "the add dialog")
            assert app.proc.poll() is None
        finally:
            assert app.stop() == 0


def test_register_handler_then_xdg_open_a_magnet(md, tmp_path):
    xdg_open = require_tool("xdg-open")
    require_tool("xdg-mime")
    xdg = {"XDG_DATA_HOME": str(tmp_path / "xdg-data"), "XDG_CONFIG_HOME": str(tmp_path / "xdg-config"),
           "XDG_DATA_DIRS": "/usr/share", "XDG_CURRENT_DESKTOP": "", "DE": ""}
    md.env.update(xdg)
    r = md.run("register-handler")
    assert r.code == 0, r.stderr
    entry = tmp_path / "xdg-data" / "applications" / "io.github.modeldesk.ModelDesk.desktop"
    assert entry.exists()
    v = subprocess.run([require_tool("desktop-file-validate"), str(entry)], capture_output=True, text=True)
    assert v.returncode == 0 and not v.stdout.strip(), v.stdout + v.stderr
    query = subprocess.run(["xdg-mime", "query", "default", "x-scheme-handler/magnet"], env=md.environ(),
                           capture_output=True, text=True)
    assert query.stdout.strip() == "io.github.modeldesk.ModelDesk.desktop"

    with XSession(tray=False) as xs:
        app = App(xs, md)
        try:
            subprocess.run([xdg_open, MAGNET], env={**md.environ(), **xs.env}, timeout=30, check=True,
                           capture_output=True, stdin=subprocess.DEVNULL)
            app.wait_log("another launch handed over 1 source", 15)
            wait_until(lambda: add_dialogs(xs), 10, "the add dialog")
        finally:
            assert app.stop() == 0

    legacy = entry.with_name("modeldesk.desktop")  # what register-handler wrote before the app had an id
    legacy.write_text(entry.read_text())
    r = md.run("register-handler", "--unregister")
    assert r.code == 0, r.stderr
    assert not entry.exists() and not legacy.exists()
    cp = configparser.ConfigParser(interpolation=None)
    cp.optionxform = str
    cp.read(tmp_path / "xdg-config" / "mimeapps.list")
    assert entry.name not in cp.get("Default Applications", "x-scheme-handler/magnet", fallback="")
