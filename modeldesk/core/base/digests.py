"""Hashing whole files, the one way every part does it: the downloader's check of a file already
there, manifests, `verify`, the blob index and the hub check. (Hashing while a download runs is
http/hasher.py's: it follows the written prefix instead of reading a finished file.)"""

from __future__ import annotations

import hashlib
from pathlib import Path

BLOCK = 4 * 1024 * 1024


def file_digest(path: Path, algo: str, prefix: bytes = b"") -> str:
    h = hashlib.new(algo, prefix)
    with open(path, "rb") as f:
        while block := f.read(BLOCK):
            h.update(block)
    return h.hexdigest()


def git_blob_sha1(path: Path) -> str:
    """The git blob id a hub gives for a small file kept outside LFS."""
    return file_digest(path, "sha1", f"blob {path.stat().st_size}\0".encode())


def digests_match(path: Path, sha256: str | None = None, git_sha1: str | None = None) -> bool:
    """True when the file matches every digest given (none given: True)."""
    if sha256 and file_digest(path, "sha256") != sha256:
        return False
    return not (git_sha1 and git_blob_sha1(path) != git_sha1)


def file_matches(path: Path, size: int, sha256: str | None = None, git_sha1: str | None = None) -> bool:
    return path.stat().st_size == size and digests_match(path, sha256, git_sha1)
