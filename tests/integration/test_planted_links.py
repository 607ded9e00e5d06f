"""Links planted in a cloned project where ModelDesk keeps its own files (`.modeldesk`, `.cache`,
`models/x/.modeldesk`, a dangling `.cache/huggingface/.gitignore`): `get` and `sync` write nothing
through them, say which link stopped them, and the download itself is kept."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from modeldesk.core.base.beneath import make_folder_beneath, write_beneath
from modeldesk.core.base.errors import UnsafePathError
from tests.helpers.cli import ok
from tests.helpers.hub_server import HubServer
from tests.helpers.swarm import HUB_SIZES, make_model, sha

pytestmark = pytest.mark.integration


def _everything(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


@pytest.fixture
def hub(tmp_path):
    make_model(tmp_path / "hub" / "acme", "tts", sizes=HUB_SIZES)
    with HubServer(tmp_path / "hub") as server:
        yield server


@pytest.mark.parametrize("planted", [".modeldesk", ".cache", ".cache/huggingface"])
def test_get_writes_no_bookkeeping_through_a_planted_link(md, tmp_path, hub, planted):
    outside = tmp_path / "outside"
    outside.mkdir()
    model = tmp_path / "proj" / "models" / "tts"
    (model / planted).parent.mkdir(parents=True, exist_ok=True)
    os.symlink(outside, model / planted)
    r = md.run("get", "hf://acme/tts", "--mirror", hub.url, "--to", str(model), "--no-seed")
    assert r.code == 0, r.stderr  # the download is complete and kept; the bookkeeping is what was refused
    assert _everything(outside) == []
    assert "is a link" in r.stderr and planted.split("/")[0] in r.stderr
    assert sha(model / "model.safetensors") == sha(tmp_path / "hub" / "acme" / "tts" / "model.safetensors")


def test_a_dangling_gitignore_link_does_not_get_its_target_created(md, tmp_path, hub):
    model = tmp_path / "proj"
    (model / ".cache" / "huggingface").mkdir(parents=True)
    target = tmp_path / "victim" / ".bashrc"
    target.parent.mkdir()
    os.symlink(target, model / ".cache" / "huggingface" / ".gitignore")
    ok(md.run("get", "hf://acme/tts", "--mirror", hub.url, "--to", str(model), "--no-seed"))
    assert not target.exists() and os.path.islink(model / ".cache" / "huggingface" / ".gitignore")
    assert (model / ".cache" / "huggingface" / "download" / "model.safetensors.metadata").is_file()


def test_sync_sets_nothing_aside_through_a_planted_store_link(md, tmp_path, hub):
    project = tmp_path / "proj"
    ok(md.run("get", "hf://acme/tts", "--mirror", hub.url, "--to", str(project / "models" / "tts"), "--no-seed"))
    ok(md.run("lock", str(project)))
    lock = (project / "modeldesk.lock").read_text()
    # A new lock wants another config.json (ModelDesk's own old one must be set aside), and the clone
    # carries `.modeldesk` -> a folder elsewhere, and models/tts/.modeldesk -> another.
    new = lock.replace(sha(project / "models" / "tts" / "config.json"), "f" * 64)
    (project / "modeldesk.lock").write_text(new)
    outside, elsewhere = tmp_path / "outside", tmp_path / "elsewhere"
    outside.mkdir()
    elsewhere.mkdir()
    os.symlink(outside, project / ".modeldesk")
    (project / "models" / "tts" / ".modeldesk").rename(tmp_path / "old-manifests")
    os.symlink(elsewhere, project / "models" / "tts" / ".modeldesk")
    config = (project / "models" / "tts" / "config.json").read_bytes()
    r = md.run("sync", str(project), "--mirror", hub.url)
    assert r.code == 2 and "is a link" in r.stderr, r.stdout + r.stderr
    assert _everything(outside) == [] and _everything(elsewhere) == []
    assert (project / "models" / "tts" / "config.json").read_bytes() == config


def test_the_primitives_refuse_every_kind_of_link_below_the_root(tmp_path):
    root = tmp_path / "root"
    root.mkdir()
    outside = tmp_path / "outside"
    outside.mkdir()
    os.symlink(outside, root / "a")
    os.symlink(outside / "gone", root / "dangling")
    (root / "file").write_text("x")
    for rel in ("a/x.json", "dangling/x.json", "file/x.json"):
        with pytest.raises(UnsafePathError):
            write_beneath(root, rel, b"{}")
    with pytest.raises(UnsafePathError):
        make_folder_beneath(root, "a/b")
    with pytest.raises(UnsafePathError):
        write_beneath(root, "../x.json", b"{}")
    assert _everything(outside) == []
    os.symlink(outside / "target", root / "plain-link")
    assert write_beneath(root, "plain-link", b"new") is True  # the link itself is replaced, not followed
    assert not (outside / "target").exists() and (root / "plain-link").read_bytes() == b"new"
    linked_root = tmp_path / "linked-root"
    os.symlink(root, linked_root)  # the root itself may be a link (a project on another disk)
    assert write_beneath(linked_root, "sub/y.json", b"{}") and (root / "sub" / "y.json").is_file()
    assert write_beneath(root, "sub/y.json", b"other", replace=False) is False
    assert (root / "sub" / "y.json").read_bytes() == b"{}"
