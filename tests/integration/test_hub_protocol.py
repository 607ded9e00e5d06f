"""Our local hub speaks the real protocol: the official huggingface_hub client downloads from it."""

from __future__ import annotations

from pathlib import Path

import huggingface_hub
import pytest

from tests.helpers.hub_server import HubServer
from tests.helpers.swarm import write_random

pytestmark = pytest.mark.integration


def make_repo(root):
    repo = root / "acme" / "tiny-tts"
    write_random(repo / "model.safetensors", 3 * 1024 * 1024 + 7)  # LFS
    write_random(repo / "samples" / "demo.wav", 200 * 1024)  # LFS
    (repo / "config.json").write_text('{"sample_rate": 22050}\n')  # plain git blob
    (repo / "README.md").write_text("# tiny-tts\n")
    return repo


def test_official_client_snapshot_download(tmp_path, monkeypatch):
    repo = make_repo(tmp_path / "hub")
    monkeypatch.setenv("HF_HUB_DISABLE_TELEMETRY", "1")
    monkeypatch.setenv("HF_HUB_DISABLE_XET", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf-home"))
    with HubServer(tmp_path / "hub", tags={"v1.0"}) as hub:
        out = huggingface_hub.snapshot_download("acme/tiny-tts", revision="v1.0", endpoint=hub.url,
                                                local_dir=tmp_path / "official")
        one = huggingface_hub.hf_hub_download("acme/tiny-tts", "samples/demo.wav", endpoint=hub.url,
                                              cache_dir=tmp_path / "cache")
        with pytest.raises(huggingface_hub.errors.RevisionNotFoundError):
            huggingface_hub.snapshot_download("acme/tiny-tts", revision="nope", endpoint=hub.url,
                                              local_dir=tmp_path / "x")
        with pytest.raises(huggingface_hub.errors.RepositoryNotFoundError):
            huggingface_hub.snapshot_download("acme/missing", endpoint=hub.url, local_dir=tmp_path / "y")
        assert any("/resolve/" in r for r in hub.requests) and hub.cdn.gets() > 0, "LFS went through the CDN"
    for rel in ["model.safetensors", "samples/demo.wav", "config.json", "README.md"]:
        assert (tmp_path / "official" / rel).read_bytes() == (repo / rel).read_bytes(), rel
    assert Path(one).read_bytes() == (repo / "samples" / "demo.wav").read_bytes()
    assert str(out) == str(tmp_path / "official")
