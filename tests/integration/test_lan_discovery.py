"""Peers found without a tracker: Local Service Discovery across a test LAN of two network namespaces
joined by a veth pair (`tests/helpers/netns.py`; its multicast stays inside them), and peer exchange
from the one peer a leecher was told about to the seed it did not know."""

from __future__ import annotations

import json
import signal
import subprocess

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


@pytest.mark.parametrize("first_octet, lan", [(10, True), (44, False)])
def test_the_library_counts_a_peer_served_as_lan_or_internet_by_its_address(tmp_path, first_octet, lan):
    """The thanks board's split, from a real transfer between two hosts: on a private /24 the student is
    a LAN peer; on addresses of the public ranges (inside the test's namespaces only) an internet peer."""
    # Held to 2 MiB/s, the transfer lasts 3 s: the seed looks at its peers about once a second.
    top = make_model(tmp_path / "lab", sizes={"weights.safetensors": 6 * MiB})
    torrent = tmp_path / "m.torrent"
    ih = make_torrent(top, torrent)
    with LanPair("thanks", first_octet) as net:
        seed = MdHome(tmp_path / "seed-home", prefix=net.prefix("a"))
        seed.configure(listen_interfaces=f"{net.addr['a']}:6881")
        student = MdHome(tmp_path / "student-home", prefix=net.prefix("b"))
        student.configure(listen_interfaces=f"{net.addr['b']}:6881")
        proc = seed.popen("seed", str(torrent), "--from", str(top.parent), "--json")
        try:
            # Listening and checked: a peer refused once is not called again for a minute.
            seen = set()
            for e in read_events(proc):
                seen.add(e["event"])
                if {"listening", "finished"} <= seen:
                    break
            assert {"listening", "finished"} <= seen, f"the seed said only {seen}"
            got = student.run("get", f"magnet:?xt=urn:btih:{ih}&x.pe={net.addr['a']}:6881", "--to",
                              str(tmp_path / "student"), "--no-seed", "--json", "--timeout", "60",
                              "--download-limit", "2MiB", timeout=120)
            assert got.code == 0, got.stderr
        finally:
            proc.send_signal(signal.SIGINT)  # a clean stop: the library keeps what it counted
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    row = json.loads(MdHome(seed.root).run("list", "--json").stdout)[0]  # the namespaces are gone now
    assert row["peers_served"] == 1
    assert (row["peers_served_lan"], row["uploaded_lan"] > 0, row["uploaded_internet"] > 0) == \
        ((1, True, False) if lan else (0, False, True))
