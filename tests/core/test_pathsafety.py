"""core.pathsafety: names refused by what they are, places refused by where they resolve."""

from __future__ import annotations

import pytest

from modeldesk.core.base.errors import UnsafePathError
from modeldesk.core.base.pathsafety import check_relative_path, resolve_inside
from modeldesk.core.placement.relocate import move_files


@pytest.mark.parametrize("path", ["../x", "/etc/passwd", "a/../../b", "C:/x", "a\\b", "a\0b", ".git/config",
                                  "x/.git/HEAD", ".Git./config", ".modeldesk/manifest-x.json",
                                  ".cache/huggingface/download/a.metadata", "a/.cache/HuggingFace/x"])
def test_refused_names(path):
    with pytest.raises(UnsafePathError):
        check_relative_path(path, "The listing")


@pytest.mark.parametrize("path", [".gitattributes", ".gitignore", "git/x", ".cache/other/x", "modeldesk/x",
                                  "a/b/c.safetensors", "weights..bin"])
def test_ordinary_names(path):
    check_relative_path(path, "The listing")


def test_resolve_inside_follows_links(tmp_path):
    root = tmp_path / "proj"
    (root / "inner").mkdir(parents=True)
    (root / "ok").symlink_to(root / "inner")
    (root / "out").symlink_to(tmp_path)
    assert resolve_inside(root, "ok/new/file.bin") == root.resolve() / "inner" / "new" / "file.bin"
    with pytest.raises(UnsafePathError, match="through the link"):
        resolve_inside(root, "out/file.bin")
    (root / "dangling").symlink_to(tmp_path / "not-yet")
    with pytest.raises(UnsafePathError):
        resolve_inside(root, "dangling")


def test_a_project_folder_that_is_itself_a_link_is_fine(tmp_path):
    (tmp_path / "disk" / "models").mkdir(parents=True)
    (tmp_path / "proj").symlink_to(tmp_path / "disk" / "models")
    assert resolve_inside(tmp_path / "proj", "a/b") == (tmp_path / "disk" / "models" / "a" / "b").resolve()


def test_move_into_a_folder_with_a_link_out_moves_nothing(tmp_path):
    old, new, elsewhere = tmp_path / "old", tmp_path / "new", tmp_path / "elsewhere"
    (old / "sub").mkdir(parents=True)
    (old / "sub" / "w.bin").write_bytes(b"w")
    new.mkdir()
    elsewhere.mkdir()
    (new / "sub").symlink_to(elsewhere)
    with pytest.raises(UnsafePathError):
        move_files(old, new, [old / "sub" / "w.bin"])
    assert (old / "sub" / "w.bin").read_bytes() == b"w" and not list(elsewhere.iterdir())
