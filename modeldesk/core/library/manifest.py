"""The manifest a model folder keeps of where its files came from and what they hash to, and the
check that re-hashes a folder against it (users' "missing weight files" failure)."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path

from modeldesk.core.base.beneath import write_beneath
from modeldesk.core.base.digests import file_matches
from modeldesk.core.base.errors import BadInputError
from modeldesk.core.library.hf_local_dir import write_download_metadata
from modeldesk.core.base.messages import N_
from modeldesk.core.base.pathsafety import check_layout, check_relative_path

MANIFEST_DIR = ".modeldesk"


def manifest_path(project: Path, name: str) -> Path:
    return Path(project) / MANIFEST_DIR / f"manifest-{name.replace('/', '--')}.json"


def write_manifest(project: Path, name: str, source: dict, files: list[dict], root: Path | None = None) -> Path:
    """files: [{"path", "size", "sha256"? , "git_sha1"?}], paths relative to `project` (the model's
    folder). Written below `root` (default: that folder) without passing through a link (core/beneath.py).
    A hub repo's files get the official client's local-dir metadata too (core.library.hf_local_dir)."""
    path = manifest_path(project, name)
    root = Path(root or project)
    doc = {"version": 1, "name": name, "source": source, "written_at": time.time(), "files": files}
    write_beneath(root, path.relative_to(root), json.dumps(doc, indent=2).encode())
    if source.get("kind") == "hf" and isinstance(source.get("commit"), str):
        write_download_metadata(Path(project), source["commit"], files, root)  # `hf download` finds them current
    return path


@dataclass(frozen=True)
class VerifyResult:
    checked: int
    missing: tuple[str, ...]
    corrupt: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.missing and not self.corrupt


def manifest_entries(m: Path) -> list[dict]:
    """A manifest's file entries, checked: a damaged or hostile manifest is refused in one sentence."""
    return read_manifest(m)[1]


def read_manifest(m: Path) -> tuple[dict, list[dict]]:
    """A manifest's source ({} when it names none) and its file entries, checked (see manifest_entries)."""
    try:
        doc = json.loads(m.read_bytes())
        files = doc["files"]
        if not isinstance(files, list):
            raise TypeError("files is not a list")
        for e in files:
            if not (isinstance(e, dict) and isinstance(e.get("path"), str) and type(e.get("size")) is int
                    and all(isinstance(e.get(k), str) for k in ("sha256", "git_sha1") if e.get(k) is not None)):
                raise TypeError("a file entry is malformed")
    except (ValueError, KeyError, TypeError) as exc:  # JSON and UTF-8 errors are ValueErrors
        raise BadInputError(N_("{manifest} is damaged ({exc}); it was not used. Download the model again to "
                               "rewrite it."), manifest=m, exc=exc) from None
    for e in files:
        check_relative_path(e["path"], str(m))
    check_layout([e["path"] for e in files], str(m))
    source = doc.get("source")
    return (source if isinstance(source, dict) else {}), files


def _hub_manifests(project: Path, kinds: tuple[str, ...] = ("hf", "ms")):
    """(source, files) of each hub repo (of those hubs) whose manifest the folder holds (damaged ones skipped)."""
    for m in sorted((Path(project) / MANIFEST_DIR).glob("manifest-*.json")):
        try:
            source, files = read_manifest(m)
        except (BadInputError, OSError):
            continue
        if source.get("kind") in kinds and isinstance(source.get("repo"), str):
            yield source, files


def hub_repos_in(project: Path) -> dict[str, set[str]]:
    """The hub repos whose manifests the folder holds: repo → its file paths."""
    return {source["repo"]: {e["path"] for e in files} for source, files in _hub_manifests(project)}


def hub_sources_in(project: Path, kinds: tuple[str, ...] = ("hf",)) -> list[dict]:
    """The manifest sources ({"kind", "repo", "commit", "revision", …}) of the repos of those hubs the folder
    holds at a commit (by default the Hugging Face ones: what goes into the Hugging Face cache)."""
    return [source for source, _ in _hub_manifests(project, kinds) if isinstance(source.get("commit"), str)]


def verify_manifests(project: Path) -> VerifyResult | None:
    """Re-hash every file named by the folder's manifests; None when it has none."""
    manifests = sorted((Path(project) / MANIFEST_DIR).glob("manifest-*.json"))
    if not manifests:
        return None
    checked, missing, corrupt = 0, [], []
    for m in manifests:
        for entry in manifest_entries(m):
            rel = entry["path"]
            f = Path(project) / rel
            checked += 1
            if not f.is_file():
                missing.append(rel)
            elif not file_matches(f, entry["size"], entry.get("sha256"), entry.get("git_sha1")):
                corrupt.append(rel)
    return VerifyResult(checked, tuple(missing), tuple(corrupt))
