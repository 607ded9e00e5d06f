"""A small real file system (tmpfs) for disk-full tests. Mounting needs root, which CI has; a
developer without it gets a skip, CI gets a failure."""

from __future__ import annotations

import contextlib
import os
import subprocess
from pathlib import Path

import pytest


def _mount(argv: list[str], what: str) -> None:
    """Mount, or fail in CI / skip elsewhere with the reason (mounting needs root)."""
    r = subprocess.run(argv, capture_output=True, text=True)
    if r.returncode != 0:
        if os.environ.get("CI"):
            pytest.fail(f"cannot mount {what}: {r.stderr.strip()}")
        pytest.skip(f"mounting {what} needs root: {r.stderr.strip()}")


@contextlib.contextmanager
def small_disk(where: Path, size_kib: int):
    where.mkdir(parents=True, exist_ok=True)
    _mount(["mount", "-t", "tmpfs", "-o", f"size={size_kib}k", "tmpfs", str(where)], "a tmpfs for the disk-full test")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


@contextlib.contextmanager
def btrfs_disk(where: Path, size_mib: int = 160):
    """A real btrfs file system on a loop device (copy-on-write clones: reflinks). Root in CI."""
    from tests.helpers.tools import require_tool

    mkfs = require_tool("mkfs.btrfs")
    where.mkdir(parents=True, exist_ok=True)
    image = where.parent / f"{where.name}.img"
    with open(image, "wb") as f:
        f.truncate(size_mib * 1024 * 1024)
    subprocess.run([mkfs, "-q", str(image)], check=True, capture_output=True)
    try:
        _mount(["mount", "-o", "loop", str(image), str(where)], "a btrfs loop device for the reflink test")
    except BaseException:  # pytest's skip and fail are exceptions too
        image.unlink()
        raise
    try:
        yield where
    finally:
        subprocess.run(["umount", str(where)], capture_output=True)
        image.unlink(missing_ok=True)
