"""`modeldesk import`: a folder the official huggingface_hub client filled (snapshot_download with
local_dir) is checked against the local HF-compatible hub and joins the library; then it locks, places
into another project with the hub stopped, and publishes. A damaged copy is refused, file by file."""

from __future__ import annotations

import shutil

import huggingface_hub
import pytest

from tests.helpers.cli import read_events
from tests.helpers.foreign import stop_process
from tests.helpers.hub_server import HubServer
from tests.helpers.swarm import LtPeer, make_model, make_torrent, sha

pytestmark = pytest.mark.integration

SIZES = {"model.safetensors": 2 * 1024 * 1024 + 3, "config.json": 321, "tokenizer/vocab.txt": 40 * 1024 + 7}


@pytest.fixture
def official_copy(tmp_path, monkeypatch):
    repo = make_model(tmp_path / "hub" / "acme", "tts", sizes=SIZES)
    monkeypatch.setenv("HF_HUB_DISABLE_TELEMETRY", "1")
    monkeypatch.setenv("HF_HUB_DISABLE_XET", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf-home"))
    hub = HubServer(tmp_path / "hub").__enter__()
    folder = tmp_path / "by-hf"
    huggingface_hub.snapshot_download("acme/tts", endpoint=hub.url, local_dir=folder)
    assert (folder / ".cache" / "huggingface").is_dir()  # the client's own bookkeeping is there
    yield hub, repo, folder
    hub.__exit__(None, None, None)


def test_a_folder_from_the_official_client_is_imported_then_placed_and_published(md, tmp_path, official_copy):
    hub, repo, folder = official_copy
    r = md.run("import", str(folder), "--source", "hf://acme/tts", "--mirror", hub.url, "--json")
    assert r.code == 0, r.stdout + r.stderr
    imported = r.last("imported")
    assert (imported["repo"], imported["commit"], imported["files"]) == ("acme/tts", hub.commit("acme/tts"), 3)
    assert '"state": "finished"' in md.run("list", "--json").stdout
    assert md.run("verify", str(folder)).code == 0
    # In the library now: locked, and placed into another project with the hub gone.
    lock = md.run("lock", str(folder))
    assert lock.code == 0, lock.stderr
    hub.__exit__(None, None, None)
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(folder / "modeldesk.lock", other)
    r = md.run("sync", str(other), "--json")
    assert r.code == 0, r.stdout + r.stderr
    assert sorted(r.last("synced")["placed"]) == sorted(SIZES)
    for rel in SIZES:
        assert sha(other / rel) == sha(repo / rel)
    # And published: the hub client's .cache/huggingface stays out of the torrent.
    r = md.run("publish", str(folder), "--no-seed", "--json")
    assert r.code == 0, r.stderr
    assert r.last("published")["files"] == 3


def test_a_damaged_copy_is_refused_naming_each_file(md, tmp_path, official_copy):
    hub, repo, folder = official_copy
    (folder / "config.json").unlink()
    with open(folder / "model.safetensors", "r+b") as f:
        f.write(b"X")
    r = md.run("import", str(folder), "--source", "hf://acme/tts", "--mirror", hub.url, "--json")
    assert r.code == 5, r.stdout + r.stderr
    failed = r.last("import_failed")
    assert (failed["missing"], failed["corrupt"]) == (["config.json"], ["model.safetensors"])
    assert "modeldesk get hf://acme/tts@" in md.run("import", str(folder), "--source", "hf://acme/tts",
                                                     "--mirror", hub.url).stdout
    assert md.run("list", "--json").stdout.strip() == "[]"
    r = md.run("import", str(folder))
    assert r.code == 2 and "--source" in r.stderr


def test_import_against_a_torrent_checks_pieces_and_joins_the_library(md, tmp_path):
    top = make_model(tmp_path / "data", "tts", sizes=SIZES)
    t = tmp_path / "tts.torrent"
    make_torrent(top, t)
    r = md.run("import", str(top.parent), "--torrent", str(t), "--json", "--timeout", "60")
    assert r.code == 0, r.stdout + r.stderr
    assert r.last("finished")
    # A leecher confirms the library's job is that data (seeded on demand with --seed).
    proc = md.popen("import", str(top), "--torrent", str(t), "--seed", "--json")
    try:
        port = next(e["port"] for e in read_events(proc) if e["event"] == "listening")
        with LtPeer("leech", t, tmp_path / "got", tmp_path, peers=[f"127.0.0.1:{port}"]) as leech:
            assert leech.proc.wait(60) == 0
    finally:
        stop_process(proc)
    assert sha(tmp_path / "got" / "tts" / "model.safetensors") == sha(top / "model.safetensors")
