"""The Publish dialog on the real engine: a dropped model folder is hashed into a .torrent beside it,
the magnet shown with a copy button, and the job seeds from the folder; a bad source gets a sentence."""

from __future__ import annotations

import libtorrent as lt
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QGuiApplication

from modeldesk.core.contracts.models import JobState
from modeldesk.ui.publish_dialog import PublishDialog
from tests.helpers.swarm import make_model


def _drop_folder(window, folder) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(folder))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)


def test_a_dropped_folder_is_published_and_seeded(engine, window, qtbot, tmp_path):
    top = make_model(tmp_path / "models")
    _drop_folder(window, top)
    dialogs = [d for d in window.dialogs.open if isinstance(d, PublishDialog)]
    assert len(dialogs) == 1
    dialog = dialogs[0]
    assert dialog.source.text() == str(top)
    dialog.web_seeds.setPlainText("http://127.0.0.1:9/files/\n\n")
    dialog.comment.setText("for the lab")
    with qtbot.waitSignal(engine.bridge.publishReady, timeout=30_000):
        dialog.publish_button.click()
    assert dialog.result_box.isVisible() and not dialog.error.isVisible()
    magnet = dialog.magnet.text()
    assert magnet.startswith("magnet:?xt=urn:btih:") and "urn:btmh:" in magnet
    assert "ws=http%3a%2f%2f127.0.0.1%3a9%2ffiles%2f" in magnet.lower()
    dialog.copy_magnet()
    assert QGuiApplication.clipboard().text() == magnet
    torrent = top.parent / f"{top.name}.torrent"
    assert dialog.torrent_path.text() == str(torrent)
    info = lt.torrent_info(str(torrent))
    assert info.comment() == "for the lab" and info.name() == top.name
    # The job joins the library, checked against the folder, and seeds from it.
    qtbot.waitUntil(lambda: any(r.state is JobState.SEEDING and r.name == top.name for r in window.model.rows()),
                    timeout=30_000)
    # Publishing again gives the same torrent (deterministic) and leaves the seeding job alone.
    with qtbot.waitSignal(engine.bridge.publishReady, timeout=30_000):
        dialog.publish_button.click()
    assert dialog.magnet.text() == magnet and not dialog.error.isVisible()
    assert len(window.model.rows()) == 1


def test_a_bad_source_gets_a_sentence_and_nothing_is_written(engine, window, qtbot, tmp_path):
    dialog = window.dialogs.show_publish(str(tmp_path / "no-such-model"))
    with qtbot.waitSignal(engine.bridge.publishReady, timeout=10_000):
        dialog.publish_button.click()
    assert dialog.error.isVisible() and "neither a folder nor a job" in dialog.error.text()
    assert not dialog.result_box.isVisible() and dialog.form.isEnabled()
    empty = tmp_path / "empty"
    empty.mkdir()
    dialog.source.setText(str(empty))
    with qtbot.waitSignal(engine.bridge.publishReady, timeout=10_000):
        dialog.publish_button.click()
    assert dialog.error.isVisible()
    assert not list(tmp_path.glob("*.torrent"))
    dialog.source.setText("")
    dialog.publish_button.click()
    assert "Choose the model folder" in dialog.error.text()


def test_a_finished_hub_download_publishes_as_its_repo_and_commit(engine, window, qtbot, tmp_path):
    from tests.helpers.hub_server import HubServer

    make_model(tmp_path / "hub" / "acme", "tts", sizes={"model.safetensors": 300_000, "config.json": 99})
    folder = tmp_path / "projects" / "tts"
    with HubServer(tmp_path / "hub") as hub:
        with qtbot.waitSignal(engine.bridge.jobFinished, timeout=30_000):
            engine.bridge.add_source("hf://acme/tts", str(folder), mirrors=(hub.url,))
        commit = hub.commit("acme/tts")
    qtbot.waitUntil(lambda: window.proxy.rowCount() == 1, timeout=5_000)
    window.table.selectAll()
    dialog = window.dialogs.publish_selected()
    assert dialog.source.text().startswith("hf-")  # the library job, not a folder typed by hand
    with qtbot.waitSignal(engine.bridge.publishReady, timeout=30_000):
        dialog.publish_button.click()
    assert not dialog.error.isVisible(), dialog.error.text()
    assert dialog.published.name == "acme/tts" and dialog.published.plan.hub == ("acme/tts", commit, "hf")
    assert "dn=acme%2Ftts" in dialog.magnet.text()
    assert lt.torrent_info(str(dialog.published.out)).name() == commit



def test_hidden_files_stay_home_and_a_link_out_is_refused_in_the_dialog(engine, window, qtbot, tmp_path):
    import os

    top = make_model(tmp_path / "models")
    (top / ".env").write_text("HF_TOKEN=hf_never_published_123\n")
    (top / ".git").mkdir()
    (top / ".git" / "config").write_text("[core]\n")
    dialog = window.dialogs.show_publish(str(top))
    dialog.seed.setChecked(False)
    with qtbot.waitSignal(engine.bridge.publishReady, timeout=30_000):
        dialog.publish_button.click()
    assert dialog.result_box.isVisible() and not dialog.error.isVisible()
    assert "Left out, hidden: .env" in dialog.summary.text()
    names = lt.torrent_info(str(top.parent / f"{top.name}.torrent")).layout()
    assert not any(".env" in names.file_path(i) for i in range(names.num_files()))
    # A link out of the folder: refused in the dialog, no .torrent written.
    (tmp_path / "secret.txt").write_text("mine")
    other = make_model(tmp_path / "more", "second")
    os.symlink(tmp_path / "secret.txt", other / "tokenizer.json")
    dialog.source.setText(str(other))
    with qtbot.waitSignal(engine.bridge.publishReady, timeout=30_000):
        dialog.publish_button.click()
    assert dialog.error.isVisible() and "leads outside the folder" in dialog.error.text()
    assert not (other.parent / "second.torrent").exists()
    # Hidden files on request, a key never: the box is there and honoured.
    dialog.include_hidden.setChecked(True)
    os.unlink(other / "tokenizer.json")
    (other / ".netrc").write_text("machine x login y password z\n")
    with qtbot.waitSignal(engine.bridge.publishReady, timeout=30_000):
        dialog.publish_button.click()
    assert dialog.error.isVisible() and "looks like a credential" in dialog.error.text()
