"""A Manager running in the test process on an MdHome (loopback settings), with its events queued."""

from __future__ import annotations

import queue
import time

from modeldesk.core.contracts import events as ev
from modeldesk.core.runtime.manager import Manager
from modeldesk.core.config.paths import default_paths
from modeldesk.core.config.settings import load_settings


class Running:
    def __init__(self, md):
        self.paths = default_paths({"MODELDESK_HOME": str(md.root)})
        self.settings = load_settings(self.paths.ensure().settings_file)
        self.events: queue.Queue = queue.Queue()
        self.m = Manager(self.paths, self.settings, self.events.put)

    def __enter__(self):
        self.m.start()
        return self

    def __exit__(self, *exc):
        assert self.m.stop(10)

    def done_bytes(self, job_id: str, within: float) -> int:
        """The job's bytes on disk as the last snapshot within `within` seconds says."""
        done, deadline = 0, time.monotonic() + within
        while time.monotonic() < deadline:
            try:
                e = self.events.get(timeout=0.1)
            except queue.Empty:
                continue
            if isinstance(e, ev.JobsUpdated):
                done = next((s.total_done for s in e.snapshots if s.job_id == job_id), done)
        return done

    def snapshots(self, skip: float, within: float) -> list[tuple[float, object]]:
        """(when, JobSnapshot) of every job reported over `within` seconds, after the first `skip`."""
        out: list[tuple[float, object]] = []
        t0 = time.monotonic()
        while (now := time.monotonic()) < t0 + skip + within:
            try:
                e = self.events.get(timeout=0.05)
            except queue.Empty:
                continue
            if isinstance(e, ev.JobsUpdated) and now >= t0 + skip:
                out.extend((now, s) for s in e.snapshots)
        return out

    def rates(self, skip: float, within: float) -> dict[str, float]:
        """Each job's download rate (bytes/s) from its snapshots over `within` seconds, after the
        first `skip` seconds."""
        first: dict[str, tuple[float, int]] = {}
        last: dict[str, tuple[float, int]] = {}
        for now, s in self.snapshots(skip, within):
            first.setdefault(s.job_id, (now, s.total_done))
            last[s.job_id] = (now, s.total_done)
        return {job: (last[job][1] - first[job][1]) / max(0.5, last[job][0] - first[job][0]) for job in first}
