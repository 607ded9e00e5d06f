"""The single-instance name per platform, and a hand-over through a long ModelDesk home whose
socket path would not fit in a socket address."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from modeldesk.core.config.local_socket import SUN_PATH_MAX
from modeldesk.ui.single_instance import InstanceServer, instance_name

SECOND_LAUNCH = """import sys
from PySide6.QtCore import QCoreApplication
from modeldesk.ui.single_instance import forward
app = QCoreApplication([])
print(forward(sys.argv[1], sys.argv[2:]))
"""


@pytest.fixture
def run_dir():
    """A short runtime folder: pytest's own tmp_path under an xdist worker is already long."""
    with tempfile.TemporaryDirectory(prefix="mdrun-", dir="/tmp") as d:
        yield Path(d)


def test_windows_gets_a_pipe_name_not_a_path():
    state = Path("C:/Users/李雷/AppData/Local/ModelDesk/state")
    name = instance_name(state, platform="win32")
    assert name.startswith("ModelDesk-") and "/" not in name and "\\" not in name and ":" not in name
    assert name != instance_name(Path("C:/Users/other/AppData/Local/ModelDesk/state"), platform="win32")


def test_a_short_state_folder_holds_the_socket(tmp_path):
    assert instance_name(tmp_path, platform="linux") == str(tmp_path / "instance.sock")
    assert instance_name(tmp_path, platform="darwin") == str(tmp_path / "instance.sock")


def test_a_long_state_folder_uses_the_runtime_folder(tmp_path, run_dir):
    deep = tmp_path / ("x" * 60) / ("y" * 60)
    name = instance_name(deep, platform="linux", runtime_dir=str(run_dir))
    assert len(os.fsencode(name)) < SUN_PATH_MAX
    assert Path(name).parent == run_dir / f"modeldesk-{os.getuid()}"
    assert name != instance_name(deep / "z", platform="linux", runtime_dir=str(run_dir))


def test_hand_over_through_a_long_home(qtbot, tmp_path, run_dir, monkeypatch):
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(run_dir))
    deep = tmp_path / ("x" * 60) / ("y" * 60) / "state"
    name = instance_name(deep)
    server = InstanceServer(name)
    assert server.listen()
    folder = Path(name).parent
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    magnet = "magnet:?xt=urn:btih:" + "ab" * 20
    second = subprocess.Popen([sys.executable, "-c", SECOND_LAUNCH, name, magnet], stdout=subprocess.PIPE, text=True,
                              env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    try:
        with qtbot.waitSignal(server.sourcesReceived, timeout=20_000) as got:
            pass
        qtbot.waitUntil(lambda: second.poll() is not None, timeout=10_000)
    finally:
        server.close()
        if second.poll() is None:
            second.kill()
        second.wait(5)
    assert got.args == [[magnet]]
    assert second.stdout.read().strip() == "True"  # it got the running instance's "ok"
