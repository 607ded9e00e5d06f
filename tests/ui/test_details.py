"""The details panel against the real engine: live files, peers and magnet of a torrent; ticking a
file left out makes the engine fetch it (from a real libtorrent seed in another process)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from modeldesk.core.models import Selection
from tests.helpers.swarm import LtPeer, make_model, make_torrent


def file_item(tab, path):
    for i in range(tab.topLevelItemCount()):
        if tab.topLevelItem(i).text(0) == path:
            return tab.topLevelItem(i)
    return None


def test_files_tab_picks_a_file_left_out(engine, window, qtbot, tmp_path):
    data = tmp_path / "seed-data"
    top = make_model(data)
    torrent = tmp_path / "model.torrent"
    ih = make_torrent(top, torrent)
    out = tmp_path / "proj"
    with qtbot.waitSignal(engine.bridge.sourceAdded, timeout=10_000) as added:
        engine.bridge.add_source(str(torrent), str(out), Selection(exclude=("*.wav",)))
    job_id = added.args[0]
    with LtPeer("seed", torrent, data, tmp_path, peers=[f"127.0.0.1:{engine.port}"]), \
            qtbot.waitSignal(engine.bridge.jobFinished, timeout=60_000):
        pass

    qtbot.waitUntil(lambda: window.model.row(job_id) is not None, timeout=5_000)
    window.select_job(job_id)
    panel = window.details
    panel.setCurrentWidget(panel.files)
    wav = "tts-model/samples/demo.wav"
    qtbot.waitUntil(lambda: panel.files.editable and file_item(panel.files, wav) is not None, timeout=10_000)
    assert panel.isTabVisible(panel.indexOf(panel.peers)) and not panel.isTabVisible(panel.indexOf(panel.mirrors))
    item = file_item(panel.files, wav)
    assert item.checkState(0) == Qt.CheckState.Unchecked and item.text(2) != "100.0%"
    weights = file_item(panel.files, "tts-model/models/weights.safetensors")
    assert weights.checkState(0) == Qt.CheckState.Checked and weights.text(2) == "100.0%"

    window.copy_magnet()
    assert QGuiApplication.clipboard().text().startswith(f"magnet:?xt=urn:btih:{ih}")

    with qtbot.waitSignal(engine.bridge.metadataReceived, timeout=10_000):
        item.setCheckState(0, Qt.CheckState.Checked)  # the user ticks it: straight to the engine
    with LtPeer("seed", torrent, data, tmp_path, peers=[f"127.0.0.1:{engine.port}"]), \
            qtbot.waitSignal(engine.bridge.jobFinished, timeout=60_000):
        pass
    assert (out / wav).read_bytes() == (top / "samples/demo.wav").read_bytes()
    qtbot.waitUntil(lambda: file_item(panel.files, wav).text(2) == "100.0%", timeout=10_000)
    assert file_item(panel.files, wav).checkState(0) == Qt.CheckState.Checked
