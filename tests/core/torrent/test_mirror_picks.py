"""Which pieces a hybrid job's mirrors take (web_feed.pieces_for_mirrors), on download queues shaped
like libtorrent's get_download_queue()."""

from __future__ import annotations

from modeldesk.core.torrent.web_feed import STUCK_S, pieces_for_mirrors

REQUESTED, WRITING = 1, 2


def queued(state: int = REQUESTED, progress: int = 0, blocks: int = 4) -> dict:
    return {"blocks": [{"state": state, "bytes_progress": progress} for _ in range(blocks)]}


def picks(have, busy, since=None, skip=(), avail=None, now=100.0, keep=0):
    n = len(have)
    return pieces_for_mirrors(have, [4] * n, avail or [1] * n, busy, since or {}, set(skip), now, keep)


def test_pieces_no_peer_is_downloading_come_first_those_nobody_has_then_from_the_end():
    have = [True, False, False, False, False, False]
    avail = [1, 1, 0, 1, 1, 1]
    busy = {1: queued(), 5: queued()}
    assert picks(have, busy, avail=avail) == [2, 4, 3]


def test_in_the_end_mirrors_take_the_pieces_a_peer_asked_for_last_and_has_not_begun():
    have = [True] * 4 + [False] * 6
    busy = {4: queued(WRITING), 5: queued(REQUESTED, progress=8192), 6: queued(), 7: queued(), 8: queued(),
            9: queued()}
    since = {4: 96.0, 5: 96.0, 6: 96.0, 7: 97.0, 8: 99.0, 9: 99.0}
    # 4 and 5 are arriving: the peer keeps them. Of the rest, the last asked for first.
    assert picks(have, busy, since) == [9, 8, 7, 6]


def test_the_head_of_the_peers_queue_stays_theirs():
    have = [False] * 6
    busy = {p: queued() for p in range(6)}
    busy[0] = queued(REQUESTED, progress=100)
    since = {0: 95.0, 1: 96.0, 2: 96.0, 3: 97.0, 4: 98.0, 5: 99.0}
    # The peer gets 0 (begun), then 1 and 2, then 3...: keeping three leaves 3, 4 and 5 to mirrors.
    assert picks(have, busy, since, keep=3) == [5, 4, 3]
    assert picks(have, busy, since, keep=6) == []
    assert picks(have, busy, since, keep=0) == [5, 4, 3, 2, 1]


def test_pieces_mirrors_hold_or_that_rest_after_a_failure_are_not_offered():
    have = [False] * 4
    busy = {0: queued(), 1: queued()}
    assert picks(have, busy, skip={2, 3}) == [1, 0]
    assert picks(have, {}, skip={0, 3}) == [2, 1]


def test_a_piece_a_peer_has_held_too_long_is_offered_after_the_untouched_ones():
    have = [False] * 3
    busy = {0: queued(WRITING), 1: queued(REQUESTED, progress=1), 2: queued()}
    now = 100.0
    since = {0: now - STUCK_S - 1, 1: now - 1, 2: now - 1}
    assert picks(have, busy, since, now=now) == [2, 0]


def test_nothing_is_offered_once_every_piece_is_in():
    assert picks([True] * 3, {}) == []
