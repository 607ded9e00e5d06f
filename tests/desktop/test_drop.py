"""A real drag and drop under Xvfb: another X client (as a file manager would) drags a .torrent
file onto the running app's window over XDND; the add dialog opens with it, and Enter adds the job."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest

from tests.helpers.swarm import make_model, make_torrent
from tests.helpers.xsession import App, XSession, wait_until

pytestmark = pytest.mark.desktop


def test_dropping_a_torrent_file_on_the_window_adds_it(md, tmp_path):
    top = make_model(tmp_path / "seed-data")
    torrent = tmp_path / "dropped model.torrent"
    ih = make_torrent(top, torrent)
    with XSession(tray=False) as xs:
        app = App(xs, md)
        source = subprocess.Popen([sys.executable, "-m", "tests.helpers.drag_source", str(torrent)], env=xs.env,
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        try:
            win = app.window_id()
            xs.xdotool("windowmove", win, "300", "0")
            xs.xdotool("windowsize", win, "900", "600")
            src = wait_until(lambda: xs.xdotool("search", "--onlyvisible", "--name", "^drag-source$").split(),
                             20, "the drag source window")[0]
            xs.xdotool("windowmove", src, "0", "600")
            time.sleep(0.5)
            xs.xdotool("mousemove", "100", "700")
            xs.xdotool("mousedown", "1")
            for x, y in ((140, 650), (250, 500), (450, 350), (700, 160), (710, 150), (712, 152)):
                time.sleep(0.3)
                xs.xdotool("mousemove", str(x), str(y))
            time.sleep(0.5)
            xs.xdotool("mouseup", "1")
            out, _ = source.communicate(timeout=20)
            assert "CopyAction" in out, f"the window did not take the drop: {out}"
            dialog = wait_until(lambda: xs.xdotool("search", "--onlyvisible", "--name", "^Add a model$").split(),
                                20, "the add dialog")[0]
            time.sleep(1.0)  # the dialog reads the .torrent in the background before Download is enabled
            xs.xdotool("windowfocus", "--sync", dialog)
            xs.xdotool("key", "Return")
            listed = wait_until(lambda: [e for e in json.loads(md.run("list", "--json").stdout or "[]")
                                         if e.get("job_id") == ih], 20, "the dropped job in the library")
            assert listed[0]["name"] == "tts-model"
        finally:
            if source.poll() is None:
                source.kill()
                source.wait(5)
            assert app.stop() == 0
