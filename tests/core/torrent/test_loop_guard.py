"""A bug met while running one job fails that job, not the engine: the torrent thread goes on for the
others and takes commands. Faults are injected (the only mocks here); the session is real libtorrent
bound to 127.0.0.1."""

from __future__ import annotations

import logging
import queue

import pytest

from modeldesk.core.contracts import events as ev
from modeldesk.core.contracts.models import JobState
from modeldesk.core.torrent import engine as engine_module
from modeldesk.core.torrent.engine import TorrentEngine
from modeldesk.core.torrent.job import AddRequest
from modeldesk.core.torrent.resume_store import ResumeStore
from modeldesk.core.torrent.sources import parse_torrent_file
from tests.core.torrent.test_engine import LOOPBACK, state_is, wait_for
from tests.helpers.swarm import make_model, make_torrent


class _BrokenFeed:
    """A mirror feed whose start raises, as a bug in it would."""

    def start(self) -> None:
        raise ValueError("feed bug")

    def stop(self) -> None:
        pass


def _start(tmp_path, feeds=None):
    events: queue.Queue = queue.Queue()
    store = ResumeStore(tmp_path / "resume")
    eng = TorrentEngine(LOOPBACK, store, tmp_path / "parts", events.put, feeds=feeds)
    eng.start()
    return eng, events, store


def _seed(tmp_path, eng, events, name: str, web_seeds=()) -> str:
    top = make_model(tmp_path / name, name)
    make_torrent(top, tmp_path / f"{name}.torrent", web_seeds=web_seeds)
    src = parse_torrent_file(tmp_path / f"{name}.torrent")
    job_id = eng.add(AddRequest(src, str(tmp_path / name), rename_incomplete=False)).result(10)
    wait_for(events, lambda e: isinstance(e, ev.JobFinished) and e.job_id == job_id)
    return job_id


def _still_runs(eng, events, job_id: str) -> None:
    """The engine takes commands for the job and reports the states they lead to."""
    eng.pause(job_id).result(5)
    wait_for(events, state_is(job_id, JobState.FINISHED))  # complete and paused = finished
    eng.resume(job_id).result(5)
    wait_for(events, state_is(job_id, JobState.SEEDING))


def test_a_job_whose_step_raises_fails_alone(tmp_path, monkeypatch, caplog):
    eng, events, store = _start(tmp_path)
    try:
        good = _seed(tmp_path, eng, events, "good")
        bad = _seed(tmp_path, eng, events, "bad")
        real_tick = engine_module.seed_limits.tick
        calls = {"n": 0}

        def tick(job, now):
            if job.job_id == bad:
                calls["n"] += 1
                raise KeyError("injected")
            real_tick(job, now)

        monkeypatch.setattr(engine_module.seed_limits, "tick", tick)
        with caplog.at_level(logging.ERROR, logger="modeldesk.core.torrent.loop_guard"):
            failed = wait_for(events, lambda e: isinstance(e, ev.JobFailed) and e.job_id == bad)
            assert "internal error" in str(failed.reason) and "KeyError" in str(failed.reason)
            assert "Resume it to try again" in str(failed.reason)
            _still_runs(eng, events, good)
            assert calls["n"] >= 2, "the step ran again after it raised"
        logged = [r for r in caplog.records if "tick failed" in r.getMessage() and bad in r.getMessage()]
        assert len(logged) == 1, "a step that keeps raising is logged once"
        assert logged[0].exc_info is not None

        monkeypatch.setattr(engine_module.seed_limits, "tick", real_tick)
        eng.resume(bad).result(5)  # and the failed job comes back once the fault is gone
        wait_for(events, state_is(bad, JobState.SEEDING))
    finally:
        assert eng.stop(5) is True
        store.close()


def test_a_session_step_that_raises_does_not_stop_the_engine(tmp_path, monkeypatch):
    eng, events, store = _start(tmp_path)
    try:
        job = _seed(tmp_path, eng, events, "model")
        ran = {"n": 0}

        def broken(*_args):
            ran["n"] += 1
            raise RuntimeError("injected")

        monkeypatch.setattr(eng._previews, "expire", broken)  # inside the status step, after the updates
        monkeypatch.setattr(eng._feeds, "tick", broken)  # every turn of the loop
        _still_runs(eng, events, job)
        assert ran["n"] >= 10
    finally:
        assert eng.stop(5) is True
        store.close()


@pytest.mark.timeout(60)
def test_a_mirror_feed_that_raises_fails_its_job_only(tmp_path):
    made = []

    def factory(job_id, layout, bases, source, down_limit):
        made.append(job_id)
        return _BrokenFeed()

    eng, events, store = _start(tmp_path, feeds=factory)
    try:
        seeding = _seed(tmp_path, eng, events, "seeding")
        top = make_model(tmp_path / "origin", "hybrid")
        # A web seed nobody serves: the feed is what raises, before any request.
        make_torrent(top, tmp_path / "hybrid.torrent", web_seeds=["http://127.0.0.1:9/hybrid/"])
        src = parse_torrent_file(tmp_path / "hybrid.torrent")
        (tmp_path / "dest").mkdir()
        job = eng.add(AddRequest(src, str(tmp_path / "dest"))).result(10)
        failed = wait_for(events, lambda e: isinstance(e, ev.JobFailed) and e.job_id == job)
        assert "ValueError" in str(failed.reason)
        assert made == [job]
        _still_runs(eng, events, seeding)
    finally:
        assert eng.stop(5) is True
        store.close()
