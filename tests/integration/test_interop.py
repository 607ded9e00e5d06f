"""ModelDesk in swarms with foreign clients from Debian, found through a real tracker."""

from __future__ import annotations

import libtorrent as lt
import pytest

from tests.helpers.cli import read_events
from tests.helpers.foreign import OpenTracker, QBittorrent, aria2c_leech, mktorrent
from tests.helpers.swarm import LtPeer, make_model

pytestmark = pytest.mark.integration

def infohash(torrent):
    return str(lt.torrent_info(str(torrent)).info_hashes().v1)


FILES = ["models/weights.safetensors", "models/config.json", "samples/demo.wav", "README.md"]


def same_files(a, b):
    for rel in FILES:
        assert (a / rel).read_bytes() == (b / rel).read_bytes(), rel


@pytest.fixture
def tracked(tmp_path):
    """A model, its torrent made by mktorrent, and a running opentracker that tracks it."""
    data = tmp_path / "data"
    top = make_model(data)
    with OpenTracker(tmp_path) as tracker:
        t = tmp_path / "m.torrent"
        mktorrent(top, t, tracker.announce)
        tracker.start(infohash(t))
        yield data, top, t


def test_mktorrent_torrent_peers_from_opentracker(md, tmp_path, tracked):
    """No peer hints at all: both sides learn of each other from opentracker."""
    data, top, t = tracked
    with LtPeer("seed", t, data, tmp_path):
        r = md.run("get", str(t), "--to", str(tmp_path / "proj"), "--no-seed", "--json", "--timeout", "45")
    assert r.code == 0, r.stderr
    same_files(top, tmp_path / "proj" / "tts-model")


def test_download_magnet_from_qbittorrent_seed(md, tmp_path, tracked):
    data, top, t = tracked
    ih = infohash(t)
    with QBittorrent(tmp_path) as qbt:
        qbt.add(t, data)
        qbt.wait_state({"uploading", "stalledUP", "queuedUP", "forcedUP"})
        # Metadata and data both come from qBittorrent (ut_metadata, then pieces). On loopback
        # every peer is 127.0.0.1, so qBittorrent must allow several connections per IP.
        magnet = f"magnet:?xt=urn:btih:{ih}&dn=tts-model&x.pe=127.0.0.1:{qbt.port}"
        r = md.run("get", magnet, "--to", str(tmp_path / "proj"), "--no-seed", "--json", "--timeout", "45")
        seen_by_qbt = qbt.torrents()
    assert r.code == 0, (r.stderr, r.stdout[-1500:], seen_by_qbt)
    same_files(top, tmp_path / "proj" / "tts-model")


def test_seed_to_aria2c_leecher(md, tmp_path, tracked):
    data, top, t = tracked
    proc = md.popen("seed", str(t), "--from", str(data), "--json")
    try:
        for e in read_events(proc):
            if e["event"] == "finished":
                break
        out = tmp_path / "aria2"
        r = aria2c_leech(t, out)
        assert r.returncode == 0, r.stdout + r.stderr
    finally:
        proc.terminate()
        code = proc.wait(20)
    assert code == 130  # SIGTERM is an interruption, and says so
    same_files(top, out / "tts-model")
