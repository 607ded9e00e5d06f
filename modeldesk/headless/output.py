"""Progress output for the headless CLI: a live line per job on a terminal, JSON lines for
scripts, or plain periodic lines for logs (Docker, CI)."""

from __future__ import annotations

import json
import sys
import time
from typing import TextIO

from modeldesk.core import events as ev
from modeldesk.core.models import JobSnapshot
from modeldesk.core.units import fmt_bytes, fmt_eta, fmt_rate


def snapshot_dict(s: JobSnapshot) -> dict:
    return {
        "job_id": s.job_id,
        "name": s.name,
        "state": s.state.value,
        "progress": round(s.progress, 6),
        "total_wanted": s.total_wanted,
        "total_done": s.total_done,
        "down_rate": s.down_rate,
        "up_rate": s.up_rate,
        "peers": s.peers,
        "seeds": s.seeds,
        "eta": s.eta_seconds,
        "uploaded": s.uploaded,
        "downloaded": s.downloaded,
        "session_downloaded": s.session_downloaded,
        "ratio": round(s.ratio, 4),
        "error": s.error,
    }


def progress_line(s: JobSnapshot) -> str:
    return (
        f"{s.name[:40]:40}  {s.progress * 100:5.1f}%  {s.state.value:11}  "
        f"↓ {fmt_rate(s.down_rate):>12}  ↑ {fmt_rate(s.up_rate):>12}  "
        f"peers {s.peers:3d} ({s.seeds} seeds)  ETA {fmt_eta(s.eta_seconds)}"
    )


class Output:
    """Base: plain text for logs; a progress line per job at most every `interval` seconds."""

    def __init__(self, out: TextIO = sys.stdout, err: TextIO = sys.stderr, interval: float = 10.0):
        self.out, self.err, self._interval = out, err, interval
        self._last_print: dict[str, float] = {}
        self.show_missing = False  # set for `seed`, where missing data is news

    def event(self, event: ev.Event) -> None:
        if isinstance(event, ev.JobsUpdated):
            self.progress(event.snapshots)
        elif isinstance(event, ev.JobAdded):
            self.info(f"added {event.name} → {event.project_dir}")
        elif isinstance(event, ev.MetadataReceived):
            chosen = sum(1 for f in event.files if f.selected)
            self.info(f"{event.name}: {chosen} of {len(event.files)} files, {fmt_bytes(event.wanted_size)}")
        elif isinstance(event, ev.FilesChecked) and event.incomplete and self.show_missing:
            shown = ", ".join(event.incomplete[:5]) + (" …" if len(event.incomplete) > 5 else "")
            self.info(f"{len(event.incomplete)} file(s) missing or damaged on disk, to fetch from peers: {shown}")
        elif isinstance(event, ev.JobFinished):
            self.info(f"complete and verified: {event.job_id}")
        elif isinstance(event, ev.SeedingLimitReached):
            self.info(f"stopped seeding {event.job_id}: {event.reason}")
        elif isinstance(event, ev.JobFailed):
            self.error(event.reason)

    def progress(self, snaps: tuple[JobSnapshot, ...]) -> None:
        now = time.monotonic()
        for s in snaps:
            if now - self._last_print.get(s.job_id, -1e9) >= self._interval:
                self._last_print[s.job_id] = now
                print(progress_line(s), file=self.out, flush=True)

    def info(self, text: str) -> None:
        print(text, file=self.out, flush=True)

    def error(self, text: str) -> None:
        print(f"modeldesk: {text}", file=self.err, flush=True)

    def exit(self, code: int) -> None:
        pass


class TerminalOutput(Output):
    """Redraws one line per job in place."""

    def __init__(self, out: TextIO = sys.stdout, err: TextIO = sys.stderr):
        super().__init__(out, err)
        self._lines: dict[str, str] = {}
        self._drawn = 0

    def progress(self, snaps: tuple[JobSnapshot, ...]) -> None:
        for s in snaps:
            self._lines[s.job_id] = progress_line(s)
        self._redraw()

    def _redraw(self) -> None:
        buf = "\x1b[F" * self._drawn if self._drawn else ""
        for line in self._lines.values():
            buf += "\r" + line + "\x1b[K\n"
        self._drawn = len(self._lines)
        self.out.write(buf)
        self.out.flush()

    def info(self, text: str) -> None:
        if self._drawn:
            self.out.write("\x1b[F" * self._drawn + "\x1b[J")
            self._drawn = 0
        super().info(text)
        if self._lines:
            self._redraw()


class JsonOutput(Output):
    """One JSON object per line: an object per event and per progress tick."""

    def _emit(self, obj: dict) -> None:
        self.out.write(json.dumps(obj, separators=(",", ":")) + "\n")
        self.out.flush()

    def event(self, event: ev.Event) -> None:
        if isinstance(event, ev.JobsUpdated):
            for s in event.snapshots:
                self._emit({"event": "progress", **snapshot_dict(s)})
        elif isinstance(event, ev.JobAdded):
            self._emit({"event": "added", "job_id": event.job_id, "name": event.name, "project_dir": event.project_dir})
        elif isinstance(event, ev.MetadataReceived):
            self._emit({
                "event": "metadata", "job_id": event.job_id, "name": event.name,
                "total_size": event.total_size, "wanted_size": event.wanted_size,
                "files": [{"path": f.path, "size": f.size, "selected": f.selected} for f in event.files],
            })
        elif isinstance(event, ev.FilesChecked):
            self._emit({"event": "checked", "job_id": event.job_id, "incomplete": list(event.incomplete)})
        elif isinstance(event, ev.JobFinished):
            self._emit({"event": "finished", "job_id": event.job_id})
        elif isinstance(event, ev.SeedingLimitReached):
            self._emit({"event": "seeding_limit", "job_id": event.job_id, "reason": event.reason})
        elif isinstance(event, ev.JobFailed):
            self._emit(
                {"event": "failed", "job_id": event.job_id, "reason": event.reason, "exit_code": event.exit_code}
            )
            self.error(event.reason)
        elif isinstance(event, ev.Listening):
            self._emit({"event": "listening", "address": event.address, "port": event.port})
        elif isinstance(event, ev.EngineStopped):
            self._emit({"event": "stopped", "resume_saved": event.saved, "timed_out": event.timed_out})

    def info(self, text: str) -> None:
        self._emit({"event": "info", "message": text})

    def exit(self, code: int) -> None:
        self._emit({"event": "exit", "code": code})


def make_output(json_mode: bool, out: TextIO = sys.stdout) -> Output:
    if json_mode:
        return JsonOutput(out)
    if out.isatty():
        return TerminalOutput(out)
    return Output(out)
