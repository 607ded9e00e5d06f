"""What `publish` puts into a torrent: the piece-size rule, which files count, hub manifests, web seeds."""

from __future__ import annotations

import json
import os

import pytest

from modeldesk.core.errors import BadInputError, UnsafePathError
from modeldesk.core.library.manifest import write_manifest
from modeldesk.core.publishing import MAX_PIECE, MIN_PIECE, piece_size_for, plan_publish, scan_folder

MiB = 1024 * 1024
COMMIT = "a" * 40


@pytest.mark.parametrize(("total", "piece"), [
    (0, MIN_PIECE), (1, MIN_PIECE), (1500 * MIN_PIECE, MIN_PIECE), (1500 * MIN_PIECE + 1, 2 * MIN_PIECE),
    (1024 * MiB, 1 * MiB), (14 * 1024 * MiB, 16 * MiB), (400 * 1024 * MiB, MAX_PIECE),
])
def test_piece_size_rule(total, piece):
    assert piece_size_for(total) == piece


def test_scan_keeps_model_files_and_leaves_bookkeeping_out(tmp_path):
    for rel in ("b.bin", "a/c.json", ".gitattributes", ".modeldesk/manifest-x.json", ".git/config",
                ".cache/huggingface/download/a.metadata", "w.safetensors.mdpart", "w2.incomplete",
                ".Cache/HuggingFace/x"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_bytes(b"x" * len(rel))
    outside = tmp_path.parent / f"{tmp_path.name}-outside"
    outside.mkdir()
    (outside / "blob").write_bytes(b"12345")
    os.symlink(outside / "blob", tmp_path / "linked.bin")  # a hub cache snapshot: links to blobs
    os.symlink(outside, tmp_path / "linked-dir")
    os.symlink(tmp_path / "gone", tmp_path / "dangling")
    files, skipped = scan_folder(tmp_path)
    assert files == [(".gitattributes", 14), ("a/c.json", 8), ("b.bin", 5), ("linked.bin", 5)]
    assert skipped == ["dangling", "linked-dir/"]


def _hub_folder(tmp_path, repo="acme/tts", files=None):
    files = files or {"config.json": b"{}", "w/model.bin": b"w" * 1000}
    for rel, data in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_bytes(data)
    write_manifest(tmp_path, repo, {"kind": "hf", "repo": repo, "revision": "main", "commit": COMMIT},
                   [{"path": rel, "size": len(data), "sha256": "0" * 64} for rel, data in files.items()])


def test_a_hub_folder_is_published_as_its_commit_with_resolve_web_seeds(tmp_path):
    _hub_folder(tmp_path)
    (tmp_path / "notes.txt").write_text("mine, not the repo's")
    plan = plan_publish(tmp_path, ("https://hf-mirror.com", "http://127.0.0.1:8080/base/"))
    assert plan.name == COMMIT and plan.hub == ("acme/tts", COMMIT) and plan.flat
    assert plan.files == (("config.json", 2), ("w/model.bin", 1000))  # the manifest's files only
    assert plan.web_seeds == ("https://hf-mirror.com/acme/tts/resolve/", "http://127.0.0.1:8080/base/acme/tts/resolve/")
    assert plan.sha256["config.json"] == "0" * 64


def test_a_plain_folder_keeps_its_name_and_web_seeds_as_given(tmp_path):
    top = tmp_path / "my-model"
    top.mkdir()
    (top / "w.bin").write_bytes(b"1")
    plan = plan_publish(top, ("http://127.0.0.1:1/files/",))
    assert (plan.name, plan.hub, plan.flat, plan.web_seeds) == ("my-model", None, False, ("http://127.0.0.1:1/files/",))


def test_hub_folders_that_cannot_be_published_say_why(tmp_path):
    _hub_folder(tmp_path / "two")
    _hub_folder(tmp_path / "two", repo="acme/other", files={"o.bin": b"o"})
    with pytest.raises(BadInputError, match="several models.*--repo"):
        plan_publish(tmp_path / "two")
    assert plan_publish(tmp_path / "two", repo="acme/other").files == (("o.bin", 1),)
    with pytest.raises(BadInputError, match="no model of 'acme/none'"):
        plan_publish(tmp_path / "two", repo="acme/none")
    _hub_folder(tmp_path / "short")
    (tmp_path / "short" / "w" / "model.bin").write_bytes(b"w" * 10)
    with pytest.raises(BadInputError, match="missing or incomplete"):
        plan_publish(tmp_path / "short")
    (tmp_path / "bad" / ".modeldesk").mkdir(parents=True)
    (tmp_path / "bad" / ".modeldesk" / "manifest-x.json").write_text("{not json")
    with pytest.raises(BadInputError, match="damaged"):
        plan_publish(tmp_path / "bad")


def test_a_hostile_manifest_cannot_publish_files_outside_the_folder(tmp_path):
    (tmp_path / ".modeldesk").mkdir()
    (tmp_path / ".modeldesk" / "manifest-acme--x.json").write_text(json.dumps({
        "version": 1, "name": "acme/x", "source": {"kind": "hf", "repo": "acme/x", "commit": COMMIT},
        "files": [{"path": "../secret", "size": 1}]}))
    with pytest.raises(UnsafePathError):
        plan_publish(tmp_path)
