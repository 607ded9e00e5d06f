"""A ModelScope repo ModelDesk fetched, placed where the official `modelscope` client looks for it
(`snapshot_download(repo, local_files_only=True)`), in its layout (modelscope 1.38 and later):

    CACHE/models/owner--name/snapshots/<revision>/<path>    (datasets: CACHE/datasets/…)

CACHE is MODELSCOPE_CACHE, else ~/.cache/modelscope. The files go under the commit, and under the
branch or tag name asked for (the client looks for `master` when given no revision), each placed as
the library places files into other projects: a reflink or a hard link, a copy only across file
systems. ModelDesk keeps its own copy in the project folder.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from modeldesk.core.base.pathsafety import resolve_inside
from modeldesk.core.base.repo_ids import DATASETS
from modeldesk.core.library.hf_cache import pinned_source
from modeldesk.core.placement.placing import LinkMode, place_file


@dataclass(frozen=True)
class MsCacheExport:
    snapshot: Path  # the repo at its commit
    placed: int  # files placed now
    kept: int  # files the cache held already at the right size


def ms_cache_dir() -> Path:
    return Path(os.environ.get("MODELSCOPE_CACHE", "").strip() or Path.home() / ".cache" / "modelscope").expanduser()


def repo_folder(repo_id: str) -> str:
    """models/owner--name, or datasets/owner--name, as the official client names it."""
    if repo_id.startswith(DATASETS):
        return "datasets/" + repo_id[len(DATASETS):].replace("/", "--")
    return "models/" + repo_id.replace("/", "--")


def export_to_ms_cache(project: Path, source: dict, files: list[dict], cache: Path,
                       mode: LinkMode = LinkMode.AUTO) -> MsCacheExport:
    """source and files: a ModelScope repo's manifest (core/library/manifest.py), its paths checked."""
    repo, commit, revision = pinned_source(project, source)
    root = Path(cache) / repo_folder(repo) / "snapshots"
    names = [commit] + ([revision] if revision and revision != commit else [])
    placed = kept = 0
    for name in names:
        snapshot = resolve_inside(root, name)
        for e in files:
            target = snapshot / e["path"]
            resolve_inside(snapshot, target.parent)  # a folder of the snapshot that links elsewhere is refused
            if name == commit and target.is_file() and target.stat().st_size == e["size"]:
                kept += 1  # a commit's files never change; a branch's folder is placed again
                continue
            place_file(Path(project) / e["path"], target, mode)
            placed += 1
    return MsCacheExport(root / commit, placed, kept)
