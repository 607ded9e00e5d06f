import io
import json

from modeldesk.core.contracts import events as ev
from modeldesk.core.base.messages import Message
from modeldesk.core.contracts.models import JobKind, JobSnapshot, JobState
from modeldesk.headless.output import JsonOutput, Output, TerminalOutput


def snap(job_id, progress, state=JobState.DOWNLOADING):
    return JobSnapshot(job_id=job_id, kind=JobKind.BT, name=f"model-{job_id}", state=state, progress=progress,
                       total_wanted=1000, total_done=int(1000 * progress), down_rate=2 * 1024 * 1024, up_rate=0,
                       peers=3, seeds=2, uploaded=0, downloaded=0, session_downloaded=0, seeding_seconds=0,
                       eta_seconds=42)


def test_terminal_redraws_one_line_per_job_in_place(monkeypatch):
    monkeypatch.setenv("COLUMNS", "160")
    out = io.StringIO()
    o = TerminalOutput(out, io.StringIO())
    o.event(ev.JobsUpdated((snap("a", 0.1), snap("b", 0.2))))
    o.event(ev.JobsUpdated((snap("a", 0.5),)))
    text = out.getvalue()
    first, second = text.split("\x1b[F\x1b[F")  # the second tick moves up over both lines
    assert "model-a" in first and "model-b" in first
    assert " 50.0%" in second and " 20.0%" in second, "unchanged jobs keep their line"
    assert "peers   3 (2 seeds)" in second and "ETA 42s" in second and "2.0 MiB/s" in second


def test_an_80_column_terminal_gets_lines_that_do_not_wrap(monkeypatch):
    """The line was 125 columns whatever the terminal: each redraw on 80 columns left stale rows."""
    monkeypatch.setenv("COLUMNS", "80")
    out = io.StringIO()
    o = TerminalOutput(out, io.StringIO())
    long = JobSnapshot(**{**snap("a", 0.25).__dict__, "name": "org/a-model-with-a-rather-long-name-v2.1-instruct"})
    o.event(ev.JobsUpdated((long, snap("b", 0.5))))
    lines = [seg.split("\x1b[K")[0] for seg in out.getvalue().split("\r")[1:]]
    assert len(lines) == 2 and all(len(line) < 80 for line in lines), [len(x) for x in lines]
    assert " 25.0%" in lines[0] and "2.0 MiB/s" in lines[0] and "ETA 42s" in lines[0]
    assert lines[0].startswith("org/a-model-with")


def test_json_lines_are_one_object_each():
    out = io.StringIO()
    o = JsonOutput(out, io.StringIO())
    o.event(ev.JobsUpdated((snap("a", 0.25),)))
    o.event(ev.JobFailed("a", Message.of("No space left while writing {part}.", part="/p/w.bin"), 4))
    o.exit(4)
    objs = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [x["event"] for x in objs] == ["progress", "failed", "exit"]
    assert objs[1]["reason"] == "No space left while writing /p/w.bin."
    assert objs[0]["progress"] == 0.25 and objs[0]["eta"] == 42 and objs[0]["state"] == "downloading"
    assert objs[2]["code"] == 4


def test_plain_output_throttles_progress_for_logs():
    out = io.StringIO()
    o = Output(out, io.StringIO(), interval=3600)
    for p in (0.1, 0.2, 0.3):
        o.event(ev.JobsUpdated((snap("a", p),)))
    assert out.getvalue().count("model-a") == 1


def test_plain_output_gives_each_model_a_line_only_when_it_changed():
    """A seed service's log: one line per model, and none again while an idle seed stays the same."""
    out = io.StringIO()
    o = Output(out, io.StringIO(), interval=0)
    idle = JobSnapshot(**{**snap("a", 1.0, JobState.SEEDING).__dict__, "down_rate": 0, "peers": 0, "seeds": 0,
                          "eta_seconds": -1})
    for _ in range(3):
        o.event(ev.JobsUpdated((idle, snap("b", 0.5))))
    busy = JobSnapshot(**{**idle.__dict__, "up_rate": 3 * 1024 * 1024, "peers": 1})
    o.event(ev.JobsUpdated((busy, snap("b", 0.6))))
    lines = out.getvalue().splitlines()
    assert sum("model-a" in line for line in lines) == 2, lines  # idle once, then serving a peer
    assert sum("model-b" in line for line in lines) == 2, lines  # 50% once (unchanged twice), then 60%
