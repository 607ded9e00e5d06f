"""The lab server's job list (core/serve/job_board.py): what a client asking `since` a revision gets
when a job is added, paused (an HTTP job says so by an event, not a snapshot), finished and removed."""

from __future__ import annotations

from modeldesk.core.contracts import events as ev
from modeldesk.core.contracts.models import JobKind, JobState, LibraryEntry, Selection
from modeldesk.core.serve.job_board import JobBoard


def _entry(job_id: str) -> LibraryEntry:
    return LibraryEntry(job_id, JobKind.HTTP, "acme/tts", "hf", "hf://acme/tts", "/lab/tts", Selection(),
                        JobState.DOWNLOADING, 100, 100, 40, 0.0, None, 0, 40, 0, 0)


def test_a_client_sees_each_change_since_its_revision_once():
    board = JobBoard()
    board.feed(ev.JobAdded("j1", "acme/tts", "/lab/tts", _entry("j1")))
    first = board.since(0)
    assert first["full"] and [j["source_kind"] for j in first["jobs"]] == ["hf"]
    assert board.since(first["rev"])["jobs"] == [], "nothing changed"

    board.feed(ev.JobPaused("j1"))
    paused = board.since(first["rev"])
    assert [(j["id"], j["state"], j["down_rate"]) for j in paused["jobs"]] == [("j1", "paused", 0)]

    board.feed(ev.JobFinished("j1"))
    done = board.since(paused["rev"])["jobs"][0]
    assert (done["state"], done["done"], done["progress"]) == ("finished", 100, 1.0)

    board.feed(ev.JobRemoved("j1"))
    gone = board.since(board.since(0)["rev"] - 1)
    assert gone["removed"] == ["j1"] and board.gone("j1")

