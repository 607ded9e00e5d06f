"""Progress output for the headless CLI: a live line per job on a terminal, JSON lines for
scripts, or plain periodic lines for logs (Docker, CI)."""

from __future__ import annotations

import io
import json
import logging
import shutil
import sys
import time
from typing import TextIO, assert_never, cast

from modeldesk.core.contracts import events as ev
from modeldesk.core.contracts.models import JobSnapshot
from modeldesk.core.base.units import count, fmt_bytes, fmt_eta, fmt_rate


def snapshot_dict(s: JobSnapshot) -> dict:
    return {
        "job_id": s.job_id,
        "name": s.name,
        "state": s.state.value,
        "progress": round(s.progress, 6),
        "total_wanted": s.total_wanted,
        "total_done": s.total_done,
        "down_rate": s.down_rate,
        "peer_rate": s.down_rate - s.mirror_rate,
        "mirror_rate": s.mirror_rate,
        "mirror_downloaded": s.mirror_downloaded,
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


def progress_line(s: JobSnapshot, width: int | None = None) -> str:
    """One job's progress; within `width` columns (a terminal's) when given: a line that wraps could not
    be redrawn in place, so a narrow terminal gets the name, percent, rate and ETA, cut to fit."""
    # A hybrid job (peers and mirrors at once) shows what each brings.
    split = f" (mirrors {fmt_rate(s.mirror_rate)})" if s.mirror_rate else ""
    full = (
        f"{s.name[:40]:40}  {s.progress * 100:5.1f}%  {s.state.value:11}  "
        f"↓ {fmt_rate(s.down_rate):>12}{split}  ↑ {fmt_rate(s.up_rate):>12}  "
        f"peers {s.peers:3d} ({s.seeds} seeds)  ETA {fmt_eta(s.eta_seconds)}"
    )
    if width is None or len(full) < width:
        return full
    tail = f"  {s.progress * 100:5.1f}%  ↓ {fmt_rate(s.down_rate)}  ETA {fmt_eta(s.eta_seconds)}"
    name_width = max(8, width - 1 - len(tail))
    return (f"{s.name[:name_width]:{name_width}}" + tail)[:max(1, width - 1)]


_HINTS = {"mirror": " A mirror for this run: --mirror URL; for the project: `modeldesk mirrors project URL`."}


def error_text(exc: BaseException) -> str:
    """An error's sentence, with its remedy worded for the command line."""
    return str(exc) + _HINTS.get(getattr(exc, "hint", ""), "")


class Output:
    """Base: plain text for logs; a progress line per job at most every `interval` seconds."""

    def __init__(self, out: TextIO = sys.stdout, err: TextIO = sys.stderr, interval: float = 10.0):
        self.out, self.err, self._interval = out, err, interval
        self._last_print: dict[str, float] = {}
        self._last_line: dict[str, str] = {}
        self.show_missing = False  # set for `seed`, where missing data is news

    def event(self, event: ev.Event) -> None:
        match event:
            case ev.JobsUpdated(snapshots=snaps):
                self.progress(snaps)
            case ev.JobAdded(name=name, project_dir=project_dir):
                self.info(f"added {name} → {project_dir}")
            case ev.MetadataReceived(name=name, files=files, wanted_size=wanted):
                chosen = sum(1 for f in files if f.selected)
                self.info(f"{name}: {chosen} of {len(files)} files, {fmt_bytes(wanted)}")
            case ev.FilesChecked(incomplete=incomplete):
                if incomplete and self.show_missing:
                    shown = ", ".join(incomplete[:5]) + (" …" if len(incomplete) > 5 else "")
                    missing = count(len(incomplete), "file")
                    self.info(f"{missing} missing or damaged on disk, to fetch from peers: {shown}")
            case ev.JobFinished(job_id=job_id, unverified=names, notice=notice):
                if names:
                    self.info(f"complete, NOT verified (no sha256 was given, only the size was checked): "
                              f"{', '.join(names)}; pass --sha256 to check it: {job_id}")
                else:
                    self.info(f"complete and verified: {job_id}")
                if notice:
                    self.error(str(notice))
            case ev.FilePlaced(path=path, mode=mode, source=source):
                self.info(f"placed from the library ({mode}, not downloaded): {path} ← {source}")
            case ev.SeedingLimitReached(job_id=job_id, reason=reason):
                self.info(f"stopped seeding {job_id}: {reason}")
            case ev.JobNote(message=message):
                self.info(str(message))
            case ev.JobFailed(reason=reason):
                self.error(str(reason))
            case (ev.JobPaused() | ev.JobMoved() | ev.SessionStats() | ev.JobRemoved() | ev.PeersServed()
                  | ev.Listening() | ev.EngineStopped()):
                pass  # nothing a log reader needs
            case _:
                assert_never(event)

    def progress(self, snaps: tuple[JobSnapshot, ...]) -> None:
        """A line per job at most every interval, and only when it says something new: a seed
        service's log (its journal) gets no line every 10 s for each model nobody is fetching."""
        now = time.monotonic()
        for s in snaps:
            line = progress_line(s)
            if now - self._last_print.get(s.job_id, -1e9) >= self._interval and line != self._last_line.get(s.job_id):
                self._last_print[s.job_id], self._last_line[s.job_id] = now, line
                print(line, file=self.out, flush=True)

    def info(self, text: str) -> None:
        print(text, file=self.out, flush=True)

    def result(self, event: str, text: str, fields: dict) -> None:
        """A command's own result (what `publish` made): `text` for people, `fields` for --json."""
        self.info(text)

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
        width = shutil.get_terminal_size((100, 24)).columns  # read each time: the window may be resized
        for s in snaps:
            self._lines[s.job_id] = progress_line(s, width)
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
            for snap in event.snapshots:
                self._emit({"event": "progress", **snapshot_dict(snap)})
            return
        obj = event_dict(event)
        if obj is not None:
            self._emit(obj)
        if isinstance(event, ev.JobFailed):
            self.error(str(event.reason))

    def info(self, text: str) -> None:
        self._emit({"event": "info", "message": text})

    def result(self, event: str, text: str, fields: dict) -> None:
        self._emit({"event": event, **fields})

    def exit(self, code: int) -> None:
        self._emit({"event": "exit", "code": code})


def event_dict(event: ev.Event) -> dict | None:
    """An event as the JSON object `--json` prints (None: not printed)."""
    match event:
        case ev.JobsUpdated():
            return None  # one "progress" object per snapshot instead
        case ev.JobAdded():
            return {"event": "added", "job_id": event.job_id, "name": event.name, "project_dir": event.project_dir}
        case ev.MetadataReceived():
            return {"event": "metadata", "job_id": event.job_id, "name": event.name,
                    "total_size": event.total_size, "wanted_size": event.wanted_size,
                    "files": [{"path": f.path, "size": f.size, "selected": f.selected} for f in event.files]}
        case ev.FilesChecked():
            return {"event": "checked", "job_id": event.job_id, "incomplete": list(event.incomplete)}
        case ev.JobFinished():
            return {"event": "finished", "job_id": event.job_id, "unverified": list(event.unverified),
                    **({"notice": str(event.notice)} if event.notice else {})}
        case ev.SeedingLimitReached():
            return {"event": "seeding_limit", "job_id": event.job_id, "reason": str(event.reason)}
        case ev.JobNote():
            return {"event": "note", "job_id": event.job_id, "message": str(event.message)}
        case ev.JobFailed():
            return {"event": "failed", "job_id": event.job_id, "reason": str(event.reason),
                    "exit_code": event.exit_code}
        case ev.Listening():
            return {"event": "listening", "address": event.address, "port": event.port}
        case ev.EngineStopped():
            return {"event": "stopped", "resume_saved": event.saved, "timed_out": event.timed_out}
        case ev.JobPaused():
            return {"event": "paused", "job_id": event.job_id}
        case ev.JobMoved():
            return {"event": "moved", "job_id": event.job_id, "project_dir": event.project_dir}
        case ev.JobRemoved():
            return {"event": "removed", "job_id": event.job_id}
        case ev.FilePlaced():
            return {"event": "placed", "job_id": event.job_id, "path": event.path, "mode": event.mode,
                    "source": event.source}
        case ev.SessionStats() | ev.PeersServed():
            return None  # status-bar and thanks-board figures, not a headless run's news
        case _:
            assert_never(event)


class QuietOutput(Output):
    """-q: errors and the command's own result only (no progress, no news)."""

    def progress(self, snaps: tuple[JobSnapshot, ...]) -> None:
        pass

    def info(self, text: str) -> None:
        pass

    def result(self, event: str, text: str, fields: dict) -> None:
        print(text, file=self.out, flush=True)


class _LogLines(io.TextIOBase):
    """A text stream whose lines go to a logger (seed.log)."""

    def __init__(self, log: logging.Logger, level: int):
        self._log, self._level = log, level

    def write(self, s: str) -> int:
        for line in s.splitlines():
            if line.strip():
                self._log.log(self._level, line)
        return len(s)


class TeeOutput(Output):
    """What `inner` shows, and the same news as plain lines in the log: `seed --all` runs as a service,
    and the hand-over message sends the user to its seed.log to follow a job."""

    def __init__(self, inner: Output, log: logging.Logger):
        super().__init__()
        lines, warnings = cast(TextIO, _LogLines(log, logging.INFO)), cast(TextIO, _LogLines(log, logging.WARNING))
        self._both = (Output(lines, warnings, interval=60.0), inner)
        self._inner = inner

    def event(self, event: ev.Event) -> None:
        for o in self._both:
            o.event(event)

    def progress(self, snaps: tuple[JobSnapshot, ...]) -> None:
        for o in self._both:
            o.progress(snaps)

    def info(self, text: str) -> None:
        for o in self._both:
            o.info(text)

    def result(self, event: str, text: str, fields: dict) -> None:
        for o in self._both:
            o.result(event, text, fields)

    def error(self, text: str) -> None:
        for o in self._both:
            o.error(text)

    def exit(self, code: int) -> None:
        self._inner.exit(code)


def make_output(json_mode: bool, out: TextIO = sys.stdout, quiet: bool = False) -> Output:
    if json_mode:
        return JsonOutput(out)
    if quiet:
        return QuietOutput(out)
    if out.isatty():
        return TerminalOutput(out)
    return Output(out)
