"""Live details and file choices on a real swarm (a libtorrent seed in another process): what the
details panel reads, a file picked after the job finished is fetched, and the choice survives a
restart through resume data."""

from __future__ import annotations

import queue
import time
from contextlib import contextmanager
from types import SimpleNamespace

import pytest

from modeldesk.core.contracts import events as ev
from modeldesk.core.contracts.details import HIGH, NORMAL, SKIP
from modeldesk.core.contracts.models import Selection
from modeldesk.core.torrent.engine import TorrentEngine
from modeldesk.core.torrent.job import AddRequest
from modeldesk.core.torrent.resume_store import ResumeStore
from modeldesk.core.torrent.sources import parse_magnet
from tests.core.torrent.test_engine import LOOPBACK, wait_for
from tests.helpers.swarm import LtPeer, make_model, make_torrent

pytestmark = pytest.mark.integration


def finished(job_id):
    return lambda e: isinstance(e, ev.JobFinished) and e.job_id == job_id


@contextmanager
def running_engine(tmp_path, store):
    events: queue.Queue = queue.Queue()
    eng = TorrentEngine(LOOPBACK, store, tmp_path / "parts", events.put)
    eng.start()
    try:
        yield eng, events
    finally:
        eng.stop(5)


@pytest.fixture
def swarm(tmp_path):
    """A model, its magnet with a hint to a libtorrent seed sending 3 MiB/s (the 6 MiB of weights
    take a moment: long enough to see the peer), an empty project folder and a resume store."""
    data = tmp_path / "seed-data"
    top = make_model(data)
    ih = make_torrent(top, tmp_path / "m.torrent")
    out = tmp_path / "proj"
    out.mkdir()
    store = ResumeStore(tmp_path / "resume")
    with LtPeer("seed", tmp_path / "m.torrent", data, tmp_path, upload_limit=3 * 1024 * 1024) as seed:
        src = parse_magnet(f"magnet:?xt=urn:btih:{ih}&dn=tts-model&x.pe=127.0.0.1:{seed.port}")
        yield SimpleNamespace(top=top, ih=ih, out=out, seed=seed, src=src, store=store)
    store.close()


def test_pick_a_file_after_finishing_and_keep_the_choice(tmp_path, swarm):
    out, top, ih = swarm.out, swarm.top, swarm.ih
    with running_engine(tmp_path, swarm.store) as (eng, events):
        job_id = eng.add(AddRequest(swarm.src, str(out), Selection(exclude=("*.wav",)))).result(10)
        peers = ()
        deadline = time.monotonic() + 20
        while not any(p.down_rate > 0 for p in peers) and time.monotonic() < deadline:
            time.sleep(0.2)
            peers = eng.details(job_id).result(5).peers
        seen = [p for p in peers if p.address == f"127.0.0.1:{swarm.seed.port}"]
        assert seen and seen[0].progress == 1.0 and seen[0].down_rate > 0, peers
        wait_for(events, finished(job_id), 30)
        d = eng.details(job_id).result(5)
        by_path = {f.path: f for f in d.files}
        wav = by_path["tts-model/samples/demo.wav"]
        weights = by_path["tts-model/models/weights.safetensors"]
        assert wav.priority == SKIP and wav.done < wav.size
        assert weights.priority == NORMAL and weights.done == weights.size
        assert d.files_editable and d.magnet.startswith(f"magnet:?xt=urn:btih:{ih}")
        assert not (out / "tts-model/samples/demo.wav").exists()

        eng.set_file_priorities(job_id, {wav.index: HIGH}).result(5)
        meta = wait_for(events, lambda e: isinstance(e, ev.MetadataReceived) and e.job_id == job_id)
        assert meta.wanted_size == meta.total_size, "the library hears the new choice"
        wait_for(events, finished(job_id), 30)
        assert (out / "tts-model/samples/demo.wav").read_bytes() == (top / "samples/demo.wav").read_bytes()
        with pytest.raises(Exception, match="must stay selected"):
            eng.set_file_priorities(job_id, {f.index: SKIP for f in d.files}).result(5)
        assert eng.stop(10)
    swarm.store.flush()
    resume = swarm.store.load(job_id)

    # Restart from resume data with the job's original selection: the user's choice wins.
    with running_engine(tmp_path, swarm.store) as (eng, events):
        eng.add(AddRequest(swarm.src, str(out), Selection(exclude=("*.wav",)), resume_data=resume)).result(10)
        wait_for(events, finished(job_id), 30)
        prios = {f.path: f.priority for f in eng.details(job_id).result(5).files}
        assert prios["tts-model/samples/demo.wav"] == HIGH


def test_recheck_finds_a_damaged_file_and_fetches_it_again(tmp_path, swarm):
    with running_engine(tmp_path, swarm.store) as (eng, events):
        job_id = eng.add(AddRequest(swarm.src, str(swarm.out))).result(10)
        wait_for(events, finished(job_id), 30)
        weights = swarm.out / "tts-model/models/weights.safetensors"
        with open(weights, "r+b") as f:
            f.seek(1_000_000)
            f.write(b"\0" * 4096)
        eng.recheck(job_id).result(5)
        checked = wait_for(events, lambda e: isinstance(e, ev.FilesChecked) and e.job_id == job_id, 30)
        assert "tts-model/models/weights.safetensors" in checked.incomplete
        wait_for(events, finished(job_id), 30)
        assert weights.read_bytes() == (swarm.top / "models/weights.safetensors").read_bytes()
