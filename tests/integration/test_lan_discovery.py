"""Peers found without a tracker: Local Service Discovery across a test LAN of two network namespaces
joined by a veth pair (`tests/helpers/netns.py`; its multicast stays inside them), and peer exchange
from the one peer a leecher was told about to the seed it did not know."""

from __future__ import annotations

import pytest

from tests.helpers.cli import MdHome, read_events
from tests.helpers.netns import LanPair
from tests.helpers.swarm import LtPeer, make_model, make_torrent

pytestmark = pytest.mark.integration

MiB = 1024 * 1024


@pytest.mark.parametrize("lsd", [True, False])
def test_lsd_finds_the_lab_seed_on_the_lan(tmp_path, lsd):
    """Only the info-hash: no tracker, no DHT, no x.pe hint. LSD is the one way to the seed on the
    other host; with the student's LSD off (the control), no data comes within the timeout."""
    top = make_model(tmp_path / "lab", sizes={"weights.safetensors": 4 * MiB, "config.json": 300})
    torrent = tmp_path / "m.torrent"
    ih = make_torrent(top, torrent)
    with LanPair("lsd") as lan:
        seed = MdHome(tmp_path / "seed-home", prefix=lan.prefix("a"))
        seed.configure(listen_interfaces=f"{lan.addr['a']}:6881", enable_lsd=True)
        student = MdHome(tmp_path / "student-home", prefix=lan.prefix("b"))
        student.configure(listen_interfaces=f"{lan.addr['b']}:6881", enable_lsd=lsd)
        proc = seed.popen("seed", str(torrent), "--from", str(top.parent), "--json")
        try:
            assert any(e["event"] == "finished" for e in read_events(proc)), "the seed never checked its files"
            got = student.run("get", f"magnet:?xt=urn:btih:{ih}", "--to", str(tmp_path / "student"), "--no-seed",
                              "--json", "--timeout", "60" if lsd else "10", timeout=120)
        finally:
            proc.kill()
            proc.wait()
    if not lsd:
        assert got.code == 3, got.stderr
        return
    assert got.code == 0, got.stderr
    for f in ("weights.safetensors", "config.json"):
        assert (tmp_path / "student" / "tts-model" / f).read_bytes() == (top / f).read_bytes()


@pytest.mark.parametrize("pex", [True, False])
def test_pex_leads_a_leecher_from_the_one_peer_it_knows_to_the_seed(md, tmp_path, pex):
    """The leecher knows one peer, which has almost nothing (its download is held to 8 KiB/s); that
    peer knows the seed. The seed learns no peers from others (its PEX is off), so it never calls the
    leecher: only the leecher's own peer exchange tells it where the seed is. With it, 4 MiB come in
    seconds; without it (the control), no data comes within the timeout."""
    md.configure(enable_pex=pex)
    top = make_model(tmp_path / "origin", sizes={"weights.safetensors": 4 * MiB})
    torrent = tmp_path / "m.torrent"
    ih = make_torrent(top, torrent)
    with LtPeer("seed", torrent, top.parent, tmp_path, pex=False) as seed, \
            LtPeer("leech", torrent, tmp_path / "slow", tmp_path, peers=[f"127.0.0.1:{seed.port}"],
                   download_limit=8 * 1024) as known:
        got = md.run("get", f"magnet:?xt=urn:btih:{ih}&x.pe=127.0.0.1:{known.port}", "--to", str(tmp_path / "me"),
                     "--no-seed", "--json", "--timeout", "60" if pex else "10", timeout=120)
    if not pex:
        assert got.code == 3, got.stderr
        return
    assert got.code == 0, got.stderr
    assert (tmp_path / "me" / "tts-model" / "weights.safetensors").read_bytes() == \
        (top / "weights.safetensors").read_bytes()
