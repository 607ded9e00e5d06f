"""The library as a subscriber of the event stream: what each engine event changes in it.

Runs on the library's writer thread. A library that cannot be written (its disk is full, or it is
read-only) does not stop the downloads: files, their `.mdpart` maps and the resume data carry the
state that matters, and the next run's events bring the library up to date. The user hears it once,
in one sentence, not as a database traceback in the middle of the progress lines.
"""

from __future__ import annotations

import dataclasses
import logging
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import assert_never

from modeldesk.core.contracts import events as ev
from modeldesk.core.base.errors import DiskError
from modeldesk.core.library.store import Library
from modeldesk.core.base.messages import N_, Message
from modeldesk.core.contracts.models import JobState

log = logging.getLogger(__name__)


def record(lib: Library, event: ev.Event, running: Callable[[], list[str]]) -> ev.Event:
    """Apply the event to the library; returns it to deliver (a JobAdded with the row the add wrote)."""
    match event:
        case ev.JobAdded(job_id=job_id):
            return dataclasses.replace(event, entry=lib.get(job_id))
        case ev.JobsUpdated(snapshots=snaps):
            lib.update_progress(snaps)
        case ev.MetadataReceived():
            lib.set_metadata(event.job_id, event.name, event.files, event.total_size, event.wanted_size,
                             event.torrent or None)
        case ev.JobFinished(job_id=job_id):
            lib.mark_finished(job_id)
        case ev.JobFailed(job_id=job_id, reason=reason):
            lib.set_state(job_id, JobState.ERROR, reason)
        case ev.SeedingLimitReached(job_id=job_id):
            lib.set_state(job_id, JobState.FINISHED)
        case ev.PeersServed(peers=peers):
            lib.record_peers(peers)
        case ev.JobPaused(job_id=job_id):
            lib.set_state(job_id, JobState.PAUSED)
        case ev.JobMoved(job_id=job_id, project_dir=project_dir):
            lib.set_project_dir(job_id, project_dir)
        case ev.JobRemoved(job_id=job_id):
            lib.remove(job_id)
        case ev.EngineStopped():
            lib.mark_stopped(running())
        case ev.FilesChecked() | ev.Listening() | ev.SessionStats() | ev.FilePlaced() | ev.JobNote():
            pass  # nothing the library keeps
        case _:
            assert_never(event)
    return event


class LibraryWriteError(DiskError):
    """The library's database could not be written: a command that needs it is refused, in one sentence."""

    def __init__(self, where: Path, exc: BaseException):
        super().__init__(N_("The library in {where} cannot be written ({why}). Nothing was changed; free some "
                            "space there (or fix the folder), then try again."), where=where,
                         why=_why(exc, where))


class Recorder:
    def __init__(self, db_path: Path, running: Callable[[], list[str]]):
        self._where = Path(db_path).parent
        self._running = running  # the jobs this process runs (marked stopped when the engine stops)
        self._failing = False

    def record(self, lib: Library, event: ev.Event) -> ev.Event:
        """The event recorded, to deliver; the event as it came when the library cannot be written."""
        try:
            recorded = record(lib, event, self._running)
        except (sqlite3.Error, OSError) as exc:
            if not self._failing:
                self._failing = True
                log.warning("The library in %s cannot be written (%s). Downloads go on and their files and "
                            "resume data are kept; free some space there and the library catches up.",
                            self._where, _why(exc, self._where))
            return event
        except Exception:  # a bug: logged, and the event still reaches the subscriber
            log.exception("library update failed for %s", type(event).__name__)
            return event
        if self._failing:
            self._failing = False
            log.warning("The library in %s can be written again.", self._where)
        return recorded


def _why(exc: BaseException, where: Path) -> Message | str:
    """SQLite says "database or disk is full", or only "disk I/O error" when a journal cannot grow."""
    text = str(exc).strip() or type(exc).__name__
    try:
        nearly_full = shutil.disk_usage(where).free < 1024 * 1024
    except OSError:
        nearly_full = False
    if nearly_full or "full" in text.lower() or getattr(exc, "errno", None) == 28:
        return Message.of(N_("its disk is full"))
    return text
