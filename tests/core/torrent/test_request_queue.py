"""The queue of requests a peer may keep with our seed holds for the whole session (session_config.
in_request_queue): libtorrent tells each peer the figure at the handshake and rejects requests beyond
the one in force, so it must not drop while peers are connected. Real libtorrent peers on loopback."""

from __future__ import annotations

import dataclasses
import queue
import time

from modeldesk.core.contracts import events as ev
from modeldesk.core.torrent.engine import TorrentEngine
from modeldesk.core.torrent.resume_store import ResumeStore
from modeldesk.core.torrent.session_config import REQUEST_QUEUE
from tests.core.torrent.test_engine import LOOPBACK, add_complete_model, wait_for
from tests.helpers.swarm import LtPeer


def _queue(eng) -> int:
    return eng._call(lambda: eng._ses.get_settings()["max_allowed_in_request_queue"]).result(5)


def test_five_leechers_keep_the_queue_they_were_told(tmp_path):
    events: queue.Queue = queue.Queue()
    store = ResumeStore(tmp_path / "resume")
    eng = TorrentEngine(dataclasses.replace(LOOPBACK, allow_multiple_connections_per_ip=True), store,
                        tmp_path / "parts", events.put)
    eng.start()
    peers: list[LtPeer] = []
    try:
        port = wait_for(events, lambda e: isinstance(e, ev.Listening)).port
        _, job_id, _ = add_complete_model(tmp_path, eng, events)
        assert _queue(eng) == REQUEST_QUEUE
        peers = [LtPeer("leech", tmp_path / "m.torrent", tmp_path / f"got{i}", tmp_path, peers=[f"127.0.0.1:{port}"],
                        download_limit=64 * 1024) for i in range(5)]
        wait_for(events, lambda e: isinstance(e, ev.JobsUpdated)
                 and any(s.job_id == job_id and s.peers == 5 for s in e.snapshots), timeout=20)
        time.sleep(2.5)  # two more status ticks with five leechers
        assert _queue(eng) == REQUEST_QUEUE, "lowered under connected peers, their requests would be rejected"
        eng.apply_settings(dataclasses.replace(LOOPBACK, upload_rate_limit=1024 * 1024)).result(5)
        assert _queue(eng) == 32, "a capped seed: 1/32 s of its limit, 32 requests at least"
    finally:
        for p in peers:
            p.stop()
        eng.stop(5)
        store.close()
