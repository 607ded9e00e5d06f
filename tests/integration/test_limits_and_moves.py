"""Per-job and global speed limits, and moving a job to another project folder, through the
manager on real parts: nginx mirrors and libtorrent sessions on 127.0.0.1."""

from __future__ import annotations

import dataclasses
import queue
import time
from urllib.parse import quote

import pytest

from modeldesk.core.contracts import events as ev
from modeldesk.core.base.errors import DiskError
from modeldesk.core.sources.adds import HttpAdd, TorrentAdd
from modeldesk.core.torrent.engine import TorrentEngine
from modeldesk.core.torrent.resume_store import ResumeStore
from modeldesk.core.torrent.sources import parse_magnet, parse_torrent_file
from tests.core.torrent.test_engine import LOOPBACK, wait_for
from tests.helpers.disk import small_disk
from tests.helpers.manager import Running
from tests.helpers.nginx import Nginx
from tests.helpers.swarm import LtPeer, make_model, make_torrent, random_payload, sha

pytestmark = pytest.mark.integration

MiB = 1024 * 1024



@pytest.mark.timing
def test_a_job_limit_holds_live_then_lifts_and_is_kept(md, tmp_path):
    www, f, digest = random_payload(tmp_path / "www", 12 * MiB)
    with Nginx(www, tmp_path / "ngx") as web, Running(md) as r:
        add = HttpAdd((f"{web.url}/{f.name}",), str(tmp_path / "proj"), digest, connections=4, limits=(MiB, 0))
        job = r.m.add(add).result(10)
        t0 = time.monotonic()
        done = r.done_bytes(job, 3.0)
        rate = done / (time.monotonic() - t0)
        # Unlimited, loopback nginx moves 12 MiB in well under a second.
        assert 0.4 * MiB < rate < 1.6 * MiB, rate
        r.m.set_limits(job, 0, 0).result(10)
        wait_for(r.events, lambda e: isinstance(e, ev.JobFinished) and e.job_id == job, 10)
        entry = r.m.entry(job).result(5)
    assert sha(tmp_path / "proj" / f.name) == digest
    assert entry.options["limits"] == [0, 0]


@pytest.mark.timing
def test_the_download_limit_covers_http_and_alternative_limits_take_over(md, tmp_path):
    www, f, digest = random_payload(tmp_path / "www", 12 * MiB)
    with Nginx(www, tmp_path / "ngx") as web, Running(md) as r:
        turtle = dataclasses.replace(r.settings.torrent, download_rate_limit=0, alt_download_rate_limit=MiB,
                                     alt_speed_on=True)
        r.m.apply_settings(dataclasses.replace(r.settings, torrent=turtle)).result(5)
        job = r.m.add(HttpAdd((f"{web.url}/{f.name}",), str(tmp_path / "proj"), digest, connections=4)).result(10)
        t0 = time.monotonic()
        rate = r.done_bytes(job, 3.0) / (time.monotonic() - t0)
        assert 0.4 * MiB < rate < 1.6 * MiB, rate
        r.m.apply_settings(dataclasses.replace(r.settings, torrent=dataclasses.replace(turtle, alt_speed_on=False)))
        wait_for(r.events, lambda e: isinstance(e, ev.JobFinished) and e.job_id == job, 10)
    assert sha(tmp_path / "proj" / f.name) == digest


# Run by itself: beside another timing test the torrent once got 0.29 MiB/s of the shared 2 MiB/s (the
# check wants 0.3); alone, and beside the capped lab seed test three times, it passed. Cause not found yet.
@pytest.mark.alone
def test_one_download_limit_covers_bittorrent_and_http_together(md, tmp_path):
    """A torrent from a seed process and a file from nginx at once, under one 2 MiB/s limit: together
    they stay near the limit (each engine enforcing the whole limit alone would let ~4 MiB/s
    through), and both make progress."""
    www, f, digest = random_payload(tmp_path / "www", 24 * MiB)
    top = make_model(tmp_path / "seed", sizes={"weights.safetensors": 24 * MiB})
    make_torrent(top, tmp_path / "m.torrent")
    ih = parse_torrent_file(str(tmp_path / "m.torrent")).job_id
    with LtPeer("seed", tmp_path / "m.torrent", top.parent, tmp_path) as seed, \
            Nginx(www, tmp_path / "ngx") as web, Running(md) as r:
        src = parse_magnet(f"magnet:?xt=urn:btih:{ih}&x.pe=127.0.0.1:{seed.port}")
        limited = dataclasses.replace(r.settings.torrent, download_rate_limit=2 * MiB, limit_local_peers=True)
        r.m.apply_settings(dataclasses.replace(r.settings, torrent=limited)).result(5)
        bt = r.m.add(TorrentAdd(src, str(tmp_path / "proj"), seed=False)).result(10)
        http = r.m.add(HttpAdd((f"{web.url}/{f.name}",), str(tmp_path / "proj"), digest, connections=4)).result(10)
        wait_for(r.events, lambda e: isinstance(e, ev.JobsUpdated)
                 and any(s.job_id == bt and s.total_done > 0 for s in e.snapshots), 20)  # metadata is in
        got = r.rates(skip=2.0, within=5.0)  # the first seconds may overshoot by design
    got = {job: got.get(job, 0.0) for job in (bt, http)}
    total = sum(got.values())
    assert total < 2.6 * MiB, f"{total / MiB:.2f} MiB/s for both together under a 2 MiB/s limit: {got}"
    assert total > 1.2 * MiB, f"only {total / MiB:.2f} MiB/s: {got}"
    assert min(got.values()) > 0.3 * MiB, f"one engine starved: {got}"


def test_moving_a_running_http_job_finishes_it_in_the_new_folder(md, tmp_path):
    www, f, digest = random_payload(tmp_path / "www", 16 * MiB)
    old, new = tmp_path / "proj", tmp_path / "elsewhere" / "proj2"
    with Nginx(www, tmp_path / "ngx", "limit_rate 2m;") as web, Running(md) as r:
        job = r.m.add(HttpAdd((f"{web.url}/{f.name}",), str(old), digest, connections=2)).result(10)
        assert 0 < r.done_bytes(job, 1.5) < 16 * MiB, "still downloading when it moves"
        assert r.m.move(job, str(new)).result(20) == str(new)
        moved = wait_for(r.events, lambda e: isinstance(e, ev.JobMoved), 5)
        wait_for(r.events, lambda e: isinstance(e, ev.JobFinished) and e.job_id == job, 30)
        entry = r.m.entry(job).result(5)
    assert moved.project_dir == str(new) and entry.project_dir == str(new)
    assert sha(new / f.name) == digest
    assert list(old.iterdir()) == [], "nothing left behind, partial or final"


def test_a_long_move_holds_up_no_other_job_and_a_pause_meanwhile_holds_after_it(md, tmp_path):
    """A 1 GiB partial file moved onto another file system (a real tmpfs) takes a while: pausing
    another job meanwhile answers at once, and pausing the moving job keeps it paused in its new
    folder instead of restarting there."""
    www = tmp_path / "www"
    www.mkdir()
    with open(www / "big.bin", "wb") as f:  # sparse: nginx serves a GiB of zeros without a GiB on disk
        f.truncate(1024 * MiB)
    (www / "small.bin").write_bytes(b"s" * 8 * MiB)
    old = tmp_path / "proj"
    with Nginx(www, tmp_path / "ngx", "limit_rate 2m;") as web, Running(md) as r, \
            small_disk(tmp_path / "other-disk", 1200 * 1024) as other:
        big = r.m.add(HttpAdd((f"{web.url}/big.bin",), str(old), connections=2)).result(10)
        small = r.m.add(HttpAdd((f"{web.url}/small.bin",), str(old), connections=2)).result(10)
        assert r.done_bytes(big, 1.5) > 0, "the big job is running"
        moving = r.m.move(big, str(other / "proj"))
        pause_big = r.m.pause(big)  # while it moves
        r.m.pause(small).result(5)
        assert not moving.done(), "pausing another job waited for the move"
        assert moving.result(60) == str(other / "proj")
        pause_big.result(10)
        wait_for(r.events, lambda e: isinstance(e, ev.JobPaused) and e.job_id == big, 10)
        assert (other / "proj" / "big.bin.mdpart").stat().st_size == 1024 * MiB
        assert not (old / "big.bin.mdpart").exists()
        before = (other / "proj" / "big.bin.mdpart.map").read_bytes()
        time.sleep(1.5)
        assert (other / "proj" / "big.bin.mdpart.map").read_bytes() == before, "it stayed paused after the move"
        r.m.remove(big, delete_files=True).result(10)
        r.m.remove(small, delete_files=True).result(10)


def test_a_move_that_would_overwrite_moves_nothing(md, tmp_path):
    www, f, digest = random_payload(tmp_path / "www", 4 * MiB)
    old, new = tmp_path / "proj", tmp_path / "proj2"
    new.mkdir()
    (new / f.name).write_bytes(b"the user's own file")
    with Nginx(www, tmp_path / "ngx") as web, Running(md) as r:
        job = r.m.add(HttpAdd((f"{web.url}/{f.name}",), str(old), digest)).result(10)
        wait_for(r.events, lambda e: isinstance(e, ev.JobFinished) and e.job_id == job, 20)
        with pytest.raises(DiskError, match="already exists"):
            r.m.move(job, str(new)).result(10)
        entry = r.m.entry(job).result(5)
    assert (new / f.name).read_bytes() == b"the user's own file"
    assert sha(old / f.name) == digest and entry.project_dir == str(old)


def test_a_moved_torrent_seeds_from_its_new_folder_after_a_restart(md, tmp_path):
    old, new = tmp_path / "proj", tmp_path / "proj2"
    top = make_model(old)
    make_torrent(top, tmp_path / "m.torrent")
    src = parse_torrent_file(str(tmp_path / "m.torrent"))
    with Running(md) as r:
        job = r.m.add(TorrentAdd(src, str(old), rename_incomplete=False, limits=(0, 512 * 1024))).result(10)
        wait_for(r.events, lambda e: isinstance(e, ev.JobFinished) and e.job_id == job, 20)
        assert r.m.move(job, str(new)).result(20) == str(new)
        assert r.m.entry(job).result(5).project_dir == str(new)
    assert (new / "tts-model/models/weights.safetensors").stat().st_size == 6 * 1024 * 1024 + 123
    assert not (old / "tts-model").exists()
    with Running(md) as r:
        assert r.m.restore() == []
        checked = wait_for(r.events, lambda e: isinstance(e, ev.FilesChecked) and e.job_id == job, 20)
        assert checked.incomplete == (), "the restarted job found every file in the new folder"
        entry = r.m.entry(job).result(5)
    assert entry.options["limits"] == [0, 512 * 1024], "the job's limits came back with it"


def test_the_dht_node_count_reaches_the_status_events(tmp_path):
    a_events: queue.Queue = queue.Queue()
    dht = dataclasses.replace(LOOPBACK, enable_dht=True, dht_bootstrap_nodes="")
    a = TorrentEngine(dht, ResumeStore(tmp_path / "ra"), tmp_path / "pa", a_events.put)
    a.start()
    try:
        port = wait_for(a_events, lambda e: isinstance(e, ev.Listening)).port
        b = TorrentEngine(dataclasses.replace(dht, dht_bootstrap_nodes=f"127.0.0.1:{port}"),
                          ResumeStore(tmp_path / "rb"), tmp_path / "pb", lambda e: None)
        b.start()
        try:
            first = wait_for(a_events, lambda e: isinstance(e, ev.SessionStats))
            assert first.dht_nodes == 0
            grown = wait_for(a_events, lambda e: isinstance(e, ev.SessionStats) and e.dht_nodes > 0, 30)
            assert grown.dht_nodes >= 1
        finally:
            b.stop(5)
    finally:
        a.stop(5)


@pytest.mark.timing
def test_a_hybrid_jobs_own_limit_covers_its_peers_and_mirrors_together(md, tmp_path):
    """A torrent with a web seed, from an unlimited seed process and an unlimited nginx at once, under the
    job's own 2 MiB/s limit: peers and mirrors share it (each enforcing it alone let ~2x through), the
    limit is used, and both keep sending."""
    top = make_model(tmp_path / "www", sizes={"weights.safetensors": 40 * MiB})
    t = tmp_path / "m.torrent"
    ih = make_torrent(top, t)
    with Nginx(tmp_path / "www", tmp_path / "ngx") as web, LtPeer("seed", t, top.parent, tmp_path) as seed, \
            Running(md) as r:
        ws = quote(web.url + "/", safe="")
        src = parse_magnet(f"magnet:?xt=urn:btih:{ih}&x.pe=127.0.0.1:{seed.port}&ws={ws}")
        job = r.m.add(TorrentAdd(src, str(tmp_path / "proj"), seed=False, limits=(2 * MiB, 0))).result(10)
        snaps = [(now, s) for now, s in r.snapshots(skip=4.0, within=6.0) if s.job_id == job]
    assert len(snaps) >= 2, "no progress reported"
    (t0, a), (t1, b) = snaps[0], snaps[-1]
    span = t1 - t0
    total = (b.total_done - a.total_done) / span
    mirrors = (b.mirror_downloaded - a.mirror_downloaded) / span
    peers = (b.downloaded - b.mirror_downloaded - (a.downloaded - a.mirror_downloaded)) / span
    rates = f"total {total / MiB:.2f}, mirrors {mirrors / MiB:.2f}, peers {peers / MiB:.2f} MiB/s"
    assert total < 2.5 * MiB, rates  # without the split: 4.3 MiB/s
    assert total > 1.5 * MiB, rates  # each side held to the limit less the other's rate alone: 1.3-1.5
    assert mirrors > 0.1 * MiB and peers > 0.1 * MiB, rates
