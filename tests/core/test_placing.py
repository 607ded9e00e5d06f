"""Placing a file the library holds: reflink on a real btrfs (loop device), hard link on the test
folder's own file system, copy across file systems, and the modes a user can force."""

from __future__ import annotations

import os

import pytest

from modeldesk.core.base.errors import BadInputError, DiskError
from modeldesk.core.placement.placing import LinkMode, parse_link_mode, place_file
from tests.helpers.disk import btrfs_disk


def _src(folder, data=b"weights" * 100_000):
    folder.mkdir(parents=True, exist_ok=True)
    f = folder / "src.bin"
    f.write_bytes(data)
    return f


def test_reflink_on_btrfs_is_a_separate_file_sharing_blocks(tmp_path):
    with btrfs_disk(tmp_path / "btrfs") as fs:
        src = _src(fs / "library")
        dest = fs / "project" / "models" / "w.bin"
        assert place_file(src, dest) is LinkMode.REFLINK
        assert dest.read_bytes() == src.read_bytes() and dest.stat().st_ino != src.stat().st_ino
        with open(dest, "r+b") as f:  # an edit in one project stays there
            f.write(b"EDITED")
        assert src.read_bytes().startswith(b"weights")
        # From btrfs to another file system: no clone, no link; auto falls back to a copy.
        other = tmp_path / "elsewhere" / "w.bin"
        assert place_file(src, other) is LinkMode.COPY
        assert other.read_bytes() == src.read_bytes()
        with pytest.raises(DiskError, match="hardlink"):
            place_file(src, tmp_path / "elsewhere" / "x.bin", LinkMode.HARDLINK)
        assert not (tmp_path / "elsewhere" / "x.bin").exists()
        assert not [p for p in (tmp_path / "elsewhere").iterdir() if p.name.endswith(".placing")]


def test_hardlink_where_the_file_system_cannot_clone_is_read_only(tmp_path):
    src = _src(tmp_path / "library")
    dest = tmp_path / "project" / "w.bin"
    if place_file(src, dest) is LinkMode.REFLINK:  # the test folder itself clones (btrfs, XFS)
        dest.unlink()
        assert place_file(src, dest, LinkMode.HARDLINK) is LinkMode.HARDLINK
    assert dest.stat().st_ino == src.stat().st_ino
    assert not dest.stat().st_mode & 0o222


def test_copy_when_asked_and_an_existing_file_is_replaced_whole(tmp_path):
    src = _src(tmp_path / "library")
    dest = tmp_path / "project" / "w.bin"
    dest.parent.mkdir()
    dest.write_bytes(b"old")
    assert place_file(src, dest, LinkMode.COPY) is LinkMode.COPY
    assert dest.read_bytes() == src.read_bytes() and dest.stat().st_ino != src.stat().st_ino
    assert os.listdir(dest.parent) == ["w.bin"]


def test_link_mode_names():
    assert parse_link_mode("hardlink") is LinkMode.HARDLINK
    with pytest.raises(BadInputError, match="auto, reflink, hardlink, copy"):
        parse_link_mode("symlink")
