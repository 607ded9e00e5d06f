"""`modeldesk get` against real libtorrent peers in other processes, all on 127.0.0.1."""

from __future__ import annotations

import time

import pytest

from tests.helpers.cli import MdHome, read_events
from tests.helpers.ports import free_port
from tests.helpers.swarm import LtPeer, make_model, make_torrent, sha

pytestmark = pytest.mark.integration



@pytest.fixture
def seeded(tmp_path):
    """A model folder, its .torrent, and a bare libtorrent seed serving it."""
    data = tmp_path / "seed-data"
    top = make_model(data)
    torrent = tmp_path / "model.torrent"
    infohash = make_torrent(top, torrent)
    with LtPeer("seed", torrent, data, tmp_path) as seed:
        yield {"top": top, "torrent": torrent, "infohash": infohash, "seed": seed}


def same_tree(src_top, dst_top, rels):
    for rel in rels:
        assert sha(dst_top / rel) == sha(src_top / rel), rel


def test_magnet_with_peer_hint_downloads_everything(md, tmp_path, seeded):
    magnet = f"magnet:?xt=urn:btih:{seeded['infohash']}&dn=tts-model&x.pe=127.0.0.1:{seeded['seed'].port}"
    out = tmp_path / "projects" / "tts" / "models"
    r = md.run("get", magnet, "--to", str(out), "--no-seed", "--json", "--timeout", "30")
    assert r.code == 0, r.stderr
    assert r.last("exit")["code"] == 0
    meta = r.last("metadata")
    assert meta["wanted_size"] == meta["total_size"]
    top = out / "tts-model"
    same_tree(seeded["top"], top, ["models/weights.safetensors", "models/config.json", "samples/demo.wav", "README.md"])
    assert not list(out.rglob("*.mdpart")), "finished files must carry their final names"


@pytest.mark.timing
def test_peer_hint_that_refused_at_first_is_dialled_again(md, tmp_path):
    """The hinted seed starts after our first dial was refused: libtorrent alone would wait a minute."""
    data = tmp_path / "seed-data"
    top = make_model(data, sizes={"w.bin": 1024 * 1024})
    torrent = tmp_path / "model.torrent"
    port = free_port()
    magnet = f"magnet:?xt=urn:btih:{make_torrent(top, torrent)}&x.pe=127.0.0.1:{port}"
    out = tmp_path / "proj"
    proc = md.popen("get", magnet, "--to", str(out), "--no-seed", "--json", "--timeout", "40")
    try:
        events = read_events(proc)  # up to "listening": the job is added and its hint dialled
        assert any(e["event"] == "listening" for e in events)
        time.sleep(5)  # the dial failed; libtorrent alone would dial again 2 x 10 s after it
        started = time.monotonic()
        with LtPeer("seed", torrent, data, tmp_path, port=port):
            assert proc.wait(40) == 0, proc.stderr.read()
        took = time.monotonic() - started
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    # Given again while the job has no peer, the hint is dialled 10 s after it failed: 5 s from here.
    assert took < 11, f"the download took {took:.1f} s after the seed came up"
    same_tree(top, out / top.name, ["w.bin"])


def test_torrent_file_seed_dials_in(md, tmp_path, seeded):
    """A .torrent with no tracker: the seed connects to us (incoming connection path)."""
    out = tmp_path / "proj"
    proc = md.popen("get", str(seeded["torrent"]), "--to", str(out), "--no-seed", "--json", "--timeout", "30")
    try:
        events = read_events(proc)
        port = next(e["port"] for e in events if e["event"] == "listening")
        with LtPeer("seed", seeded["torrent"], seeded["top"].parent, tmp_path, peers=[f"127.0.0.1:{port}"]):
            assert proc.wait(60) == 0, proc.stderr.read()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    same_tree(seeded["top"], out / "tts-model", ["models/weights.safetensors", "samples/demo.wav", "README.md"])


def test_selection_magnet(md, tmp_path, seeded):
    magnet = f"magnet:?xt=urn:btih:{seeded['infohash']}&x.pe=127.0.0.1:{seeded['seed'].port}"
    out = tmp_path / "proj"
    r = md.run("get", magnet, "--to", str(out), "--no-seed", "--json", "--timeout", "30",
               "--include", "models/**", "--exclude", "*.wav")
    assert r.code == 0, r.stderr
    top = out / "tts-model"
    same_tree(seeded["top"], top, ["models/weights.safetensors", "models/config.json"])
    assert not (top / "samples").exists(), "unselected files must never be created"
    assert not (top / "README.md").exists()
    files = {f["path"]: f["selected"] for f in r.last("metadata")["files"]}
    assert files["tts-model/samples/demo.wav"] is False
    assert files["tts-model/models/config.json"] is True


def test_several_sources_in_one_call(md, tmp_path):
    """Two models in one call: both land in the project folder and both are in the library."""
    a_data, b_data = tmp_path / "a", tmp_path / "b"
    a_top = make_model(a_data, name="asr-model", sizes={"w.bin": 3 * 1024 * 1024})
    b_top = make_model(b_data, name="tts-model", sizes={"w.bin": 2 * 1024 * 1024 + 1})
    a_t, b_t = tmp_path / "a.torrent", tmp_path / "b.torrent"
    a_ih, b_ih = make_torrent(a_top, a_t), make_torrent(b_top, b_t)
    with LtPeer("seed", a_t, a_data, tmp_path) as a_seed, LtPeer("seed", b_t, b_data, tmp_path) as b_seed:
        r = md.run(
            "get", f"magnet:?xt=urn:btih:{a_ih}&x.pe=127.0.0.1:{a_seed.port}",
            f"magnet:?xt=urn:btih:{b_ih}&x.pe=127.0.0.1:{b_seed.port}",
            "--to", str(tmp_path / "proj"), "--no-seed", "--json", "--timeout", "30",
        )
    assert r.code == 0, r.stderr
    assert {e["job_id"] for e in r.events if e["event"] == "finished"} == {a_ih, b_ih}
    assert sha(tmp_path / "proj" / "asr-model" / "w.bin") == sha(a_top / "w.bin")
    assert sha(tmp_path / "proj" / "tts-model" / "w.bin") == sha(b_top / "w.bin")
    listing = md.run("list")
    assert "asr-model" in listing.stdout and "tts-model" in listing.stdout and "finished" in listing.stdout


def test_a_torrent_file_and_its_magnet_in_one_get_keep_the_magnets_peers(md, tmp_path):
    """The .torrent (no tracker) and the magnet with the seed's address: one job, which uses both (the
    magnet's x.pe was dropped as a duplicate, and the job failed "no data from any peer")."""
    data = tmp_path / "seed-data"
    top = make_model(data, sizes={"w.bin": 1024 * 1024, "c.json": 100})
    torrent = tmp_path / "model.torrent"
    ih = make_torrent(top, torrent)
    with LtPeer("seed", torrent, data, tmp_path) as seed:
        magnet = f"magnet:?xt=urn:btih:{ih}&x.pe=127.0.0.1:{seed.port}"
        for i, order in enumerate(((str(torrent), magnet), (magnet, str(torrent)))):
            home = MdHome(tmp_path / f"home-{i}")  # a library of its own: nothing to place from
            home.configure()
            out = tmp_path / f"proj-{i}"
            r = home.run("get", *order, "--to", str(out), "--no-seed", "--json", "--timeout", "30")
            assert r.code == 0, r.stderr
            assert len({e["job_id"] for e in r.events if e["event"] == "added"}) == 1
            assert (out / top.name / "w.bin").read_bytes() == (top / "w.bin").read_bytes()
