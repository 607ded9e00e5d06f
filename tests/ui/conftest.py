"""Widget tests run offscreen; the engine behind them is the real one, on loopback."""

from __future__ import annotations

import os
from types import SimpleNamespace

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from modeldesk.bridge import EngineBridge, Preferences
from modeldesk.core.runtime.manager import Manager
from modeldesk.core.config.paths import default_paths
from modeldesk.core.config.settings import load_settings
from tests.helpers.swarm import make_model, make_torrent


class Engine:
    """Manager + bridge + preferences, wired as app.py wires them, without the window."""

    def __init__(self, md):
        self.paths = default_paths({"MODELDESK_HOME": str(md.root)}).ensure()
        self.prefs = Preferences(load_settings(self.paths.settings_file), self.paths.settings_file)
        self.bridge = EngineBridge()
        self.manager = Manager(self.paths, self.prefs.get(), self.bridge.deliver)
        self.bridge.bind(self.manager, self.prefs.get)
        self.port = 0
        self.bridge.listening.connect(self._on_listening)

    def _on_listening(self, _address: str, port: int) -> None:
        self.port = port

    def start(self, qtbot) -> None:
        with qtbot.waitSignal(self.bridge.entriesLoaded, timeout=20_000):
            self.bridge.start_engine(restore=True)
        qtbot.waitUntil(lambda: self.port > 0, timeout=10_000)

    def stop(self) -> None:
        assert self.bridge.stop_engine(10.0)
        self.bridge.shutdown()
        self.prefs.close()


@pytest.fixture
def engine(md, qtbot):
    e = Engine(md)
    e.start(qtbot)
    yield e
    e.stop()


@pytest.fixture
def window(engine, qtbot):
    """The main window on the real engine, shown offscreen."""
    from modeldesk.ui.main_window import MainWindow

    w = MainWindow(engine.bridge, engine.prefs)
    qtbot.addWidget(w)
    w.show()
    return w


@pytest.fixture
def model_torrent(tmp_path):
    """A model to seed from and its .torrent: data (the seed's folder), top (the model in it), torrent, ih."""
    data = tmp_path / "seed-data"
    top = make_model(data)
    torrent = tmp_path / "model.torrent"
    return SimpleNamespace(data=data, top=top, torrent=torrent, ih=make_torrent(top, torrent))
