"""Placing a hub repo into the hub cache: again is a no-op, and nothing is written through a link that
leads out of the cache."""

from __future__ import annotations

import hashlib

import pytest

from modeldesk.core.base.errors import BadInputError, UnsafePathError
from modeldesk.core.library.hf_cache import export_to_hub_cache, repo_folder

COMMIT = "c" * 40


def _project(tmp_path):
    project = tmp_path / "p"
    (project / "onnx").mkdir(parents=True)
    files = []
    for rel, data in (("config.json", b"{}\n"), ("onnx/model.onnx", b"weights" * 1000)):
        (project / rel).write_bytes(data)
        files.append({"path": rel, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()})
    return project, files


def test_repo_folders_are_named_as_huggingface_hub_names_them():
    assert repo_folder("acme/tiny-tts") == "models--acme--tiny-tts"
    assert repo_folder("datasets/acme/speech") == "datasets--acme--speech"


def test_placing_again_keeps_what_is_there(tmp_path):
    project, files = _project(tmp_path)
    source = {"kind": "hf", "repo": "acme/tiny-tts", "revision": "v1.0", "commit": COMMIT}
    first = export_to_hub_cache(project, source, files, tmp_path / "cache")
    second = export_to_hub_cache(project, source, files, tmp_path / "cache")
    assert (first.placed, first.kept, second.placed, second.kept) == (2, 0, 0, 2)
    assert (first.snapshot / "onnx" / "model.onnx").read_bytes() == (project / "onnx" / "model.onnx").read_bytes()
    assert (tmp_path / "cache" / "models--acme--tiny-tts" / "refs" / "v1.0").read_text() == COMMIT


def test_a_snapshot_folder_that_links_out_of_the_cache_is_refused(tmp_path):
    project, files = _project(tmp_path)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    snapshot = tmp_path / "cache" / "models--acme--tiny-tts" / "snapshots" / COMMIT
    snapshot.mkdir(parents=True)
    (snapshot / "onnx").symlink_to(outside)
    source = {"kind": "hf", "repo": "acme/tiny-tts", "commit": COMMIT}
    with pytest.raises(UnsafePathError):
        export_to_hub_cache(project, source, files, tmp_path / "cache")
    assert list(outside.iterdir()) == []


@pytest.mark.parametrize("source", [
    {"repo": "acme/tiny-tts", "commit": "main"},
    {"repo": "../../etc", "commit": COMMIT},
    {"repo": "acme/tiny-tts", "commit": COMMIT, "revision": "../../../escape"},
])
def test_a_manifest_that_does_not_pin_a_repo_safely_is_refused(tmp_path, source):
    project, files = _project(tmp_path)
    with pytest.raises(BadInputError):
        export_to_hub_cache(project, source, files, tmp_path / "cache")
    assert not (tmp_path / "escape").exists()
