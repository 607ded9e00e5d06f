"""The hub's own URL forms (a file's blob or resolve page, a folder's tree page, datasets) fetched from
a local HF-compatible hub: each lands where `hf download --local-dir` would put it."""

from __future__ import annotations

import json

import huggingface_hub
import pytest

from tests.helpers.hub_server import HubServer
from tests.helpers.swarm import write_random

pytestmark = pytest.mark.integration


@pytest.fixture
def hub_root(tmp_path):
    root = tmp_path / "hub"
    repo = root / "acme" / "tiny-tts"
    write_random(repo / "model.safetensors", 2 * 1024 * 1024 + 3)
    write_random(repo / "onnx" / "model.onnx", 600 * 1024)
    (repo / "onnx" / "config.json").write_text('{"opset": 17}\n')
    (repo / "config.json").write_text('{"sample_rate": 22050}\n')
    data = root / "datasets" / "acme" / "speech"
    write_random(data / "clips" / "a.wav", 300 * 1024)
    (data / "README.md").write_text("# speech\n")
    return root


def files_in(folder):
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")
                  if p.is_file() and ".modeldesk" not in p.parts and ".cache" not in p.parts)


@pytest.mark.parametrize("form", ["blob", "resolve"])
def test_a_file_url_fetches_that_file_of_the_repo(md, tmp_path, hub_root, form):
    out = tmp_path / "p"
    with HubServer(hub_root) as hub:
        r = md.run("get", f"{hub.url}/acme/tiny-tts/{form}/main/onnx/model.onnx", "--to", str(out), "--no-seed")
    assert r.code == 0, r.stderr
    assert files_in(out) == ["onnx/model.onnx"]
    assert (out / "onnx/model.onnx").read_bytes() == (hub_root / "acme/tiny-tts/onnx/model.onnx").read_bytes()


def test_a_tree_url_of_a_folder_fetches_that_folder(md, tmp_path, hub_root):
    out = tmp_path / "p"
    with HubServer(hub_root) as hub:
        r = md.run("get", f"{hub.url}/acme/tiny-tts/tree/main/onnx", "--to", str(out), "--no-seed")
    assert r.code == 0, r.stderr
    assert files_in(out) == ["onnx/config.json", "onnx/model.onnx"]


def test_datasets_by_url_and_by_hf_path_like_the_official_client(md, tmp_path, hub_root, monkeypatch):
    monkeypatch.setenv("HF_HUB_DISABLE_TELEMETRY", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf-home"))
    with HubServer(hub_root) as hub:
        official = huggingface_hub.snapshot_download("acme/speech", repo_type="dataset", endpoint=hub.url,
                                                     local_dir=tmp_path / "official")
        # A repo page (no /tree/) is a hub URL on hosts known as hubs: here the mirror named with --mirror.
        by_url = md.run("get", f"{hub.url}/datasets/acme/speech", "--mirror", hub.url, "--to", str(tmp_path / "a"),
                        "--no-seed")
        by_path = md.run("get", "hf://datasets/acme/speech", "--mirror", hub.url, "--to", str(tmp_path / "b"),
                         "--no-seed", "--json")
    assert by_url.code == 0 and by_path.code == 0, (by_url.stderr, by_path.stderr)
    for ours in (tmp_path / "a", tmp_path / "b"):
        assert files_in(ours) == ["README.md", "clips/a.wav"]
        for rel in files_in(ours):
            assert (ours / rel).read_bytes() == (tmp_path / "official" / rel).read_bytes()
    assert official
    row = [j for j in json.loads(md.run("list", "--json").stdout) if j["project_dir"].endswith("b")][0]
    assert row["name"] == "datasets/acme/speech"
    assert md.run("verify", str(tmp_path / "b")).code == 0


def test_a_bare_org_name_is_answered_with_the_hf_form(md, tmp_path):
    r = md.run("get", "acme/tiny-tts", "--to", str(tmp_path / "p"))
    assert r.code == 2 and "hf://acme/tiny-tts" in r.stderr, r.stderr
