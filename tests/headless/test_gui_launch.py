"""How the command line decides between the app and the headless commands."""

from __future__ import annotations

import subprocess
import sys

from modeldesk.cli import _is_gui_launch


def test_no_command_or_a_bare_source_opens_the_app():
    assert _is_gui_launch([])
    assert _is_gui_launch(["magnet:?xt=urn:btih:" + "a" * 40])
    assert _is_gui_launch(["model.torrent"])
    assert not _is_gui_launch(["get", "x"])
    assert not _is_gui_launch(["--help"])
    assert not _is_gui_launch(["list"])


def test_without_a_display_the_app_says_what_to_use_instead(md):
    env = {k: v for k, v in md.environ().items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    r = subprocess.run([sys.executable, "-m", "modeldesk"], env=env, capture_output=True, text=True, timeout=60,
                       stdin=subprocess.DEVNULL)
    assert r.returncode == 2
    assert "modeldesk get SOURCE --to DIR" in r.stderr
    assert "Traceback" not in r.stderr
