"""One owner per library, one engine per job: a second process never rewrites the first one's jobs, an
add that is refused leaves the library as it was, and a job no engine runs answers the same commands."""

from __future__ import annotations

import contextlib
import json
import os
import signal

import pytest

from modeldesk.core.contracts import events as ev
from modeldesk.core.sources.adds import HttpAdd, TorrentAdd
from modeldesk.core.base.errors import BadInputError, LibraryBusyError
from modeldesk.core.contracts.models import JobKind, JobState
from modeldesk.core.torrent.sources import parse_magnet
from tests.core.torrent.test_engine import wait_for
from tests.helpers.cli import read_events
from tests.helpers.disk import small_disk
from tests.helpers.faulty_http import FaultyServer
from tests.helpers.manager import Running
from tests.helpers.swarm import random_payload, sha
from tests.integration.test_bad_input import assert_one_clear_line

pytestmark = pytest.mark.integration

# No peer has it and DHT is off: the job waits for metadata for as long as it runs.
LONELY = "magnet:?xt=urn:btih:" + "ab" * 20 + "&dn=lonely-model"


def start_waiting_get(md, folder):
    proc = md.popen("get", LONELY, "--to", str(folder), "--json", "--timeout", "0")
    for e in read_events(proc):
        if e["event"] == "added":
            return proc
    raise AssertionError(proc.stderr.read())


def test_a_second_process_is_refused_and_leaves_the_first_ones_job_alone(md, tmp_path):
    first = start_waiting_get(md, tmp_path / "A")
    try:
        r = md.run("get", LONELY, "--to", str(tmp_path / "B"), "--timeout", "5")
        assert_one_clear_line(r, 2, "another modeldesk", "get")
        row = json.loads(md.run("list", "--json").stdout)[0]
        assert row["project_dir"] == str(tmp_path / "A") and row["state"] != "paused", row
    finally:
        first.kill()  # as kill -9 would: the lock goes with the process
        first.wait(10)
    row = json.loads(md.run("list", "--json").stdout)[0]
    assert row["state"] == "paused", "nothing runs it any more"
    again = md.popen("get", LONELY, "--to", str(tmp_path / "A"), "--json", "--timeout", "0")
    try:
        assert any(e["event"] == "added" for e in read_events(again)), again.stderr.read()
    finally:
        again.send_signal(signal.SIGINT)
        again.wait(20)


def test_the_lock_is_taken_by_the_manager_and_given_back(md):
    with Running(md):
        other = Running(md)
        with pytest.raises(LibraryBusyError, match=f"pid {os.getpid()}"):
            other.m.start()
        assert other.m.stop(5)
    with Running(md):  # free again once stopped
        pass


def test_adding_a_running_torrent_into_another_folder_keeps_its_row(md, tmp_path):
    src = parse_magnet(LONELY)
    with Running(md) as r:
        assert r.m.add(TorrentAdd(src, str(tmp_path / "A"))).result(10) == src.job_id
        with pytest.raises(BadInputError, match="already being downloaded"):
            r.m.add(TorrentAdd(src, str(tmp_path / "B"))).result(10)
        assert r.m.entry(src.job_id).result(5).project_dir == str(tmp_path / "A")
    with Running(md) as r:  # what a restart restores
        assert r.m.entry(src.job_id).result(5).project_dir == str(tmp_path / "A")


def test_a_stored_http_job_pauses_and_resumes_like_a_running_one(md, tmp_path):
    www, f, digest = random_payload(tmp_path / "www", 512 * 1024)
    out = tmp_path / "proj"
    with FaultyServer(www, "ok") as srv:
        url = f"{srv.url}/{f.name}"
        with Running(md) as r:  # an earlier run: added, then paused before it ended
            job = r.m.add(HttpAdd((url,), str(out), digest, limits=(64 * 1024, 0))).result(10)
            r.m.pause(job).result(10)
        (out / f.name).unlink(missing_ok=True)
        with Running(md) as r:  # this run has not started it: the library answers for it
            r.m.pause(job).result(10)
            assert r.m.entry(job).result(5).state is JobState.PAUSED
            r.m.set_limits(job, 0, 0).result(10)  # kept for when it runs
            assert r.m.resume(job).result(20) == job
            wait_for(r.events, lambda e: isinstance(e, ev.JobFinished) and e.job_id == job, 20)
            details = r.m.details(job).result(5)
    assert sha(out / f.name) == digest
    assert [x.path for x in details.files] == [f.name]


def test_a_full_disk_under_the_library_is_one_clear_message(md, tmp_path):
    www, f, digest = random_payload(tmp_path / "www", 2 * 1024 * 1024)
    with FaultyServer(www, "ok") as srv, small_disk(md.root / "data", 1024) as data:
        assert md.run("list").code == 0
        first = md.run("get", f"{srv.url}/{f.name}", "--to", str(tmp_path / "one"), "--sha256", digest)
        assert first.code == 0, first.stderr
        with open(data / "filler", "wb") as fill:
            try:
                fill.write(b"\0" * (1024 * 1024))
            except OSError:
                pass  # full now
        r = md.run("get", f"{srv.url}/{f.name}", "--to", str(tmp_path / "two"), "--sha256", digest)
    assert_one_clear_line(r, 4, "library", "full")
    assert sha(tmp_path / "one" / f.name) == digest, "what was downloaded before is untouched"


def test_job_added_carries_the_row_a_table_shows(md, tmp_path):
    """The desktop table shows a new job from the event alone: no read of the library after it."""
    www, _, digest = random_payload(tmp_path / "www", 64 * 1024)
    with FaultyServer(www) as srv, Running(md) as r:
        r.m.add(TorrentAdd(parse_magnet(LONELY), str(tmp_path / "A"))).result(10)
        r.m.add(HttpAdd((f"{srv.url}/model.safetensors",), str(tmp_path / "B"), digest)).result(10)
        added = [wait_for(r.events, lambda e: isinstance(e, ev.JobAdded)) for _ in range(2)]
    rows = {e.entry.name: e.entry for e in added}
    assert rows["lonely-model"].project_dir == str(tmp_path / "A")
    assert rows["lonely-model"].source == LONELY and rows["lonely-model"].kind is JobKind.BT
    assert rows["model.safetensors"].project_dir == str(tmp_path / "B")
    assert rows["model.safetensors"].kind is JobKind.HTTP
    assert all(e.entry.job_id == e.job_id for e in added)


def test_a_job_the_user_paused_stays_paused_across_a_restart(md, tmp_path):
    """Before, the library kept one "paused" for both the user's pause and a job stopped at exit, and a
    restart started every such job again."""
    www, f, _ = random_payload(tmp_path / "www", 512 * 1024)
    out = tmp_path / "proj"
    with FaultyServer(www, "trickle") as srv:  # two bytes a second: never done within the test
        with Running(md) as r:
            paused = r.m.add(HttpAdd((f"{srv.url}/{f.name}",), str(out))).result(10)
            running = r.m.add(TorrentAdd(parse_magnet(LONELY), str(out))).result(10)
            r.m.pause(paused).result(10)
        with Running(md) as r:  # the app starting again
            assert r.m.restore() == []
            back = [wait_for(r.events, lambda e: isinstance(e, ev.JobAdded))]
            with contextlib.suppress(AssertionError):
                back.append(wait_for(r.events, lambda e: isinstance(e, ev.JobAdded), 3))
            assert [e.job_id for e in back] == [running]
            assert r.m.entry(paused).result(5).state is JobState.PAUSED
            assert r.m.resume(paused).result(10) == paused  # the user's resume starts it
            wait_for(r.events, lambda e: isinstance(e, ev.JobAdded) and e.job_id == paused)
        with Running(md) as r:  # resumed, it is a running job again for the next start
            r.m.restore()
            added = {wait_for(r.events, lambda e: isinstance(e, ev.JobAdded)).job_id for _ in range(2)}
            assert added == {paused, running}


def test_a_removed_job_is_kept_in_the_history(md, tmp_path):
    """Removed jobs vanished without a trace; `list --history` shows what each was, where, and when it
    left (the lab server's audit log builds on this table)."""
    www, f, digest = random_payload(tmp_path / "www", 64 * 1024)
    with FaultyServer(www) as srv, Running(md) as r:
        job_id = r.m.add(HttpAdd((f"{srv.url}/{f.name}",), str(tmp_path / "B"), digest)).result(10)
        wait_for(r.events, lambda e: isinstance(e, ev.JobFinished))
        r.m.remove(job_id, False).result(10)
        wait_for(r.events, lambda e: isinstance(e, ev.JobRemoved))
    assert json.loads(md.run("list", "--json").stdout) == []
    rows = json.loads(md.run("list", "--history", "--json").stdout)
    assert [(h["job_id"], h["name"], h["project_dir"], h["size"]) for h in rows] == \
        [(job_id, f.name, str(tmp_path / "B"), 64 * 1024)]
    assert rows[0]["removed_at"] >= rows[0]["added_at"] and rows[0]["finished_at"]
    text = md.run("list", "--history").stdout
    assert f.name in text and str(tmp_path / "B") in text
