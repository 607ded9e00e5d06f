"""A small real file system (tmpfs) for disk-full tests. Mounting needs root, which CI has; a
developer without it gets a skip, CI gets a failure."""

from __future__ import annotations

import contextlib
import os
import subprocess
from pathlib import Path

import pytest


@contextlib.contextmanager
def small_disk(where: Path, size_kib: int):
    where.mkdir(parents=True, exist_ok=True)
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kib}k", "tmpfs", str(where)],
                       capture_output=True, text=True)
    if r.returncode != 0:
        if os.environ.get("CI"):
            pytest.fail(f"cannot mount a tmpfs for the disk-full test: {r.stderr.strip()}")
        pytest.skip(f"mounting a tmpfs needs root: {r.stderr.strip()}")
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
    r = subprocess.run(["mount", "-o", "loop", str(image), str(where)], capture_output=True, text=True)
    if r.returncode != 0:
        image.unlink()
        if os.environ.get("CI"):
            pytest.fail(f"cannot mount a btrfs loop device for the reflink test: {r.stderr.strip()}")
        pytest.skip(f"mounting a loop device needs root: {r.stderr.strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", str(where)], capture_output=True)
        image.unlink(missing_ok=True)
