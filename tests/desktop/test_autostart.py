"""The opt-in autostart entry is a valid desktop entry whose Exec line, run as a session would run it
at login, starts ModelDesk in the tray (a real tray host) with no window."""

from __future__ import annotations

import shlex
import subprocess
from pathlib import Path

import pytest

from modeldesk import desktop_entry
from tests.desktop.test_tray import tray_icon
from tests.helpers.tools import require_tool
from tests.helpers.xsession import App, XSession, wait_until

pytestmark = pytest.mark.desktop


def test_the_autostart_entry_starts_the_app_in_the_tray(md, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    entry = desktop_entry.set_autostart(True)
    assert entry == tmp_path / "xdg-config" / "autostart" / "io.github.modeldesk.ModelDesk.desktop"
    v = subprocess.run([require_tool("desktop-file-validate"), str(entry)], capture_output=True, text=True)
    assert v.returncode == 0 and not v.stdout.strip(), v.stdout + v.stderr
    exec_line = next(line[5:] for line in entry.read_text().splitlines() if line.startswith("Exec="))
    argv = shlex.split(exec_line)
    assert argv[-2:] == ["gui", "--minimized"] and Path(argv[0]).is_absolute()

    with XSession() as xs:
        app = App(xs, md, command=argv)
        try:
            wait_until(lambda: tray_icon(xs), 20, "the tray icon inside trayer")
            app.wait_log("started in the tray", 10)
            assert not xs.xdotool("search", "--onlyvisible", "--name", "^ModelDesk$")
        finally:
            assert app.stop() == 0

    desktop_entry.set_autostart(False)
    assert not entry.exists()
