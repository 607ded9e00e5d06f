"""--hub-cache: a hub repo ModelDesk fetched is also in the cache huggingface_hub reads, in its layout,
so from_pretrained("org/name") finds it; checked with the official client's own cache functions."""

from __future__ import annotations

import os
from pathlib import Path

import huggingface_hub
import pytest

from modeldesk.core.placement.placing import LinkMode, place_file
from tests.helpers.hub_server import HubServer
from tests.integration.test_hub_urls import hub_root  # noqa: F401 - the fixture

pytestmark = pytest.mark.integration


def _placing_mode(folder) -> LinkMode:
    """What placing does on this file system (a reflink where it can, else a hard link)."""
    (folder / "probe").write_bytes(b"x")
    try:
        return place_file(folder / "probe", folder / "probe-placed")
    finally:
        for name in ("probe", "probe-placed"):
            (folder / name).unlink(missing_ok=True)


def test_a_hub_repo_lands_in_the_hub_cache_without_a_second_copy(md, tmp_path, hub_root, monkeypatch):  # noqa: F811
    monkeypatch.setenv("HF_HUB_DISABLE_TELEMETRY", "1")
    monkeypatch.setenv("HF_HUB_DISABLE_XET", "1")
    cache, out = tmp_path / "hf-cache", tmp_path / "p"
    with HubServer(hub_root) as hub:
        commit = hub.commit("acme/tiny-tts")
        r = md.run("get", "hf://acme/tiny-tts", "--mirror", hub.url, "--to", str(out), "--no-seed",
                   "--hub-cache", str(cache), "--json")
        assert r.code == 0, r.stderr
        before, cdn_before = len(hub.requests), hub.cdn.gets()
        again = huggingface_hub.snapshot_download("acme/tiny-tts", cache_dir=cache, endpoint=hub.url)
        assert [q for q in hub.requests[before:] if "/resolve/" in q] == [] and hub.cdn.gets() == cdn_before
    snapshot = cache / "models--acme--tiny-tts" / "snapshots" / commit
    assert r.last("hub_cache")["snapshot"] == str(snapshot) and again == str(snapshot)

    # What from_pretrained does: the file by repo id and revision name, offline too.
    found = huggingface_hub.try_to_load_from_cache("acme/tiny-tts", "onnx/model.onnx", cache_dir=cache)
    assert found == str(snapshot / "onnx" / "model.onnx")
    offline = huggingface_hub.hf_hub_download("acme/tiny-tts", "config.json", cache_dir=cache, local_files_only=True)
    assert Path(offline).read_bytes() == (out / "config.json").read_bytes()

    report = huggingface_hub.scan_cache_dir(cache)
    assert report.warnings == []
    (repo,) = report.repos
    (revision,) = repo.revisions
    assert (repo.repo_id, repo.repo_type, revision.commit_hash, set(revision.refs)) == (
        "acme/tiny-tts", "model", commit, {"main"})
    assert sorted(f.file_name for f in revision.files) == ["config.json", "config.json", "model.onnx",
                                                            "model.safetensors"]
    for f in revision.files:
        rel = f.file_path.relative_to(snapshot)
        assert f.blob_path.read_bytes() == (out / rel).read_bytes()
        assert os.readlink(f.file_path).startswith("../")  # relative, as the official client links
    weights, blob = out / "model.safetensors", next(f.blob_path for f in revision.files if f.file_name.endswith("ors"))
    if _placing_mode(tmp_path) is LinkMode.HARDLINK:
        assert blob.stat().st_ino == weights.stat().st_ino, "a hard link, not a second copy"


def test_a_dataset_at_a_commit_goes_in_as_a_dataset_with_no_ref(md, tmp_path, hub_root, monkeypatch):  # noqa: F811
    monkeypatch.setenv("HF_HUB_DISABLE_TELEMETRY", "1")
    cache = tmp_path / "hf-home" / "hub"
    md.env["HF_HOME"] = str(tmp_path / "hf-home")  # the default cache: $HF_HOME/hub
    with HubServer(hub_root) as hub:
        commit = hub.commit("datasets/acme/speech")
        r = md.run("get", f"hf://datasets/acme/speech@{commit}", "--mirror", hub.url, "--to", str(tmp_path / "d"),
                   "--no-seed", "--hub-cache")
    assert r.code == 0, r.stderr
    assert f"datasets/acme/speech is in the hub cache: {cache}" in r.stdout
    (repo,) = huggingface_hub.scan_cache_dir(cache).repos
    (revision,) = repo.revisions
    assert (repo.repo_id, repo.repo_type, revision.commit_hash, revision.refs) == (
        "acme/speech", "dataset", commit, frozenset())
    assert huggingface_hub.try_to_load_from_cache("acme/speech", "clips/a.wav", cache_dir=cache, revision=commit,
                                                  repo_type="dataset")


def test_hub_cache_is_for_hub_repos(md, tmp_path):
    r = md.run("get", "magnet:?xt=urn:btih:" + "ab" * 20, "--to", str(tmp_path / "p"), "--hub-cache")
    assert r.code == 2 and "--hub-cache goes with hub repos" in r.stderr


def test_a_cache_that_cannot_take_the_repo_is_said_and_the_download_kept(md, tmp_path, hub_root):  # noqa: F811
    """The cache path is a file, so nothing can be placed under it: the download still completes (exit 0,
    files in --to), and the run says the cache could not take it, in the text and in --json."""
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache should be\n")
    out = tmp_path / "p"
    with HubServer(hub_root) as hub:
        r = md.run("get", "hf://acme/tiny-tts", "--mirror", hub.url, "--to", str(out), "--no-seed",
                   "--hub-cache", str(blocked))
        j = md.run("get", "hf://acme/tiny-tts", "--mirror", hub.url, "--to", str(tmp_path / "q"), "--no-seed",
                   "--hub-cache", str(blocked), "--json")
    assert r.code == 0, r.stderr
    assert "could not be put into the Hugging Face cache" in r.stderr and str(blocked) in r.stderr
    assert "is in the hub cache" not in r.stdout
    assert (out / "config.json").read_bytes() == (hub_root / "acme" / "tiny-tts" / "config.json").read_bytes()
    assert blocked.read_text() == "a file where the cache should be\n"
    (finished,) = [e for e in j.events if e.get("event") == "finished"]
    assert "could not be put into the Hugging Face cache" in finished["notice"]
