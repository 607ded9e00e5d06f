"""The lock's swarm for a hub add: the metadata a peer sends gets the repo and commit it was locked as, and
a lock that pins another commit than the one asked for is not used."""

from __future__ import annotations

import time
from concurrent.futures import Future

import libtorrent as lt
import pytest

from modeldesk.core.sources.adds import HubAdd
from modeldesk.core.contracts.hub_refs import RepoRef
from modeldesk.core.runtime.hub_swarm import SwarmAsks, from_locked_swarm
from modeldesk.core.contracts.hub_refs import HubKey
from modeldesk.core.torrent.sources import parse_torrent_bytes, with_hub_key
from tests.helpers.swarm import make_model, make_torrent

C1, C2 = "1" * 40, "2" * 40


def _info_only(tmp_path) -> tuple[bytes, str]:
    top = make_model(tmp_path, "m", sizes={"model.safetensors": 70_000, "config.json": 12})
    t = tmp_path / "m.torrent"
    ih = make_torrent(top, t, piece_size=16 * 1024)
    info = lt.bencode(lt.bdecode(t.read_bytes())[b"info"])
    return b"d4:info" + info + b"e", ih


class _Swarm:
    """What the engine's metadata fetch gives: the info dict a peer sent (or nothing in time)."""

    def __init__(self, info: bytes | None):
        self.info, self.asked, self.cancelled = info, [], []

    def fetch_metadata(self, magnet: str) -> Future:
        self.asked.append(magnet)
        fut: Future = Future()
        if self.info is not None:
            fut.set_result(self.info)
        return fut

    def cancel_metadata(self, job_id: str) -> Future:
        self.cancelled.append(job_id)
        fut: Future = Future()
        fut.set_result(None)
        return fut


def test_metadata_gets_the_locked_repo_and_commit_outside_the_info_hash(tmp_path):
    info, ih = _info_only(tmp_path)
    src = parse_torrent_bytes(with_hub_key(info, HubKey("acme/tts", C1)), "x")
    assert (src.job_id, src.hub, src.name) == (ih, HubKey("acme/tts", C1), "acme/tts")
    assert sorted(f.path for f in src.files) == ["config.json", "model.safetensors"]  # flat, as get hf:// puts them
    with pytest.raises(ValueError):
        with_hub_key(b"d3:foo3:bare", HubKey("acme/tts", C1))


@pytest.mark.parametrize("asked, joins", [(C1, True), (C2, False)])
def test_only_the_commit_the_lock_pins_joins_its_swarm(tmp_path, asked, joins):
    info, ih = _info_only(tmp_path)
    add = HubAdd(RepoRef("acme/tts", "main"), str(tmp_path / "p"), mirrors=("http://127.0.0.1:9",),
                 swarms=((C1, f"magnet:?xt=urn:btih:{ih}&dn=acme%2Ftts"),))
    swarm = _Swarm(info)
    got = from_locked_swarm(add, asked, SwarmAsks(swarm), running=lambda job_id: False)
    if joins:
        assert got is not None and got.source.job_id == ih and got.source.hub == HubKey("acme/tts", C1)
        assert got.mirrors == ("http://127.0.0.1:9",) and got.source.text.startswith("magnet:")
    else:
        assert got is None and swarm.asked == []


def test_no_metadata_in_time_leaves_it_to_the_hub(tmp_path):
    _, ih = _info_only(tmp_path)
    add = HubAdd(RepoRef("acme/tts", C1), str(tmp_path / "p"), swarms=((C1, f"magnet:?xt=urn:btih:{ih}"),))
    swarm = _Swarm(None)
    assert from_locked_swarm(add, C1, SwarmAsks(swarm, wait=0.05), running=lambda job_id: False) is None
    assert swarm.cancelled == [ih]
    busy = _Swarm(None)
    assert from_locked_swarm(add, C1, SwarmAsks(busy), running=lambda job_id: job_id == ih) is None  # already here
    assert busy.asked == []


@pytest.mark.timing
def test_sync_asks_every_locked_swarm_at_once_and_waits_once(tmp_path):
    """Three locked models whose swarms send nothing: asked together before the first add, the three adds
    wait one deadline between them, not one each. A lock entry for another commit is not asked."""
    hashes = [c * 40 for c in "abc"]
    adds = [HubAdd(RepoRef(f"acme/m{i}", C1), str(tmp_path / f"p{i}"),
                   swarms=((C1, f"magnet:?xt=urn:btih:{ih}"), (C2, f"magnet:?xt=urn:btih:{'f' * 40}")))
            for i, ih in enumerate(hashes)]
    swarm = _Swarm(None)
    asks = SwarmAsks(swarm, wait=0.6)
    asks.ask_all(adds, running=lambda job_id: False)
    assert [m.split("btih:")[1] for m in swarm.asked] == hashes
    started = time.monotonic()
    assert all(from_locked_swarm(a, C1, asks, running=lambda job_id: False) is None for a in adds)
    assert time.monotonic() - started < 1.2  # one at a time would take 1.8 s
    assert swarm.cancelled == hashes and len(swarm.asked) == 3
