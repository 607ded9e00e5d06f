"""Jobs the library keeps that no engine runs in this process (finished earlier, paused, failed at
start): the same job interface, answered from the library. Resuming one starts it again from its
source, so a stored job is never a dead end ("No torrent job…")."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from modeldesk.core.contracts.model_kinds import FACTS, kind_of
from modeldesk.core.contracts import events as ev
from modeldesk.core.sources.adds import HttpAdd, HubAdd, TorrentAdd, restore_add
from modeldesk.core.base.errors import BadInputError
from modeldesk.core.http.part_file import file_paths
from modeldesk.core.contracts.jobs import failed
from modeldesk.core.library.store import InLibrary
from modeldesk.core.library.manifest import manifest_path
from modeldesk.core.base.messages import N_
from modeldesk.core.contracts.models import JobState, LibraryEntry
from modeldesk.core.placement.relocate import move_files

class StoredJobs:
    def __init__(self, record: InLibrary, emit: Callable[[ev.Event], None],
                 start: Callable[[TorrentAdd | HttpAdd | HubAdd], Future]):
        self._record = record
        self._emit = emit  # recorded, then delivered
        self._start = start  # the manager's add: the job then belongs to its engine
        # One worker: moves copy whole models, and a resume lists a hub repo; neither holds up an engine.
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="stored-jobs")

    def stop(self) -> None:
        self._worker.shutdown(wait=True, cancel_futures=True)

    def _entry(self, job_id: str) -> LibraryEntry:
        entry = self._record(lambda lib: lib.get(job_id)).result()
        if entry is None:
            raise BadInputError(N_("No job {job_id} in the library."), job_id=job_id)
        return entry

    def pause(self, job_id: str) -> Future:
        """Not running: it stays so, and the next start of the app leaves it alone too."""
        def run() -> None:
            entry = self._entry(job_id)
            if entry.state not in (JobState.FINISHED, JobState.SEEDING):
                self._emit(ev.JobPaused(job_id))
        return self._worker.submit(run)

    def resume(self, job_id: str) -> Future:
        """Start it again from its source; finished files are checked, not fetched again."""
        def run() -> str:
            entry = self._entry(job_id)
            torrent = self._record(lambda lib: lib.torrent_bytes(job_id)).result()
            return self._start(restore_add(entry, torrent)).result()
        return self._worker.submit(run)

    def remove(self, job_id: str, delete_files: bool = False) -> Future:
        def run() -> None:
            entry = self._record(lambda lib: lib.get(job_id)).result()
            if entry is not None and delete_files:
                for f in entry.files:
                    for path in file_paths(Path(entry.project_dir) / f.path):
                        path.unlink(missing_ok=True)
            self._emit(ev.JobRemoved(job_id))
        return self._worker.submit(run)

    def details(self, job_id: str) -> Future:
        from modeldesk.core.contracts.details import JobDetails, files_from_library  # not on a URL's start-up

        def run() -> JobDetails:
            entry = self._record(lambda lib: lib.get(job_id)).result()
            if entry is None:
                return JobDetails(job_id)
            done = entry.state in (JobState.FINISHED, JobState.SEEDING)
            return JobDetails(job_id, files_from_library(entry.files, done))
        return self._worker.submit(run)

    def set_file_priorities(self, job_id: str, priorities: dict[int, int]) -> Future:
        return failed(BadInputError(N_("Resume the job first; its files can be picked while it runs.")))

    def recheck(self, job_id: str) -> Future:
        return failed(BadInputError(N_("Resume the job first: a running job checks its files against their hashes.")))

    def set_limits(self, job_id: str, down: int, up: int) -> Future:
        """Kept for when it runs again."""
        return self._record(lambda lib: lib.update_options(job_id, limits=[down, up]))

    def move(self, job_id: str, project: str) -> Future:
        """Move what the library says the job has."""
        def run() -> str:
            entry = self._entry(job_id)
            old = Path(entry.project_dir)
            paths = [p for f in entry.files for p in file_paths(old / f.path)]
            if FACTS[kind_of(entry)].manifest:
                paths.append(manifest_path(old, entry.name))
            move_files(old, Path(project), paths)
            self._emit(ev.JobMoved(job_id, project))
            return project
        return self._worker.submit(run)

