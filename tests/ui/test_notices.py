"""Notices on their own: failures and seeding limits reach a real notification service (dunst on a
private session bus) with the model's name as plain text; a model restored complete is not announced."""

from __future__ import annotations

import html
import time

import pytest

from modeldesk.bridge import EngineBridge
from modeldesk.core.contracts.models import JobState
from tests.helpers.notify_daemon import NotifyDaemon
from tests.helpers.xsession import XSession


@pytest.fixture
def daemon(tmp_path, monkeypatch):
    with XSession(tray=False) as xs, NotifyDaemon(xs, tmp_path / "dunst") as d:
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", d.address)
        yield d


class Snap:
    def __init__(self, job_id: str, state: JobState):
        self.job_id, self.state = job_id, state


def test_failures_and_seeding_limits_are_announced_and_restored_models_are_not(qtbot, daemon):
    from modeldesk.ui.notices import Notices

    bridge = EngineBridge()
    names = {"a" * 40: "llama <8B> & co", "b" * 40: "tts-model", "c" * 40: "restored-model"}
    notices = Notices(bridge, names.__getitem__, None, "io.github.modeldesk.ModelDesk")
    try:
        bridge.jobsUpdated.emit((Snap("c" * 40, JobState.CHECKING),))
        bridge.jobFinished.emit("c" * 40)  # checked complete at start-up: no news
        bridge.jobFailed.emit("a" * 40, "No space left on the disk that holds /data")
        bridge.seedingLimitReached.emit("b" * 40, "ratio 2.00 reached")
        # A reason that starts with the name already is not prefixed again ("big.bin: big.bin: …").
        bridge.jobFailed.emit("b" * 40, "tts-model: no mirror could serve it (HTTP 503). Try again later.")
        qtbot.waitUntil(lambda: len(daemon.shown()) >= 3, timeout=10_000)
        time.sleep(0.5)
        shown = daemon.shown()
    finally:
        notices.close()
    # The body goes as markup-escaped text: a server that reads markup shows the name as it is.
    assert "<8B>" not in shown[0]["body"]
    assert [(n["summary"], html.unescape(n["body"]), n["category"]) for n in shown] == [
        ("Download failed", "llama <8B> & co: No space left on the disk that holds /data", "transfer.error"),
        ("Seeding stopped", "tts-model: ratio 2.00 reached", "transfer"),
        ("Download failed", "tts-model: no mirror could serve it (HTTP 503). Try again later.", "transfer.error"),
    ]


def test_a_download_complete_with_a_problem_is_announced_once_with_the_problem(qtbot, daemon):
    """A hub repo complete in its folder that the Hugging Face cache could not take: one notice, the
    problem's, in place of the plain "complete" one."""
    from modeldesk.core.contracts import events as ev
    from modeldesk.core.base.messages import N_, Message
    from modeldesk.ui.notices import Notices

    bridge = EngineBridge()
    notices = Notices(bridge, lambda job_id: "acme/tts", None, "io.github.modeldesk.ModelDesk")
    try:
        bridge.jobsUpdated.emit((Snap("hf-1", JobState.DOWNLOADING),))
        problem = Message.of(N_("{name} is complete in its folder, but it could not be put into the Hugging Face "
                                "cache {cache}: {error}"), name="acme/tts", cache="/c", error=OSError("read-only"))
        bridge.deliver(ev.JobFinished("hf-1", notice=problem))
        qtbot.waitUntil(lambda: len(daemon.shown()) >= 1, timeout=10_000)
        time.sleep(0.5)
        shown = daemon.shown()
    finally:
        notices.close()
    assert [(n["summary"], html.unescape(n["body"])) for n in shown] == [
        ("Download complete, with a problem",
         "acme/tts is complete in its folder, but it could not be put into the Hugging Face cache /c: read-only")]
