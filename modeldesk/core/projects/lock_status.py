"""Whether a project folder matches its modeldesk.lock, cheaply enough to show in a side panel: the
content index answers for files whose stat is unchanged (`sync --check` re-reads every byte instead)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from modeldesk.core.base.errors import ModelDeskError
from modeldesk.core.projects.lockfile import LOCK_NAME, read_lock
from modeldesk.core.projects.projects import find_upwards

@dataclass(frozen=True)
class LockStatus:
    lock: Path
    ok: int = 0
    missing: tuple[str, ...] = ()
    differs: tuple[str, ...] = ()
    error: str = ""  # the lock cannot be read or checked

    @property
    def clean(self) -> bool:
        return not self.error and not self.missing and not self.differs


def find_lock(folder: Path) -> Path | None:
    """The modeldesk.lock of the project holding `folder`: in it or in a folder above it, not above home."""
    return find_upwards(folder, LOCK_NAME)


def lock_statuses(folders: list[Path], library_db: Path) -> dict[Path, LockStatus | None]:
    """Each folder's project checked against its lock (None: no lock covers it). Folders of one project
    share one check; one library connection serves them all (call off the GUI thread)."""
    from modeldesk.core.library.store import Library
    from modeldesk.core.projects.project_lock import check_project

    locks = {folder: find_lock(folder) for folder in folders}
    checked: dict[Path, LockStatus] = {}
    wanted = sorted({lock for lock in locks.values() if lock is not None})
    if wanted:
        lib = Library(library_db)
        try:
            for lock_path in wanted:
                try:
                    state = check_project(lock_path.parent, read_lock(lock_path), lib.blobs, trust_index=True)
                except (ModelDeskError, OSError) as exc:
                    checked[lock_path] = LockStatus(lock_path, error=str(exc))
                    continue
                checked[lock_path] = LockStatus(lock_path, len(state.ok), tuple(state.missing), tuple(state.differs))
        finally:
            lib.close()
    return {folder: checked[lock] if lock is not None else None for folder, lock in locks.items()}
