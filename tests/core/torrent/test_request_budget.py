"""A seed's engine shares its request budget among the peers that lack pieces (session_config.
in_request_queue): with five slow leechers connected, a peer may queue 800/5 requests with us; when
they are gone, the full 250 again. Real libtorrent peers on loopback."""

from __future__ import annotations

import dataclasses
import queue
import time

from modeldesk.core.contracts import events as ev
from modeldesk.core.torrent.engine import TorrentEngine
from modeldesk.core.torrent.resume_store import ResumeStore
from tests.core.torrent.test_engine import LOOPBACK, add_complete_model, wait_for
from tests.helpers.swarm import LtPeer


def _queue(eng) -> int:
    return eng._call(lambda: eng._ses.get_settings()["max_allowed_in_request_queue"]).result(5)


def _until(pred, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if pred():
            return True
        time.sleep(0.2)
    return False


def test_five_leechers_share_the_seeds_request_budget(tmp_path):
    events: queue.Queue = queue.Queue()
    store = ResumeStore(tmp_path / "resume")
    eng = TorrentEngine(dataclasses.replace(LOOPBACK, allow_multiple_connections_per_ip=True), store,
                        tmp_path / "parts", events.put)
    eng.start()
    peers: list[LtPeer] = []
    try:
        port = wait_for(events, lambda e: isinstance(e, ev.Listening)).port
        add_complete_model(tmp_path, eng, events)
        assert _queue(eng) == 250
        peers = [LtPeer("leech", tmp_path / "m.torrent", tmp_path / f"got{i}", tmp_path, peers=[f"127.0.0.1:{port}"],
                        download_limit=64 * 1024) for i in range(5)]
        assert _until(lambda: _queue(eng) == 160, 20), f"five leechers: {_queue(eng)} requests each, not 160"
        for p in peers:
            p.stop()
        assert _until(lambda: _queue(eng) == 250, 20), "the leechers gone: the whole queue again"
    finally:
        for p in peers:
            p.stop()
        eng.stop(5)
        store.close()
