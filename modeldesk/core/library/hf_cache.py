"""A hub repo ModelDesk fetched, placed into the cache huggingface_hub and from_pretrained read
(HF_HUB_CACHE), in its layout:

    models--org--name/blobs/<etag>                the content (etag: the LFS sha256, else the git blob id)
    models--org--name/snapshots/<commit>/<path>   a relative link to ../../blobs/<etag>
    models--org--name/refs/<revision>             the commit a branch or tag name stands for

ModelDesk keeps its own copy in the project folder (it verifies and seeds from there). Each file goes
into blobs/ the way the library places files into other projects (core/placing.py): a reflink or a
hard link, so no second copy on one file system; a copy only across file systems.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from modeldesk.core.base.atomic import atomic_write
from modeldesk.core.base.errors import BadInputError
from modeldesk.core.base.messages import N_
from modeldesk.core.base.pathsafety import resolve_inside
from modeldesk.core.placement.placing import LinkMode, place_file
from modeldesk.core.base.repo_ids import DATASETS, is_commit, is_repo_id

_ETAG = re.compile(r"^(?:[0-9a-f]{40}|[0-9a-f]{64})$")


@dataclass(frozen=True)
class CacheExport:
    snapshot: Path  # what from_pretrained opens: the repo at its commit
    placed: int  # blobs made now
    kept: int  # blobs the cache held already (another revision, or an earlier run)
    skipped: tuple[str, ...] = ()  # files whose etag is not known (a manifest written by hand)


def repo_folder(repo_id: str) -> str:
    """models--org--name, or datasets--org--name, as huggingface_hub names it."""
    if repo_id.startswith(DATASETS):
        return "datasets--" + repo_id[len(DATASETS):].replace("/", "--")
    return "models--" + repo_id.replace("/", "--")


def pinned_source(project: Path, source: dict) -> tuple[str, str, str | None]:
    """(repo, commit, revision) of a hub manifest's source, for any hub's cache; refused without both."""
    repo, commit, revision = source.get("repo"), source.get("commit"), source.get("revision")
    if not isinstance(repo, str) or not is_repo_id(repo) or not isinstance(commit, str) or not is_commit(commit):
        raise BadInputError(N_("{project} holds no hub repo at a known commit; it cannot go into the hub cache."),
                            project=project)
    return repo, commit, revision if isinstance(revision, str) and revision else None


def export_to_hub_cache(project: Path, source: dict, files: list[dict], cache: Path,
                        mode: LinkMode = LinkMode.AUTO) -> CacheExport:
    """source and files: a hub manifest's (core/library/manifest.py), whose paths are already checked."""
    repo, commit, revision = pinned_source(project, source)
    root = Path(cache) / repo_folder(repo)
    snapshot = root / "snapshots" / commit
    placed = kept = 0
    skipped = []
    for e in files:
        etag = e.get("sha256") or e.get("git_sha1")
        if not isinstance(etag, str) or not _ETAG.match(etag):
            skipped.append(e["path"])
            continue
        blob = root / "blobs" / etag
        if blob.is_file() and blob.stat().st_size == e["size"]:
            kept += 1
        else:
            place_file(Path(project) / e["path"], blob, mode)
            placed += 1
        link = snapshot / e["path"]
        resolve_inside(snapshot, link.parent)  # a folder of the snapshot that links elsewhere is refused
        _link(blob, link, mode)
    if revision and revision != commit:
        ref = resolve_inside(root / "refs", revision)
        ref.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(ref, commit.encode(), mode=0o644)
    return CacheExport(snapshot, placed, kept, tuple(skipped))


def _link(blob: Path, link: Path, mode: LinkMode) -> None:
    """link -> blob, relative as huggingface_hub makes it (the cache may move); where the system has no
    symbolic links (Windows without developer mode), the file itself, placed like the blob."""
    target = os.path.relpath(blob, link.parent)
    if link.is_symlink() and os.readlink(link) == target:
        return
    link.parent.mkdir(parents=True, exist_ok=True)
    tmp = link.parent / f".{link.name}.{os.getpid()}.linking"
    tmp.unlink(missing_ok=True)
    try:
        os.symlink(target, tmp)
    except (OSError, NotImplementedError):
        place_file(blob, link, mode)
        return
    os.replace(tmp, link)
