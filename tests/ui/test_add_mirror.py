"""The add dialog's hub options. The Mirror field: a hub repo no known endpoint serves is explained with
the app's own remedy, lists once a mirror is chosen, and downloads from that mirror. The hub-cache box,
and no seeding box for what has nothing to seed."""

from __future__ import annotations

from pathlib import Path

from modeldesk.core.contracts.models import JobState
from tests.helpers.hub_server import HubServer
from tests.helpers.swarm import write_random


def test_a_mirror_chosen_in_the_dialog_lists_and_fetches_the_repo(engine, window, qtbot, tmp_path):
    repo = tmp_path / "hub" / "acme" / "tiny-tts"
    write_random(repo / "model.safetensors", 300 * 1024)
    (repo / "config.json").write_text("{}\n")
    out = tmp_path / "proj"
    with HubServer(tmp_path / "hub") as hub:
        dialog = window.dialogs.show_add("hf://acme/tiny-tts")
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


def test_a_hub_repo_can_also_go_into_the_hugging_face_cache(engine, window, qtbot, tmp_path, monkeypatch):
    """The dialog's hub-cache box (shown for hub repos only): once complete, the repo is in HF_HUB_CACHE
    where huggingface_hub itself finds it offline, and the project folder keeps its own files."""
    from huggingface_hub import snapshot_download

    cache = tmp_path / "hf-cache"
    monkeypatch.setenv("HF_HUB_CACHE", str(cache))
    repo = tmp_path / "hub" / "acme" / "tiny-tts"
    write_random(repo / "model.safetensors", 300 * 1024)
    (repo / "config.json").write_text("{}\n")
    out = tmp_path / "proj"
    dialog = window.dialogs.show_add("http://127.0.0.1:9/plain.bin")
    qtbot.waitUntil(lambda: dialog._preview is not None, timeout=10_000)
    assert dialog.hub_cache.isHidden(), "a plain URL has no hub cache to go into"
    assert dialog.seed.isHidden(), "nor anything to seed"
    assert dialog.files.isHidden() and "one file from this URL" in dialog.status.text(), "no empty file tree"
    dialog.reject()
    with HubServer(tmp_path / "hub") as hub:
        dialog = window.dialogs.show_add("hf://acme/tiny-tts")
        dialog.folder.setCurrentText(str(out))
        dialog.mirror.setCurrentText(hub.url)
        qtbot.waitUntil(lambda: "2 of 2 files" in dialog.status.text(), timeout=10_000)
        assert not dialog.hub_cache.isHidden() and str(cache) in dialog.hub_cache.toolTip()
        assert dialog.seed.isHidden(), "a hub repo's job seeds only when it joins a swarm, whatever a box says"
        dialog.hub_cache.setChecked(True)
        assert dialog.choice().hub_cache
        dialog.accept()
        qtbot.waitUntil(lambda: any(e.state == JobState.FINISHED and e.project_dir == str(out)
                                    for e in window.model.rows()), timeout=30_000)
        commit = hub.commit("acme/tiny-tts")
    snapshot = snapshot_download("acme/tiny-tts", revision=commit, cache_dir=str(cache), local_files_only=True)
    for name in ("model.safetensors", "config.json"):
        assert (Path(snapshot) / name).read_bytes() == (repo / name).read_bytes()
        assert (out / name).read_bytes() == (repo / name).read_bytes()


def test_a_modelscope_repo_lists_from_its_mirror_and_goes_into_the_modelscope_cache(engine, window, qtbot, tmp_path,
                                                                                       monkeypatch):
    """ms:// in the add dialog: listed from a ModelScope mirror, its cache box names ModelScope's cache, and
    the files land where modelscope's snapshot_download looks (models/owner--name/snapshots/<revision>)."""
    from tests.helpers.ms_hub import MsHubServer

    repo = tmp_path / "ms" / "acme" / "tiny-tts"
    write_random(repo / "model.safetensors", 300 * 1024)
    (repo / "config.json").write_text("{}\n")
    cache, out = tmp_path / "ms-cache", tmp_path / "proj"
    monkeypatch.setenv("MODELSCOPE_CACHE", str(cache))
    with MsHubServer(tmp_path / "ms") as hub:
        dialog = window.dialogs.show_add("ms://acme/tiny-tts")
        dialog.folder.setCurrentText(str(out))
        dialog.mirror.setCurrentText(hub.url)
        qtbot.waitUntil(lambda: "2 of 2 files" in dialog.status.text(), timeout=10_000)
        assert dialog.hub_cache.isVisible() and "ModelScope cache" in dialog.hub_cache.text()
        assert str(cache) in dialog.hub_cache.toolTip()
        dialog.hub_cache.setChecked(True)
        dialog.accept()
        qtbot.waitUntil(lambda: any(e.state == JobState.FINISHED and e.project_dir == str(out)
                                    for e in window.model.rows()), timeout=30_000)
    placed = cache / "models" / "acme--tiny-tts" / "snapshots" / "master" / "model.safetensors"
    qtbot.waitUntil(placed.is_file, timeout=10_000)
    assert placed.read_bytes() == (repo / "model.safetensors").read_bytes()
