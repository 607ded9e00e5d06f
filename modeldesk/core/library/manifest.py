"""The manifest a model folder keeps of where its files came from and what they hash to, and the
check that re-hashes a folder against it (users' "missing weight files" failure)."""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass
from pathlib import Path

from modeldesk.core.atomic import atomic_write
from modeldesk.core.pathsafety import check_relative_path

MANIFEST_DIR = ".modeldesk"


def manifest_path(project: Path, name: str) -> Path:
    return Path(project) / MANIFEST_DIR / f"manifest-{name.replace('/', '--')}.json"


def write_manifest(project: Path, name: str, source: dict, files: list[dict]) -> Path:
    """files: [{"path", "size", "sha256"? , "git_sha1"?}], paths relative to `project`."""
    path = manifest_path(project, name)
    doc = {"version": 1, "name": name, "source": source, "written_at": time.time(), "files": files}
    atomic_write(path, json.dumps(doc, indent=2).encode(), mode=0o644)
    return path


@dataclass(frozen=True)
class VerifyResult:
    checked: int
    missing: tuple[str, ...]
    corrupt: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.missing and not self.corrupt


def _digest(path: Path, algo: str, prefix: bytes = b"") -> str:
    h = hashlib.new(algo, prefix)
    with open(path, "rb") as f:
        while block := f.read(4 * 1024 * 1024):
            h.update(block)
    return h.hexdigest()


def _matches(f: Path, entry: dict) -> bool:
    if f.stat().st_size != entry["size"]:
        return False
    if entry.get("sha256") and _digest(f, "sha256") != entry["sha256"]:
        return False
    git = entry.get("git_sha1")
    return not (git and _digest(f, "sha1", f"blob {entry['size']}\0".encode()) != git)


def verify_folder(project: Path) -> VerifyResult:
    """Re-hash every file named by the folder's manifests."""
    manifests = sorted((Path(project) / MANIFEST_DIR).glob("manifest-*.json"))
    if not manifests:
        raise FileNotFoundError(f"{project} has no ModelDesk manifest ({MANIFEST_DIR}/manifest-*.json).")
    checked, missing, corrupt = 0, [], []
    for m in manifests:
        for entry in json.loads(m.read_text())["files"]:
            rel = entry["path"]
            check_relative_path(rel, str(m))
            f = Path(project) / rel
            checked += 1
            if not f.is_file():
                missing.append(rel)
            elif not _matches(f, entry):
                corrupt.append(rel)
    return VerifyResult(checked, tuple(missing), tuple(corrupt))
