"""The add dialog's Mirror field: a hub repo no known endpoint serves is explained with the app's own
remedy, lists once a mirror is chosen, and downloads from that mirror."""

from __future__ import annotations

from modeldesk.core.models import JobState
from tests.helpers.hub_server import HubServer
from tests.helpers.swarm import write_random


def test_a_mirror_chosen_in_the_dialog_lists_and_fetches_the_repo(engine, window, qtbot, tmp_path):
    repo = tmp_path / "hub" / "acme" / "tiny-tts"
    write_random(repo / "model.safetensors", 300 * 1024)
    (repo / "config.json").write_text("{}\n")
    out = tmp_path / "proj"
    with HubServer(tmp_path / "hub") as hub:
        dialog = window.show_add_dialog("hf://acme/tiny-tts")
        dialog.folder.setCurrentText(str(out))
        qtbot.waitUntil(lambda: "Reading" not in dialog.status.text(), timeout=10_000)
        assert "Mirror field" in dialog.status.text() and "--mirror" not in dialog.status.text()
        assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
        dialog.mirror.setCurrentText(hub.url)
        qtbot.waitUntil(lambda: "2 of 2 files" in dialog.status.text(), timeout=10_000)
        assert dialog.choice().mirrors == (hub.url,)
        dialog.accept()
        qtbot.waitUntil(lambda: any(e.state == JobState.FINISHED and e.project_dir == str(out)
                                    for e in window.model.rows()), timeout=30_000)
    assert (out / "model.safetensors").read_bytes() == (repo / "model.safetensors").read_bytes()
