"""The one job interface. Whatever runs a job (the torrent engine, the HTTP jobs, the library for a
job that no engine runs now) answers these commands for it, each with a future; the manager keeps
a job → engine map and never asks what kind a job is."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from typing import Protocol


def failed(exc: BaseException) -> Future:
    """A future that has already failed with exc (a command refused before it started)."""
    fut: Future = Future()
    fut.set_exception(exc)
    return fut


def completed(value: object) -> Future:
    """A future that has already its result (a command answered at once)."""
    fut: Future = Future()
    fut.set_result(value)
    return fut


def then(fut: Future, after: Callable) -> Future:
    """A future that ends when fut has and after(result) has run (fut's exception passes through)."""
    out: Future = Future()

    def done(f: Future) -> None:
        try:
            out.set_result(after(f.result()))
        except BaseException as exc:
            out.set_exception(exc)
    fut.add_done_callback(done)
    return out


class JobEngine(Protocol):
    def pause(self, job_id: str) -> Future: ...

    def resume(self, job_id: str) -> Future: ...

    def remove(self, job_id: str, delete_files: bool = False) -> Future: ...

    def details(self, job_id: str) -> Future:
        """JobDetails: files with progress and priority, peers or mirrors."""
        ...

    def set_file_priorities(self, job_id: str, priorities: dict[int, int]) -> Future:
        """Live: {file index: priority} (core.details SKIP … HIGH)."""
        ...

    def recheck(self, job_id: str) -> Future:
        """Hash what is on disk again; what fails is fetched again."""
        ...

    def set_limits(self, job_id: str, down: int, up: int) -> Future:
        """The job's own limits in bytes/s (0 = none)."""
        ...

    def move(self, job_id: str, project: str) -> Future:
        """Move the job's files (finished or not) to another project folder; the future gives the folder."""
        ...
