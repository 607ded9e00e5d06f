"""`sync`'s changes to a project, made so that nothing of the user's is lost.

- A file at a locked path that holds other bytes is ModelDesk's own version when the library's index
  says ModelDesk put that content there (BlobIndex.is_ours); anything else is the user's edit. An edit is
  never replaced unless the user says `--force`, and then it goes to `.modeldesk/edited/`, which `gc`
  never touches. ModelDesk's own versions go to `.modeldesk/store/` by sha256, so going back to a lock
  that wanted one is a placement, not a download.
- A file the library holds is placed over the old one in one rename (the old one is linked into the
  store first), so the path never lacks a file.
- A file that must be fetched has its old version set aside before the engines run (libtorrent writes
  into an existing file in place), and put back if the fetch fails: a failed `sync` leaves the project
  as it found it.
- Everything that could refuse (the lock naming our own files, edits without --force) is decided before
  anything moves.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from modeldesk.core.base.errors import BadInputError
from modeldesk.core.library.blobs import BlobIndex
from modeldesk.core.projects.lockfile import LOCK_NAME, Lock
from modeldesk.core.base.messages import N_
from modeldesk.core.base.os_reasons import os_reason
from modeldesk.core.base.beneath import make_folder_beneath
from modeldesk.core.placement.placing import LinkMode, place_file
from modeldesk.core.projects.project_config import PROJECT_CONFIG
from modeldesk.core.projects.project_lock import STORE_DIR, ProjectState, locked_paths

EDITED_DIR = ".modeldesk/edited"  # the user's own files sync --force replaced; never collected
SHOWN_EDITS = 10


class EditedFilesError(BadInputError):
    """Locked paths hold files the user changed; sync leaves them unless --force."""


@dataclass
class Aside:
    dest: Path
    kept: Path
    moved: bool  # False: the store had this content already, and dest was only unlinked
    sha256: str
    ours: bool  # what the index knew of it at dest, given back with it


@dataclass
class SyncChanges:
    state: ProjectState = field(default_factory=ProjectState)
    aside: list[Aside] = field(default_factory=list)  # set aside before a fetch, put back if it fails
    edited: dict[str, str] = field(default_factory=dict)  # rel -> where the user's file went (--force)


def refuse_own_files(project: Path, lock: Lock) -> None:
    """A lock may not place a file over the project's own modeldesk.lock or modeldesk.toml."""
    for rel, _dest, _f in locked_paths(project, lock):
        if rel in (LOCK_NAME, PROJECT_CONFIG):
            raise BadInputError(N_("{lock} places a file at {rel}, the project's own file; it was refused and "
                                   "nothing was changed. Fix the lock."), lock=LOCK_NAME, rel=rel)


def edited_files(project: Path, lock: Lock, index: BlobIndex) -> list[str]:
    """Locked paths whose file holds other bytes that ModelDesk never put there: the user's edits."""
    edited = []
    for rel, dest, f in locked_paths(project, lock):
        if not dest.is_file():
            continue
        sha = index.hash(dest)
        if sha != f.sha256 and not index.is_ours(dest, sha):
            edited.append(rel)
    return edited


def refuse_edits(edited: list[str], project: Path) -> None:
    shown = ", ".join(edited[:SHOWN_EDITS]) + (f" (and {len(edited) - SHOWN_EDITS} more)"
                                                if len(edited) > SHOWN_EDITS else "")
    raise EditedFilesError(
        N_("{shown} in {project} differ from {lock} and are not a version ModelDesk put there: they look like "
           "your edits, so sync changed nothing. Run `modeldesk sync --force` to move them to {edited_dir}/ and "
           "put the locked files in their place."),
        shown=shown, project=project, lock=LOCK_NAME, edited_dir=EDITED_DIR)


def _edited_home(project: Path, rel: str) -> Path:
    """A new name under .modeldesk/edited/<time>/, its folders made without passing through a link."""
    where = Path(EDITED_DIR) / time.strftime("%Y%m%d-%H%M%S") / rel
    make_folder_beneath(project, where.parent)
    home = project / where
    n = 1
    while home.exists() or home.is_symlink():
        home = home.with_name(f"{Path(rel).name}.{n}")
        n += 1
    return home


def _store_home(project: Path, sha: str) -> Path:
    return make_folder_beneath(project, STORE_DIR) / sha


def _link_or_copy(src: Path, dest: Path) -> None:
    try:
        os.link(src, dest)
    except OSError:
        place_file(src, dest, LinkMode.COPY)


def keep_old(project: Path, rel: str, dest: Path, index: BlobIndex, changes: SyncChanges, move: bool) -> None:
    """Keep the file at `dest` before it is replaced: ModelDesk's own version in the store, the user's
    (sync --force) in the edited folder. `move`: take it away from dest (a fetch follows); else link it
    (a placement replaces dest in one rename)."""
    sha = index.hash(dest)
    ours = index.is_ours(dest, sha)
    try:
        if not ours:
            home = _edited_home(project, rel)
            os.replace(dest, home) if move else _link_or_copy(dest, home)
            changes.edited[rel] = str(home)
            if move:
                changes.aside.append(Aside(dest, home, True, sha, False))
            index.forget(dest)
            return
        kept = _store_home(project, sha)
        index.forget(dest)
        if kept.exists():
            if move:
                dest.unlink()
                changes.aside.append(Aside(dest, kept, False, sha, True))
        else:
            os.replace(dest, kept) if move else _link_or_copy(dest, kept)
            if move:
                changes.aside.append(Aside(dest, kept, True, sha, True))
            index.remember(kept, sha, ours=True)
    except OSError as exc:
        raise BadInputError(N_("{rel} could not be kept aside before it is replaced ({reason}); nothing of it "
                               "was lost. Fix the folder, then sync again."), rel=rel, reason=os_reason(exc)) from None


def put_back(changes: SyncChanges, index: BlobIndex) -> list[str]:
    """After a failed fetch: every file set aside whose path is still empty goes back. Returns them."""
    back = []
    for a in reversed(changes.aside):
        if a.dest.exists() or a.dest.is_symlink():
            continue  # the fetch did put the new file there
        try:
            if a.moved:
                os.replace(a.kept, a.dest)
                index.forget(a.kept)
            else:
                place_file(a.kept, a.dest, LinkMode.COPY)
            index.remember(a.dest, a.sha256, ours=a.ours)
        except OSError:
            continue  # still kept where it went; the message names that place
        back.append(str(a.dest))
    return back


def place_from_library(project: Path, lock: Lock, index: BlobIndex, mode: LinkMode) -> SyncChanges:
    """Make every locked file right that the library can: files already right stay, a content the index
    knows anywhere is placed over the old file, and the old files of what is left (`missing`, to be
    fetched) are set aside. Edits must have been refused or allowed (--force) before."""
    changes = SyncChanges()
    state = changes.state
    for rel, dest, f in locked_paths(project, lock):
        if dest.is_file() and dest.stat().st_size == f.size and index.hash(dest) == f.sha256:
            state.ok.append(rel)
            continue
        if (dest.exists() or dest.is_symlink()) and not dest.is_file():
            raise BadInputError(N_("{rel} in {project} is not a file; move it away, then sync."),
                                rel=rel, project=project)
        source = next((Path(s.path) for s in index.where(f.sha256) if Path(s.path) != dest), None)
        if source is None:
            if dest.is_file():
                keep_old(project, rel, dest, index, changes, move=True)
            state.missing.append(rel)
            continue
        if dest.is_file():
            keep_old(project, rel, dest, index, changes, move=False)
        used = place_file(source, dest, mode)
        index.remember(dest, f.sha256, ours=True)
        if used is LinkMode.HARDLINK:  # the link changed the inode's ctime: both rows are fresh again
            index.remember(source, f.sha256)
        state.placed[rel] = used.value
    return changes


def mark_synced(project: Path, lock: Lock, index: BlobIndex, state: ProjectState) -> None:
    """Files a sync left matching the lock are ModelDesk's own from now on."""
    right = set(state.ok)
    for rel, dest, f in locked_paths(project, lock):
        if rel in right:
            try:
                index.remember(dest, f.sha256, ours=True)
            except OSError:
                pass
