"""HF_HUB_OFFLINE=1, as the official client reads it: no hub is asked anything. A repo is "got" from
what its folder already holds, known from the manifest ModelDesk wrote there when it fetched or
imported it; a selected file that is not on disk is an error that names it."""

from __future__ import annotations

from pathlib import Path

from modeldesk.core.base.errors import BadInputError
from modeldesk.core.contracts.hub_refs import HubFile, RepoRef
from modeldesk.core.base.repo_ids import is_commit
from modeldesk.core.library.manifest import manifest_path, read_manifest
from modeldesk.core.base.messages import N_
from modeldesk.core.contracts.models import Selection
from modeldesk.core.contracts.selection import is_selected

def offline_listing(ref: RepoRef, project: Path, selection: Selection) -> tuple[str, tuple[HubFile, ...]]:
    """(commit, files) of the copy in `project`, every selected file checked present at its size."""
    m = manifest_path(project, ref.repo_id)
    if not m.exists():
        raise BadInputError(N_("HF_HUB_OFFLINE is set and {project} holds no copy of {repo_id} that "
                               "ModelDesk knows. Unset HF_HUB_OFFLINE to download it, or `modeldesk import` "
                               "a copy first."), project=project, repo_id=ref.repo_id)
    source, entries = read_manifest(m)
    commit = source.get("commit")
    if not isinstance(commit, str) or not is_commit(commit):
        raise BadInputError(N_("HF_HUB_OFFLINE is set and {manifest} names no commit of {repo_id}."),
                            manifest=m, repo_id=ref.repo_id)
    if is_commit(ref.revision) and ref.revision != commit:
        raise BadInputError(N_("HF_HUB_OFFLINE is set and {project} holds {repo_id} at {commit}, not at "
                               "{revision}."),
                            project=project, repo_id=ref.repo_id, commit=commit[:12], revision=ref.revision[:12])
    files = tuple(HubFile(e["path"], e["size"], e.get("git_sha1") or "", e.get("sha256")) for e in entries)
    missing = [f.path for f in files if is_selected(f.path, selection)
               and not ((project / f.path).is_file() and (project / f.path).stat().st_size == f.size)]
    if missing:
        shown = ", ".join(missing[:5]) + (" …" if len(missing) > 5 else "")
        raise BadInputError(N_("HF_HUB_OFFLINE is set and {missing_count} selected file(s) of {repo_id} are "
                               "not on disk in {project}: {shown}. Unset HF_HUB_OFFLINE to fetch them."),
                            missing_count=len(missing), repo_id=ref.repo_id, project=project, shown=shown)
    if not any(is_selected(f.path, selection) for f in files):
        raise BadInputError(N_("HF_HUB_OFFLINE is set and the copy of {repo_id} in {project} has none of the "
                               "selected files."), repo_id=ref.repo_id, project=project)
    return commit, files
