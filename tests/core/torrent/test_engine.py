"""The engine in-process, on a real libtorrent session bound to 127.0.0.1: the commands the GUI
will send (add, pause, resume, remove) and a bounded shutdown that saves resume data."""

from __future__ import annotations

import queue
import time

import pytest

from modeldesk.core.contracts import events as ev
from modeldesk.core.contracts.models import JobState
from modeldesk.core.config.settings import TorrentSettings
from modeldesk.core.torrent.engine import TorrentEngine
from modeldesk.core.torrent.job import AddRequest
from modeldesk.core.torrent.resume_store import ResumeStore
from modeldesk.core.torrent.sources import parse_torrent_file
from tests.helpers.swarm import make_model, make_torrent

LOOPBACK = TorrentSettings(listen_interfaces="127.0.0.1:0", enable_dht=False, enable_lsd=False,
                           enable_upnp=False, enable_natpmp=False, enable_utp=False)


def wait_for(events: queue.Queue, pred, timeout=15.0):
    deadline = time.monotonic() + timeout
    seen = []
    while time.monotonic() < deadline:
        try:
            e = events.get(timeout=0.2)
        except queue.Empty:
            continue
        seen.append(e)
        if pred(e):
            return e
    raise AssertionError(f"no matching event; saw {[type(e).__name__ for e in seen]}")


def state_is(job_id, state):
    return lambda e: isinstance(e, ev.JobsUpdated) and any(
        s.job_id == job_id and s.state is state for s in e.snapshots)


@pytest.fixture
def engine(tmp_path):
    events: queue.Queue = queue.Queue()
    store = ResumeStore(tmp_path / "resume")
    eng = TorrentEngine(LOOPBACK, store, tmp_path / "parts", events.put)
    eng.start()
    yield eng, events, store
    eng.stop(5)
    store.close()


def add_complete_model(tmp_path, eng, events):
    """A model already on disk, added as a seed; returns (source, job id, top folder)."""
    top = make_model(tmp_path / "lab")
    make_torrent(top, tmp_path / "m.torrent")
    src = parse_torrent_file(tmp_path / "m.torrent")
    job_id = eng.add(AddRequest(src, str(tmp_path / "lab"), rename_incomplete=False)).result(10)
    wait_for(events, lambda e: isinstance(e, ev.JobFinished) and e.job_id == job_id)
    return src, job_id, top


@pytest.mark.timing
def test_commands_and_bounded_shutdown(tmp_path, engine):
    eng, events, store = engine
    src, job_id, _ = add_complete_model(tmp_path, eng, events)
    assert job_id == src.job_id

    eng.pause(job_id).result(5)
    wait_for(events, state_is(job_id, JobState.FINISHED))  # complete and paused = finished
    eng.resume(job_id).result(5)
    wait_for(events, state_is(job_id, JobState.SEEDING))

    with pytest.raises(Exception, match="already being downloaded"):
        eng.add(AddRequest(src, str(tmp_path / "lab"))).result(5)

    t0 = time.monotonic()
    assert eng.stop(5) is True
    assert time.monotonic() - t0 < 5
    stopped = wait_for(events, lambda e: isinstance(e, ev.EngineStopped))
    assert stopped.saved == 1 and not stopped.timed_out
    assert store.load(job_id), "shutdown writes resume data"
    with pytest.raises(Exception, match="shutting down"):
        eng.pause(job_id).result(1)


def test_remove_keeps_files_and_forgets_resume_data(tmp_path, engine):
    eng, events, store = engine
    _, job_id, top = add_complete_model(tmp_path, eng, events)
    eng.remove(job_id, delete_files=False).result(5)
    wait_for(events, lambda e: isinstance(e, ev.JobRemoved) and e.job_id == job_id)
    store.flush()
    assert store.load(job_id) is None
    assert (top / "models" / "weights.safetensors").exists()
