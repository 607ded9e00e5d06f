"""The details panel against the real engine: live files, peers and magnet of a torrent; ticking a
file left out makes the engine fetch it (from a real libtorrent seed in another process)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from modeldesk.core.contracts.models import Selection
from tests.helpers.swarm import LtPeer


def file_item(tab, path):
    return tab.item_for(path)


def test_files_tab_picks_a_file_left_out(engine, window, qtbot, tmp_path, model_torrent):
    data, top, torrent, ih = model_torrent.data, model_torrent.top, model_torrent.torrent, model_torrent.ih
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
    assert panel.general._fields["identity"].text() == f"info-hash {ih}"  # the bytes' name, to compare
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


def test_files_tab_is_a_folder_tree_and_a_folder_tick_reaches_every_file_below(qtbot):
    from modeldesk.core.contracts.details import LOW, NORMAL, SKIP, FileDetail
    from modeldesk.ui.detail_tabs import FilesTab

    tab = FilesTab()
    qtbot.addWidget(tab)
    files = (FileDetail(0, "m/weights/a.bin", 1000, 1000, NORMAL), FileDetail(1, "m/weights/b.bin", 1000, 0, SKIP),
             FileDetail(2, "m/README.md", 500, 500, LOW))
    tab.show_files(files, editable=True)
    weights, top = tab.item_for("m/weights"), tab.item_for("m")
    assert tab.topLevelItemCount() == 1 and top.childCount() == 2 and weights.childCount() == 2
    assert weights.checkState(0) == Qt.CheckState.PartiallyChecked and weights.text(2) == "50.0%"
    assert top.text(3) == "Mixed" and top.checkState(0) == Qt.CheckState.PartiallyChecked
    assert tab.item_for("m/README.md").text(3) == "Low"

    with qtbot.waitSignal(tab.prioritiesChanged) as changed:
        weights.setCheckState(0, Qt.CheckState.Checked)
    assert changed.args[0] == {0: NORMAL, 1: NORMAL}

    top.setExpanded(False)
    tab.show_files(files[:1] + (FileDetail(1, "m/weights/b.bin", 1000, 400, NORMAL),) + files[2:], editable=True)
    assert tab.item_for("m") is top and not top.isExpanded(), "a refresh updates items in place"
    assert weights.checkState(0) == Qt.CheckState.Checked and weights.text(2) == "70.0%"

    with qtbot.assertNotEmitted(tab.prioritiesChanged):
        tab.show_files(files, editable=False)  # HTTP files: shown, not changeable
    assert not weights.flags() & Qt.ItemFlag.ItemIsUserCheckable


def test_a_hub_repos_files_are_in_or_out(qtbot):
    """An HTTP hub job's Files tab ticks files in and out; its menu offers only "Do not download" and Normal
    (its files are fetched in listing order, so Low and High would mean nothing)."""
    from modeldesk.core.contracts.details import NORMAL, SKIP, FileDetail
    from modeldesk.ui.detail_tabs import HTTP_LEVELS, FilesTab

    tab = FilesTab()
    qtbot.addWidget(tab)
    files = (FileDetail(0, "config.json", 50, 50, NORMAL), FileDetail(1, "model.safetensors", 9000, 0, SKIP))
    tab.show_files(files, editable=True, levels=HTTP_LEVELS)
    assert [a.text() for a in tab.priority_menu([1]).actions()] == ["Do not download", "Normal"]
    with qtbot.waitSignal(tab.prioritiesChanged) as changed:
        tab.item_for("model.safetensors").setCheckState(0, Qt.CheckState.Checked)
    assert changed.args[0] == {1: NORMAL}
    with qtbot.waitSignal(tab.prioritiesChanged) as changed:
        tab.priority_menu([0]).actions()[0].trigger()
    assert changed.args[0] == {0: SKIP}
