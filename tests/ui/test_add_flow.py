"""The add dialog against the real engine: a .torrent's file tree, a file left out, the job running
to completion from a real libtorrent seed in another process, and the table following it."""

from __future__ import annotations

import hashlib

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from modeldesk.core.contracts.models import JobState
from modeldesk.ui.transfer_model import Col
from tests.helpers.swarm import LtPeer


def find_item(model, name: str):
    matches = model.findItems(name, Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive)
    assert matches, f"{name} not in the file tree"
    return matches[0]


def test_torrent_with_one_file_left_out_downloads_the_rest(engine, window, qtbot, tmp_path, model_torrent):
    data, top, torrent = model_torrent.data, model_torrent.top, model_torrent.torrent
    out = tmp_path / "projects" / "tts"

    dialog = window.dialogs.show_add(str(torrent))
    qtbot.waitUntil(lambda: dialog.files_model.rowCount() > 0, timeout=10_000)
    assert "4 of 4 files selected" in dialog.status.text()
    find_item(dialog.files_model, "demo.wav").setCheckState(Qt.CheckState.Unchecked)
    assert "3 of 4 files selected" in dialog.status.text()
    dialog.folder.setCurrentText(str(out))
    qtbot.waitUntil(lambda: "Free space" in dialog.free.text(), timeout=5_000)
    assert dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
    with qtbot.waitSignal(engine.bridge.sourceAdded, timeout=10_000) as added:
        dialog.accept()
    job_id = added.args[0]
    qtbot.waitUntil(lambda: window.model.row(job_id) is not None, timeout=5_000)

    with LtPeer("seed", torrent, data, tmp_path, peers=[f"127.0.0.1:{engine.port}"]), \
            qtbot.waitSignal(engine.bridge.jobFinished, timeout=60_000):
        pass
    got = out / "tts-model"
    for rel in ("models/weights.safetensors", "models/config.json", "README.md"):
        assert hashlib.sha256((got / rel).read_bytes()).digest() == hashlib.sha256((top / rel).read_bytes()).digest()
    assert not (got / "samples" / "demo.wav").exists()
    assert not list(got.rglob("*.mdpart"))
    qtbot.waitUntil(lambda: window.model.row(job_id).state is JobState.SEEDING, timeout=10_000)
    row = window.model.index(0, Col.PROGRESS)
    assert row.data() == "100.0%"
    entry = engine.manager.entries().result()[0]
    assert entry.selection.exclude == ("tts-model/samples/demo.wav",)
    assert engine.prefs.get().default_project_dir == str(out)  # remembered for next time

    # The same torrent (same files) into a second project while it seeds: placed from the library, not
    # downloaded again, the job still seeding from its first folder; the status bar says so.
    other = tmp_path / "projects" / "asr"
    # (Waited for by its effect: pytest-qt's waitSignal can crash on a signal a worker emits several
    # times in a row, one queued call arriving after the blocker is gone.)
    engine.bridge.add_source(str(torrent), str(other), entry.selection)
    qtbot.waitUntil(lambda: "not downloaded again" in window.statusBar().currentMessage(), timeout=10_000)
    qtbot.waitUntil(lambda: (other / "tts-model" / "README.md").is_file(), timeout=5_000)
    for rel in ("models/weights.safetensors", "models/config.json", "README.md"):
        assert (other / "tts-model" / rel).read_bytes() == (got / rel).read_bytes()
    assert not (other / "tts-model" / "samples").exists()
    (entry,) = engine.manager.entries().result()
    assert entry.project_dir == str(out) and entry.placed_in == (str(other),)
    assert window.model.row(job_id).state is JobState.SEEDING

    # Removing it with its files from the first folder leaves the placed copies alone.
    engine.bridge.remove(job_id, delete_files=True)
    qtbot.waitUntil(lambda: not (got / "README.md").exists() and not engine.manager.entries().result(),
                    timeout=10_000)
    assert (other / "tts-model" / "README.md").read_bytes() == (top / "README.md").read_bytes()


def test_a_broken_source_is_explained_and_cannot_be_added(engine, window, qtbot, tmp_path):
    bad = tmp_path / "broken.torrent"
    bad.write_bytes(b"d8:announce3:foo4:infoi1ee")
    dialog = window.dialogs.show_add(str(bad))
    qtbot.waitUntil(lambda: "Reading" not in dialog.status.text(), timeout=10_000)
    assert "broken.torrent" in dialog.status.text()
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
    dialog.source.setText("magnet:?xt=urn:btih:nothex")
    qtbot.waitUntil(lambda: "magnet" in dialog.status.text().lower(), timeout=10_000)
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()


def test_adding_into_a_file_shows_what_to_do(engine, window, qtbot, tmp_path):
    """A failed action (the project folder is a file) reaches the user as a message, not a traceback."""
    not_a_dir = tmp_path / "weights.bin"
    not_a_dir.write_bytes(b"x")
    with qtbot.waitSignal(engine.bridge.actionFailed, timeout=10_000) as failed:
        engine.bridge.add_source("magnet:?xt=urn:btih:" + "ab" * 20, str(not_a_dir))
    assert str(not_a_dir) in failed.args[1]
    assert "Traceback" not in failed.args[1]

    def shown():
        return [b for b in window.findChildren(QMessageBox) if b.isVisible() and str(not_a_dir) in b.text()]

    qtbot.waitUntil(lambda: bool(shown()), timeout=5_000)


def test_a_magnet_fills_the_file_tree_when_a_peer_sends_the_metadata(engine, window, qtbot, tmp_path,
                                                                     model_torrent):
    data, top, torrent, ih = model_torrent.data, model_torrent.top, model_torrent.torrent, model_torrent.ih
    out = tmp_path / "proj"
    previews = []
    engine.bridge.previewReady.connect(lambda _n, p: previews.append(p))
    with LtPeer("seed", torrent, data, tmp_path) as seed:
        dialog = window.dialogs.show_add(f"magnet:?xt=urn:btih:{ih}&dn=tts-model&x.pe=127.0.0.1:{seed.port}")
        dialog.folder.setCurrentText(str(out))
        qtbot.waitUntil(lambda: dialog.files_model.rowCount() > 0, timeout=30_000)
        # First the link alone (the dialog could add it at once), then the list the peer sent.
        assert [len(p.files) for p in previews] == [0, 4], previews
        assert "4 of 4 files selected" in dialog.status.text()
        find_item(dialog.files_model, "demo.wav").setCheckState(Qt.CheckState.Unchecked)
        with qtbot.waitSignal(engine.bridge.sourceAdded, timeout=10_000) as added:
            dialog.accept()
        job_id = added.args[0]
        qtbot.waitUntil(lambda: (row := window.model.row(job_id)) is not None and row.state is JobState.SEEDING,
                        timeout=60_000)
    got = out / "tts-model"
    assert (got / "models/weights.safetensors").read_bytes() == (top / "models/weights.safetensors").read_bytes()
    assert not (got / "samples" / "demo.wav").exists()
    assert engine.manager.entry(job_id).result(5).selection.exclude == ("tts-model/samples/demo.wav",)
    scratch = engine.paths.parts_dir / "previews"
    assert not [p for p in scratch.rglob("*") if p.is_file()], "asking for the file list wrote nothing"


def test_a_magnet_without_peers_can_be_added_before_its_file_list(engine, window, qtbot, tmp_path):
    dialog = window.dialogs.show_add("magnet:?xt=urn:btih:" + "cd" * 20 + "&dn=lonely-model")
    dialog.folder.setCurrentText(str(tmp_path / "proj"))
    qtbot.waitUntil(lambda: "asking peers" in dialog.status.text(), timeout=10_000)
    assert "lonely-model" in dialog.status.text() and dialog.files_model.rowCount() == 0
    assert not dialog.seed.isHidden(), "a torrent offers to keep seeding"
    assert dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
    with qtbot.waitSignal(engine.bridge.sourceAdded, timeout=10_000) as added:
        dialog.accept()  # the job takes over from the dialog's request for the file list
    assert added.args[0] == "cd" * 20


def test_a_plain_url_takes_other_urls_and_a_sha256_in_the_dialog(engine, window, qtbot, tmp_path):
    """As `get --url/--sha256`: a plain URL's dialog asks for other URLs of the file and its sha256 (and
    hides the HF mirror field, which does nothing for it); both reach the download."""
    from tests.helpers.faulty_http import FaultyServer
    from tests.helpers.nginx import Nginx
    from tests.helpers.swarm import random_payload

    www, f, digest = random_payload(tmp_path / "www", 3 * 1024 * 1024)
    with FaultyServer(www, "status:404") as gone, Nginx(www, tmp_path / "ngx") as good:
        dialog = window.dialogs.show_add(f"{gone.url}/{f.name}")
        qtbot.waitUntil(lambda: "one file from this URL" in dialog.status.text(), timeout=10_000)
        assert dialog.other_urls.isVisibleTo(dialog) and dialog.sha256.isVisibleTo(dialog)
        assert not dialog.mirror.isVisibleTo(dialog)
        dialog.folder.setCurrentText(str(tmp_path / "proj"))
        ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
        dialog.sha256.setText("not a hash")
        assert not ok.isEnabled()
        dialog.sha256.setText(digest.upper())
        dialog.other_urls.setPlainText(f"\n{good.url}/{f.name}\n")
        qtbot.waitUntil(ok.isEnabled, timeout=5_000)
        with qtbot.waitSignal(engine.bridge.jobFinished, timeout=30_000):
            dialog.accept()
    assert hashlib.sha256((tmp_path / "proj" / f.name).read_bytes()).hexdigest() == digest
    entry = engine.manager.entries().result()[0]
    assert entry.options.get("sha256") == digest and f"{good.url}/{f.name}" in entry.options.get("urls", [])
    # A magnet or a hub repo shows the mirror field and not the plain URL's.
    again = window.dialogs.show_add("hf://acme/none")
    assert again.mirror.isVisibleTo(again) and not again.sha256.isVisibleTo(again)
    again.reject()
