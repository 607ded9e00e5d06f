"""Keeping the engine loop alive when a step of it raises. Engine thread only.

One thread runs every torrent job, so an exception that escaped its loop ended the thread and every
job stalled, each reporting "no data from any peer". Now a step that works on one job and raises fails
that job with a message that says so (the user can resume it); a step of the whole session that raises
is logged and the loop goes on. A step that keeps raising is logged once, until it works again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any

from modeldesk.core.base.errors import ModelDeskError
from modeldesk.core.base.messages import N_

log = logging.getLogger(__name__)


class InternalError(ModelDeskError):
    """A bug of ModelDesk's met while running one job."""


def internal_error(exc: BaseException) -> InternalError:
    return InternalError(
        N_("ModelDesk hit an internal error with this download ({error}) and paused it. Resume it to try "
           "again; the log has the details."),
        error=type(exc).__name__)


class LoopGuard:
    def __init__(self, fail_job: Callable[[Any, InternalError], None]) -> None:
        self._fail_job = fail_job
        self._failing: set[tuple[str, str]] = set()

    def step(self, name: str, fn: Callable[..., object], *args: object) -> None:
        """One session-wide step: an exception is logged, and the loop goes on."""
        try:
            fn(*args)
        except Exception:
            self._log_once(("", name), "engine step %s failed; the engine goes on", name)
            return
        self._failing.discard(("", name))

    def each_job(self, jobs: Iterable, fn: Callable[..., object], *args: object) -> None:
        """fn(job, *args) for every job; a job whose call raises fails, the others go on."""
        for job in list(jobs):
            self.one_job(job, fn, job, *args)

    def one_job(self, job, fn: Callable[..., object], *args: object) -> None:
        """fn(*args) on behalf of job: if it raises, that job fails."""
        name = getattr(fn, "__name__", repr(fn))
        try:
            fn(*args)
        except Exception as exc:
            self.job_failed(job, exc, name)

    def job_failed(self, job, exc: Exception, name: str) -> None:
        self._log_once((job.job_id, name), "job %s: %s failed", job.job_id, name)
        try:
            self._fail_job(job, internal_error(exc))
        except Exception:
            log.exception("job %s: could not be failed after an internal error", job.job_id)

    def _log_once(self, key: tuple[str, str], *msg: object) -> None:
        if key not in self._failing:
            self._failing.add(key)
            log.exception(*msg)
