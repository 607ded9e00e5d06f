"""Preallocation reserves blocks on disk file systems and only sets the size on tmpfs, where
fallocate would zero every page up front for nothing."""

from __future__ import annotations

import os

import pytest

from modeldesk.core.base.errors import DiskError, InsufficientSpaceError
from modeldesk.core.http.preallocate import filesystem_type, preallocate
from tests.helpers.disk import small_disk

MOUNTS = """\
/dev/vda1 / ext4 rw,relatime 0 0
tmpfs /tmp tmpfs rw,nosuid 0 0
/dev/vdb1 /tmp/models\\040here xfs rw 0 0
"""


def test_the_longest_mount_point_holding_the_path_names_the_type(tmp_path):
    table = tmp_path / "mounts"
    table.write_text(MOUNTS)
    assert filesystem_type("/home/u/model", str(table)) == "ext4"
    assert filesystem_type("/tmp/x.part", str(table)) == "tmpfs"
    assert filesystem_type("/tmp/models here/a.part", str(table)) == "xfs"
    assert filesystem_type("/tmpfoo/a", str(table)) == "ext4"  # a prefix of the name is not a parent
    assert filesystem_type("/x", str(tmp_path / "missing")) == ""


def preallocated(path, size: int) -> os.stat_result:
    fd = os.open(path, os.O_RDWR | os.O_CREAT)
    try:
        preallocate(fd, size, path.parent, path.name)
    finally:
        os.close(fd)
    return path.stat()


def test_disk_gets_blocks_tmpfs_gets_only_a_size(tmp_path):
    if filesystem_type(tmp_path) in ("tmpfs", "ramfs"):
        pytest.skip("the test folder itself is on tmpfs")
    size = 8 * 1024 * 1024
    disk = preallocated(tmp_path / "a.part", size)
    assert disk.st_size == size
    assert disk.st_blocks * 512 >= size

    with small_disk(tmp_path / "ram", 16 * 1024) as ram:
        assert filesystem_type(ram) == "tmpfs"
        in_ram = preallocated(ram / "b.part", size)
        assert in_ram.st_size == size
        assert in_ram.st_blocks == 0


def test_a_file_too_big_for_the_file_system_says_so(tmp_path):
    big = tmp_path / "big.part"
    fd = os.open(big, os.O_RDWR | os.O_CREAT)
    try:
        with pytest.raises(DiskError, match="cannot store a file of") as err:
            preallocate(fd, 1 << 62, tmp_path, "model-00001-of-00002.safetensors")
    finally:
        os.close(fd)
    assert not isinstance(err.value, InsufficientSpaceError)
    assert "model-00001-of-00002.safetensors" in str(err.value)
    assert big.stat().st_size == 0


def test_without_posix_fallocate_the_file_gets_its_size(tmp_path, monkeypatch):
    """macOS and Windows have no os.posix_fallocate: the file is sized and the download goes on."""
    monkeypatch.delattr(os, "posix_fallocate")
    f = tmp_path / "w.part"
    fd = os.open(f, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        preallocate(fd, 5 * 1024 * 1024, tmp_path, "w.bin")
    finally:
        os.close(fd)
    assert f.stat().st_size == 5 * 1024 * 1024
