"""The app on a virtual X display with a real tray host (trayer): the tray icon appears, closing the
window keeps a model seeding to a real leecher in another process, and the tray menu quits."""

from __future__ import annotations

import hashlib
import re
import shutil

import pytest

from tests.helpers.swarm import LtPeer, make_model, make_torrent
from tests.helpers.xsession import App, XSession, wait_until

pytestmark = pytest.mark.desktop


def _digest(path) -> tuple[int, str]:
    data = path.read_bytes()
    return len(data), hashlib.sha256(data).hexdigest()


def tray_icon(xs: XSession) -> str | None:
    """The id of our icon's window, embedded in trayer's panel."""
    tree = xs.tree()
    panel = tree.find('("panel" "trayer")')
    if panel < 0:
        return None
    m = re.search(r'(0x[0-9a-f]+) "ModelDesk": \("modeldesk" "ModelDesk"\)', tree[panel:])
    return m.group(1) if m else None


@pytest.fixture
def complete_model(md, tmp_path):
    """A model already complete in its project folder and in the library (as `get` leaves it)."""
    src = tmp_path / "src"
    top = make_model(src)
    torrent = tmp_path / "model.torrent"
    make_torrent(top, torrent)
    project = tmp_path / "projects" / "tts"
    shutil.copytree(top, project / top.name)
    r = md.run("get", str(torrent), "--to", str(project), "--no-seed", "--json", "--timeout", "60")
    assert r.code == 0, r.stderr
    return torrent, project


def test_closing_the_window_keeps_seeding_and_the_tray_menu_quits(md, tmp_path, complete_model):
    torrent, project = complete_model
    with XSession() as xs:
        app = App(xs, md)
        try:
            icon = wait_until(lambda: tray_icon(xs), 20, "the tray icon inside trayer")
            port = app.port()
            win = app.window_id()
            xs.xdotool("windowfocus", "--sync", win)
            xs.xdotool("key", "--window", win, "ctrl+w")
            app.wait_log("window hidden to the tray", 10)
            wait_until(lambda: not xs.xdotool("search", "--onlyvisible", "--name", "^ModelDesk$"), 10,
                       "the window to hide")
            assert app.proc.poll() is None

            leech_dir = tmp_path / "leech"
            with LtPeer("leech", torrent, leech_dir, tmp_path, peers=[f"127.0.0.1:{port}"]) as leech:
                line = wait_until(lambda: leech.proc.stdout.readline(), 60, "the leecher to finish")
            assert line.startswith("done"), line
            for f in (project / "tts-model").rglob("*"):
                if f.is_file():
                    got = leech_dir / "tts-model" / f.relative_to(project / "tts-model")
                    # digests, not bytes: pytest's diff of two large files outlasts the test's timeout
                    assert _digest(got) == _digest(f), f"{got} differs from what the app seeds"

            # Tray menu → Quit (the last entry): the app saves and exits by itself.
            xs.xdotool("mousemove", "--window", str(int(icon, 16)), "11", "11", "click", "3")
            wait_until(lambda: xs.xdotool("search", "--onlyvisible", "--class", "modeldesk"), 10, "the tray menu")
            xs.xdotool("key", "Up", "Return")
            assert app.proc.wait(30) == 0
            assert "stopped" in app.log_text()
        finally:
            app.stop()
