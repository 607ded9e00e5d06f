"""The split dealing.py makes: every member derives the same one, helpers do not overlap, and only
pieces at normal priority (or the dealing's own) are moved. A real swarm deals in
tests/integration/test_lab_lan.py."""

from __future__ import annotations

import libtorrent as lt

from modeldesk.core.contracts.details import HIGH, LOW, NORMAL, SKIP
from modeldesk.core.torrent.dealing import (
    DEALT,
    FIRST,
    HELP,
    LATER,
    PEER_FINGERPRINT,
    SESSION_MARK,
    dealing_leechers,
    helper_of,
    lone_holder,
    moved,
    plan,
    session_mark,
    share,
)

MEMBERS = ("0a1b2c3d", "5e6f7a8b", "c0ffee00")


class Peer:
    """What dealing_leechers reads of libtorrent's peer_info: the peer id and the seed flag."""

    def __init__(self, pid: bytes, seed: bool = False, pieces=()) -> None:
        self.pid = lt.sha1_hash(pid)
        self.flags = lt.peer_info.seed if seed else 0
        self.pieces = list(pieces)


def test_a_session_is_known_by_its_mark_whatever_the_connection_and_address():
    assert len(PEER_FINGERPRINT) == 16 and PEER_FINGERPRINT.startswith("-MD")
    assert session_mark(f"{PEER_FINGERPRINT}a.~Z".encode()) == SESSION_MARK
    assert session_mark(b"-MD0100-0a1b2c3dxxxx") == "0a1b2c3d"
    assert session_mark(b"-MD0100-k(ZnQ~a.7b_1") is None  # an older ModelDesk: random after the client id
    assert session_mark(b"-qB4650-0a1b2c3dxxxx") is None  # qBittorrent
    assert session_mark(b"-MD0100-") is None


def test_the_members_are_every_modeldesk_leechers_mark_sorted_and_ours():
    peers = [Peer(b"-MD0100-c0ffee00abcd"), Peer(b"-MD0100-c0ffee00wxyz"),  # one session, two connections
             Peer(b"-MD0100-0a1b2c3dabcd"), Peer(b"-MD0100-99999999abcd", seed=True), Peer(b"-qB4650-0123456789ab")]
    assert dealing_leechers(peers, me="5e6f7a8b") == MEMBERS
    assert dealing_leechers([Peer(b"-MD0100-5e6f7a8babcd")], me="5e6f7a8b") is None  # only ourselves
    assert dealing_leechers([peers[3], peers[4]], me="5e6f7a8b") is None  # a seed and another client


def test_with_no_seed_the_leecher_that_alone_holds_pieces_is_the_source_and_does_not_deal():
    avail = [1, 2, 0, 1]  # peers connected to us that hold each piece
    ahead = Peer(b"-MD0100-0a1b2c3dabcd", pieces=[1, 1, 0, 0])  # the only holder of piece 0: fed by a mirror
    behind = Peer(b"-MD0100-c0ffee00abcd", pieces=[0, 1, 0, 0])  # piece 1 it got from the one ahead
    assert lone_holder(ahead.pieces, avail) and not lone_holder(behind.pieces, avail)
    found = dealing_leechers([ahead, behind], me="5e6f7a8b", source=lambda held: lone_holder(held, avail))
    assert found == ("5e6f7a8b", "c0ffee00")


def test_shares_cover_every_piece_once():
    pieces = [p for m in MEMBERS for p in share(100, m, MEMBERS)]
    assert sorted(pieces) == list(range(100))


def test_own_share_from_the_bottom_others_bottom_halves_later():
    out = plan(30, MEMBERS[1], MEMBERS, lambda p: True)  # nothing but the seed holds a piece
    mine = list(share(30, MEMBERS[1], MEMBERS))  # 1, 4, ..., 28
    assert [out[p] for p in mine] == [FIRST] * 5 + [DEALT] * 5
    other = list(share(30, MEMBERS[0], MEMBERS))
    assert [out.get(p) for p in other] == [LATER] * 5 + [None] * 5  # its top half stays normal


def test_pieces_a_leecher_holds_are_left_to_the_trade():
    held = {1, 4, 7}
    out = plan(30, MEMBERS[1], MEMBERS, lambda p: p not in held)
    assert not held & out.keys()
    assert out[10] == FIRST and out[28] == DEALT


def test_helpers_split_the_top_halves_of_the_laggards_between_them():
    lagger = set(share(40, MEMBERS[2], MEMBERS))  # only its share is still with the seed alone
    plans = {m: plan(40, m, MEMBERS, lambda p: p in lagger) for m in MEMBERS[:2]}
    helped = [{p for p, prio in out.items() if prio == HELP} for out in plans.values()]
    top = sorted(lagger)[len(lagger) // 2 + len(lagger) % 2:]
    assert helped[0] and helped[1] and not helped[0] & helped[1]
    assert helped[0] | helped[1] == set(top)
    bottom = set(sorted(lagger)[: len(lagger) - len(top)])
    assert all(plans[m][p] == LATER for m in plans for p in bottom)  # the owner's own now
    owner = plan(40, MEMBERS[2], MEMBERS, lambda p: p in lagger)
    assert {owner[p] for p in bottom} == {FIRST} and {owner[p] for p in top} == {DEALT}


def test_a_piece_keeps_its_helper_as_the_pool_shrinks_and_moves_only_to_a_helper_who_joins():
    """A helper already being sent a piece must not see it handed to another: that is a second send."""
    lagger = set(share(400, MEMBERS[2], MEMBERS))
    before = {m: plan(400, m, MEMBERS, lambda p: p in lagger) for m in MEMBERS[:2]}
    arrived = set(sorted(lagger)[-21:])  # the helpers' first pieces are in
    after = {m: plan(400, m, MEMBERS, lambda p: p in lagger - arrived) for m in MEMBERS[:2]}
    helped = {(when, m): {p for p, prio in out[m].items() if prio == HELP}
              for when, out in (("before", before), ("after", after)) for m in MEMBERS[:2]}
    a, b = MEMBERS[:2]
    assert helped["after", a] and helped["after", b]
    assert not helped["after", a] & helped["before", b] and not helped["after", b] & helped["before", a]
    assert helped["before", a] - arrived <= helped["after", a]  # and what it had, it keeps
    four = (*MEMBERS, "ffff0000")  # a fourth member whose share is done joins the helpers
    pieces = range(1000)
    moved_to = {p: (helper_of(p, four[:2]), helper_of(p, (four[0], four[1], four[3]))) for p in pieces}
    assert all(new in (old, four[3]) for old, new in moved_to.values())
    assert 250 < sum(new == four[3] for _, new in moved_to.values()) < 420  # about a third each


def test_only_normal_pieces_and_its_own_are_moved_and_stopping_puts_them_back():
    prios = [NORMAL, SKIP, LOW, HIGH, NORMAL, NORMAL]
    assert moved(prios, {p: FIRST for p in range(6)})
    assert prios == [FIRST, SKIP, LOW, HIGH, FIRST, FIRST]  # unwanted, claimed by a mirror, the user's: kept
    prios[4] = LOW  # a mirror claims a dealt piece
    assert moved(prios, {0: DEALT})
    assert prios == [DEALT, SKIP, LOW, HIGH, LOW, NORMAL]
    prios[4] = FIRST  # the mirror let it go and put back what it found
    assert moved(prios, {})
    assert prios == [NORMAL, SKIP, LOW, HIGH, NORMAL, NORMAL]
    assert not moved(prios, {})
