"""The server's jobs as the control API shows them, with a revision number: every change (an event of
the running core) raises it, and a client asks for what changed since the revision it saw, as
qBittorrent's sync/maindata answers (the whole list when it saw none, or one too old). Fed from the
run loop's thread, read from the HTTP threads."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass

from modeldesk.core.contracts import events as ev
from modeldesk.core.contracts.models import JobSnapshot, LibraryEntry

KEEP_REMOVED = 1000  # removals remembered for clients that ask since an older revision get everything
_BLANK = {"kind": "", "source_kind": "", "state": "queued", "source": "", "size": 0, "done": 0, "progress": 0.0,
          "down_rate": 0, "up_rate": 0, "peers": 0, "seeds": 0, "uploaded": 0, "error": "", "exit_code": 0}


def _of_entry(e: LibraryEntry) -> dict:
    return {**_BLANK, "id": e.job_id, "name": e.name, "kind": str(e.kind), "source_kind": e.source_kind,
            "state": str(e.state), "source": e.source,
            "project": e.project_dir, "size": e.size_wanted, "done": e.size_done,
            "progress": e.size_done / e.size_wanted if e.size_wanted else 0.0, "uploaded": e.uploaded,
            "error": str(e.error)}


def _of_snapshot(s: JobSnapshot) -> dict:
    return {"name": s.name, "state": str(s.state), "size": s.total_wanted, "done": s.total_done,
            "progress": s.progress, "down_rate": s.down_rate, "up_rate": s.up_rate, "peers": s.peers,
            "seeds": s.seeds, "uploaded": s.uploaded, "error": s.error}


@dataclass
class _Row:
    job: dict
    rev: int


class JobBoard:
    def __init__(self, entries: Iterable[LibraryEntry] = ()):
        self._cond = threading.Condition()
        self.rev = 1
        self._rows: dict[str, _Row] = {e.job_id: _Row(_of_entry(e), 1) for e in entries}
        self._removed: dict[str, int] = {}

    def load(self, entries: Iterable[LibraryEntry]) -> None:
        """The library's jobs when the run starts (the events tell the rest)."""
        with self._cond:
            self.rev += 1
            for e in entries:
                self._rows.setdefault(e.job_id, _Row(_of_entry(e), self.rev))
            self._cond.notify_all()

    def _set(self, job_id: str, **fields) -> None:
        row = self._rows.get(job_id)
        if row is None:
            return
        changed = {k: v for k, v in fields.items() if row.job.get(k) != v}
        if changed:
            self.rev += 1
            row.job.update(changed)
            row.rev = self.rev

    def feed(self, event: ev.Event) -> None:
        """One event of the running core (the run loop's thread)."""
        with self._cond:
            before = self.rev
            match event:
                case ev.JobAdded(job_id=job_id, name=name, project_dir=folder, entry=entry):
                    self.rev += 1
                    job = _of_entry(entry) if entry is not None else {**_BLANK, "id": job_id, "name": name,
                                                                      "project": folder}
                    self._rows[job_id] = _Row(job, self.rev)
                    self._removed.pop(job_id, None)
                case ev.JobsUpdated(snapshots=snaps):
                    for s in snaps:
                        self._set(s.job_id, **_of_snapshot(s))
                case ev.JobPaused(job_id=job_id):  # an HTTP job says so by this event alone
                    self._set(job_id, state="paused", down_rate=0, up_rate=0)
                case ev.JobFinished(job_id=job_id) if job_id in self._rows:
                    job = self._rows[job_id].job
                    if job["state"] != "seeding":  # a torrent's snapshots say seeding on their own
                        self._set(job_id, state="finished", done=job["size"], progress=1.0, down_rate=0, error="")
                case ev.JobFailed(job_id=job_id, reason=reason, exit_code=code):
                    self._set(job_id, state="error", error=str(reason), exit_code=code)
                case ev.JobMoved(job_id=job_id, project_dir=folder):
                    self._set(job_id, project=folder)
                case ev.JobRemoved(job_id=job_id) if job_id in self._rows:
                    self.rev += 1
                    del self._rows[job_id]
                    self._removed[job_id] = self.rev
                    if len(self._removed) > KEEP_REMOVED:
                        self._removed.pop(next(iter(self._removed)))
                case _:
                    pass
            if self.rev != before:
                self._cond.notify_all()

    def since(self, rev: int) -> dict:
        """What changed after revision `rev` (everything, with full=true, for 0 or a revision too old)."""
        with self._cond:
            oldest_removal = min(self._removed.values(), default=self.rev)
            full = rev <= 0 or rev > self.rev or (len(self._removed) >= KEEP_REMOVED and rev < oldest_removal)
            jobs = [dict(r.job) for r in self._rows.values() if full or r.rev > rev]
            removed = [] if full else [j for j, at in self._removed.items() if at > rev]
            return {"rev": self.rev, "full": full, "jobs": jobs, "removed": removed}

    def wait(self, rev: int, timeout: float) -> int:
        """Block until the revision passes `rev` or `timeout` ends; the revision now."""
        with self._cond:
            self._cond.wait_for(lambda: self.rev > rev, timeout)
            return self.rev

    def gone(self, job_id: str) -> bool:
        """The job was removed (a job not seen yet is not gone: its JobAdded may still be on its way)."""
        with self._cond:
            return job_id in self._removed

    def job(self, job_id: str) -> dict | None:
        with self._cond:
            row = self._rows.get(job_id)
            return dict(row.job) if row else None
