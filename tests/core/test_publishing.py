"""What `publish` puts into a torrent: the piece-size rule, which files count, hub manifests, web seeds."""

from __future__ import annotations

import json
import os

import pytest

from modeldesk.core.base.errors import BadInputError, UnsafePathError
from modeldesk.core.library.manifest import write_manifest
from modeldesk.core.publish.publish_scan import credential_kind, scan_folder
from modeldesk.core.publish.publishing import MAX_PIECE, MIN_PIECE, piece_size_for, plan_publish

MiB = 1024 * 1024
COMMIT = "a" * 40


@pytest.mark.parametrize(("total", "piece"), [
    (0, MIN_PIECE), (1, MIN_PIECE), (1500 * MIN_PIECE, MIN_PIECE), (1500 * MIN_PIECE + 1, 2 * MIN_PIECE),
    (1024 * MiB, 1 * MiB), (14 * 1024 * MiB, 16 * MiB), (400 * 1024 * MiB, MAX_PIECE),
])
def test_piece_size_rule(total, piece):
    assert piece_size_for(total) == piece


def _write(root, rels):
    for rel in rels:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(b"x" * len(rel))


def test_scan_keeps_model_files_and_leaves_bookkeeping_and_hidden_files_out(tmp_path):
    model = tmp_path / "model"
    _write(model, ("b.bin", "a/c.json", ".gitattributes", ".modeldesk/manifest-x.json", ".git/config",
                   ".cache/huggingface/download/a.metadata", "w.safetensors.mdpart", "w2.incomplete",
                   ".Cache/HuggingFace/x", "a/.hidden/inner.bin", ".env", ".ssh/id_ed25519"))
    (model / "blob").write_bytes(b"12345")
    os.symlink(model / "blob", model / "linked.bin")  # a link inside the folder: that file
    os.symlink(model / "a", model / "linked-dir")
    os.symlink(model / "gone", model / "dangling")
    scan = scan_folder(model)
    assert scan.files == [("a/c.json", 8), ("b.bin", 5), ("blob", 5), ("linked.bin", 5)]
    assert scan.skipped == ["dangling", "linked-dir/"]
    assert scan.hidden == [".Cache/", ".cache/", ".env", ".gitattributes", ".ssh/", "a/.hidden/"]
    with pytest.raises(UnsafePathError, match=r"^\.env in .* looks like a credential"):
        scan_folder(model, include_hidden=True)  # hidden files on request, but never a key
    (model / ".env").unlink()
    with pytest.raises(UnsafePathError, match=r"^\.ssh/id_ed25519 in .* looks like a credential"):
        scan_folder(model, include_hidden=True)
    (model / ".ssh" / "id_ed25519").unlink()
    assert [rel for rel, _ in scan_folder(model, include_hidden=True).files] == [
        ".gitattributes", "a/.hidden/inner.bin", "a/c.json", "b.bin", "blob", "linked.bin"]


@pytest.mark.parametrize("outside", ["sibling", "parent", "root"])
def test_no_link_is_followed_out_of_the_published_folder(tmp_path, outside):
    """Publishing ~/mymodel must not expose anything under ~ (nor under /) through a link."""
    model = tmp_path / "home" / "mymodel"
    _write(model, ("model.bin",))
    target = {"sibling": tmp_path / "home" / "outside" / "notes.txt", "parent": tmp_path / "home" / "notes.txt",
              "root": tmp_path / "elsewhere" / "notes.txt"}[outside]
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("private")
    os.symlink(os.path.relpath(target, model), model / "tokenizer.json")
    with pytest.raises(UnsafePathError, match="tokenizer.json.*leads outside the folder"):
        plan_publish(model)
    os.unlink(model / "tokenizer.json")
    os.symlink(target.parent, model / "sub")  # a folder link out: refused too, never walked
    with pytest.raises(UnsafePathError, match="sub.*leads outside"):
        plan_publish(model)


def test_a_hub_cache_snapshot_publishes_through_its_links_into_its_own_blobs(tmp_path):
    repo = tmp_path / "hub" / "models--acme--tts"
    snap = repo / "snapshots" / COMMIT
    (repo / "blobs").mkdir(parents=True)
    snap.mkdir(parents=True)
    (repo / "blobs" / "f00d").write_bytes(b"w" * 100)
    os.symlink("../../blobs/f00d", snap / "model.bin")
    assert scan_folder(snap).files == [("model.bin", 100)]
    (tmp_path / "hub" / "models--other--x" / "blobs").mkdir(parents=True)
    (tmp_path / "hub" / "models--other--x" / "blobs" / "beef").write_bytes(b"o")
    os.symlink("../../../models--other--x/blobs/beef", snap / "other.bin")  # another repo's blobs: outside
    with pytest.raises(UnsafePathError, match="other.bin"):
        scan_folder(snap)


@pytest.mark.parametrize(("rel", "content"), [
    ("id_rsa", b"anything"), ("keys/id_ed25519", b"x"), (".netrc", b"machine x"), ("conf/.env.local", b"A=1"),
    ("cert/server.key", b"-----BEGIN RSA PRIVATE KEY-----\nMIIE"),
    ("notes.txt", b"-----BEGIN OPENSSH PRIVATE KEY-----"),
    ("store.p12", b"\x30\x82"), ("a/.aws/config", b"[default]"), ("putty.txt", b"PuTTY-User-Key-File-3: ssh-ed25519"),
])
def test_credentials_are_refused_by_name_folder_or_first_bytes(tmp_path, rel, content):
    (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / rel).write_bytes(content)
    assert credential_kind(rel, tmp_path / rel) is not None
    (tmp_path / "model.bin").write_bytes(b"w" * 10)
    with pytest.raises(UnsafePathError, match="looks like a credential"):
        plan_publish(tmp_path, include_hidden=True)


def test_ordinary_model_files_are_not_taken_for_credentials(tmp_path):
    for rel, content in {"tokenizer.json": b"{}", "cert.pem": b"-----BEGIN CERTIFICATE-----", "environment.yml": b"x",
                         "keys.txt": b"a b c", "big.bin": b"-----BEGIN " + b"x" * 70000}.items():
        (tmp_path / rel).write_bytes(content)
        assert credential_kind(rel, tmp_path / rel) is None, rel


def test_a_folder_of_empty_files_or_of_too_many_files_is_refused_before_hashing(tmp_path, monkeypatch):
    _write(tmp_path / "empty", ())
    (tmp_path / "empty").mkdir(exist_ok=True)
    for n in ("a", "b"):
        (tmp_path / "empty" / n).write_bytes(b"")
    with pytest.raises(BadInputError, match="only empty files"):
        plan_publish(tmp_path / "empty")
    import modeldesk.core.publish.publish_scan as publish_scan

    monkeypatch.setattr(publish_scan, "MAX_FILES", 3)
    _write(tmp_path / "many", [f"f{i}.bin" for i in range(5)])
    with pytest.raises(BadInputError, match="more than 3 files"):
        plan_publish(tmp_path / "many")


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
    assert plan.name == COMMIT and plan.hub == ("acme/tts", COMMIT, "hf") and plan.flat
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


def test_a_hub_folder_whose_listed_file_is_a_link_out_is_refused(tmp_path):
    _hub_folder(tmp_path / "m")
    (tmp_path / "secret").write_bytes(b"w" * 1000)
    os.unlink(tmp_path / "m" / "w" / "model.bin")
    os.symlink(tmp_path / "secret", tmp_path / "m" / "w" / "model.bin")
    with pytest.raises(UnsafePathError, match="leads outside"):
        plan_publish(tmp_path / "m")


def test_a_file_name_that_is_not_utf8_is_refused_by_name(tmp_path):
    folder = os.fsencode(tmp_path / "m")
    os.makedirs(folder)
    with open(folder + b"/caf\xff.bin", "wb") as f:
        f.write(b"x")
    with pytest.raises(BadInputError, match=r"caf\?\.bin.*not valid UTF-8"):
        plan_publish(tmp_path / "m")
