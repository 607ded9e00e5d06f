"""Run torrent jobs headless until they are complete (or seeded enough), fail, or time out."""

from __future__ import annotations

import logging
import queue
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import assert_never

from modeldesk.core.contracts import events as ev
from modeldesk.core.base.constants import SHUTDOWN_TIMEOUT_S
from modeldesk.core.base.errors import InsufficientSpaceError, Interrupted, ModelDeskError, NetworkError
from modeldesk.core.sources.adds import HttpAdd, HubAdd, TorrentAdd
from modeldesk.core.placement.disk_space import full_disk_stall
from modeldesk.core.runtime.manager import Manager
from modeldesk.headless.handover import HandOver
from modeldesk.headless.output import Output, error_text

log = logging.getLogger(__name__)


@dataclass
class _Watch:
    name: str
    last_activity: float
    folder: str = ""  # where it writes
    done_bytes: int = -1
    wanted_bytes: int = 0
    has_metadata: bool = False
    incomplete: tuple[str, ...] = ()
    seeds: bool = True  # a torrent that goes on seeding after it is complete
    finished: bool = False
    stopped: bool = False  # finished and not seeding any more
    exit_code: int | None = None


@dataclass
class RunOptions:
    seed: bool = True
    timeout: float = 0.0  # seconds without metadata or new bytes before giving up; 0 = never
    existing_data: bool = False  # `seed`: the data should already be on disk
    on_finished: Callable[[str], None] | None = None  # called with a job's project folder when it completes
    on_started: Callable[[], object] | None = None  # called once the library is this run's (seed --all: hand-overs)
    forever: bool = False  # until interrupted, whatever its jobs do (`serve`)
    attach: Callable[[Manager], object] | None = None  # given the running core once it has started (`serve`)
    on_event: Callable[[ev.Event], object] | None = None  # every event, as the output gets it (`serve`)


@dataclass
class Run:
    manager: Manager
    events: queue.Queue
    output: Output
    options: RunOptions
    watches: dict[str, _Watch] = field(default_factory=dict)

    def execute(self, adds: list[TorrentAdd | HttpAdd | HubAdd]) -> int:
        previous = signal.signal(signal.SIGTERM, _raise_interrupt)
        code = 0
        try:
            self.manager.start(torrents_when_needed=True)
            if self.options.attach is not None:
                self.options.attach(self.manager)
            if self.options.on_started is not None:
                self.options.on_started()
            self.manager.ask_swarms(adds)
            for add in adds:
                self._add(add, self.options.seed)
            code = self._loop()
        except KeyboardInterrupt:
            code = Interrupted.exit_code
            self.output.info("interrupted; saving resume data")
        except ModelDeskError as exc:
            self.output.error(error_text(exc))
            code = exc.exit_code
        finally:
            self._stop()
            signal.signal(signal.SIGTERM, previous)
        self.output.exit(code)
        return code

    def _add(self, add: TorrentAdd | HttpAdd | HubAdd, seed: bool) -> str:
        job_id = self.manager.add(add).result(60)
        self.watches[job_id] = _Watch(_name_of(add), time.monotonic(), add.project_dir,
                                      seeds=isinstance(add, TorrentAdd) and seed)
        return job_id

    def _adopt(self, handed: HandOver) -> None:
        """Models another process handed over (a `get` or `seed` run while this one owns the library)."""
        jobs = []
        try:
            for add in handed.adds:
                self._add(add, handed.seed)
                jobs.append({"name": _name_of(add), "folder": add.project_dir})
        except ModelDeskError as exc:
            handed.reply.set_result({"ok": False, "error": str(exc), "code": exc.exit_code, "jobs": jobs})
            return
        handed.reply.set_result({"ok": True, "jobs": jobs})

    def _stop(self) -> None:
        try:
            self.manager.stop(SHUTDOWN_TIMEOUT_S)
        except KeyboardInterrupt:
            pass
        while True:
            try:
                event = self.events.get_nowait()
            except queue.Empty:
                return
            if isinstance(event, HandOver):
                event.reply.set_result({"ok": False, "error": "the seed service is stopping", "code": 3})
            else:
                self.output.event(event)

    def _loop(self) -> int:
        while True:
            try:
                event = self.events.get(timeout=0.5)
            except queue.Empty:
                event = None
            if isinstance(event, HandOver):
                self._adopt(event)
            elif event is not None:
                self.output.event(event)
                self._track(event)
                if self.options.on_event is not None:
                    self.options.on_event(event)
            self._check_timeouts()
            if not self.options.forever and self.watches and all(w.exit_code is not None
                                                                 for w in self.watches.values()):
                failures = [w.exit_code for w in self.watches.values() if w.exit_code]
                return failures[0] if failures else 0

    def _track(self, event: ev.Event) -> None:
        now = time.monotonic()
        match event:
            case ev.JobsUpdated(snapshots=snaps):
                for s in snaps:
                    w = self.watches.get(s.job_id)
                    if w is not None:
                        w.wanted_bytes = s.total_wanted
                    if w is not None and s.total_done != w.done_bytes:
                        w.done_bytes = s.total_done
                        w.last_activity = now
            case ev.MetadataReceived(job_id=job_id) if job_id in self.watches:
                self.watches[job_id].has_metadata = True
                self.watches[job_id].last_activity = now
            case ev.FilesChecked(job_id=job_id, incomplete=incomplete) if job_id in self.watches:
                self.watches[job_id].incomplete = incomplete
            case ev.JobFinished(job_id=job_id) if job_id in self.watches:
                watch = self.watches[job_id]
                watch.finished = True
                if self.options.on_finished is not None:
                    self.options.on_finished(watch.folder)
                if not watch.seeds:
                    watch.exit_code = 0
            case ev.SeedingLimitReached(job_id=job_id) if job_id in self.watches:
                self.watches[job_id].exit_code = 0
            case ev.JobFailed(job_id=job_id, exit_code=code) if job_id in self.watches:
                self.watches[job_id].exit_code = code
            case _:
                pass  # other jobs' events, and events that change no watch

    def _check_timeouts(self) -> None:
        if self.options.timeout <= 0:
            return
        now = time.monotonic()
        for job_id, w in self.watches.items():
            if w.finished or w.exit_code is not None:
                continue
            if now - w.last_activity > self.options.timeout:
                what = "no data" if w.has_metadata else "no metadata"
                missing = ""
                if w.incomplete and self.options.existing_data:
                    missing = f" Missing on disk: {', '.join(w.incomplete[:5])}."
                err = self._full_disk(w) or NetworkError(
                    f"{w.name}: {what} from any peer within {self.options.timeout:g}s.{missing}"
                    f"{self._mirrors_out(job_id)} Check the link and your network, then run the same command "
                    "again; what is done is kept."
                )
                self.output.error(str(err))
                w.exit_code = err.exit_code


    def _mirrors_out(self, job_id: str) -> str:
        """The web seeds or mirrors a stalled job dropped, and why: a seed that lied is named, not hidden
        behind "no data from any peer"."""
        try:
            details = self.manager.details(job_id).result(timeout=5)
        except Exception:  # a job no engine answers for now: nothing to add
            return ""
        dropped = [f"{m.url} ({m.health})" for m in details.mirrors if m.health not in ("ok", "backing off")]
        return f" Mirrors dropped: {', '.join(dropped[:5])}." if dropped else ""

    @staticmethod
    def _full_disk(w: _Watch) -> InsufficientSpaceError | None:
        """A job that stopped moving because its disk filled up: say so, not that the peers went quiet."""
        if not w.has_metadata:
            return None
        return full_disk_stall(w.name, w.folder, w.wanted_bytes, w.done_bytes)


def _name_of(add: TorrentAdd | HttpAdd | HubAdd) -> str:
    match add:
        case TorrentAdd():
            return add.source.name
        case HubAdd():
            return str(add.ref)
        case HttpAdd():
            return add.urls[0]
        case _:
            assert_never(add)


def _raise_interrupt(signum, frame):
    raise KeyboardInterrupt
