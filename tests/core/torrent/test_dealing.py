"""The split dealing.py makes: every member derives the same one, helpers do not overlap, and only
pieces at normal priority (or the dealing's own) are moved. A real swarm deals in
tests/integration/test_lab_lan.py."""

from __future__ import annotations

from modeldesk.core.contracts.details import HIGH, LOW, NORMAL, SKIP
from modeldesk.core.torrent.dealing import DEALT, FIRST, HELP, LATER, in_order, moved, plan, share

MEMBERS = ("10.0.0.2", "10.0.0.3", "10.0.0.10")


def test_members_sort_by_address_value_and_shared_or_bad_addresses_stop_the_dealing():
    assert in_order(["10.0.0.10", "10.0.0.3", "10.0.0.2"]) == MEMBERS  # not "10.0.0.10" < "10.0.0.2"
    assert in_order(["fd00::1", "10.0.0.9"]) == ("10.0.0.9", "fd00::1")
    assert in_order(["10.0.0.2", "10.0.0.2"]) is None  # two machines behind one address: no telling apart
    assert in_order(["10.0.0.2", "not an address"]) is None


def test_shares_cover_every_piece_once():
    pieces = [p for m in MEMBERS for p in share(100, m, MEMBERS)]
    assert sorted(pieces) == list(range(100))


def test_own_share_from_the_bottom_others_bottom_halves_later():
    out = plan(30, "10.0.0.3", MEMBERS, lambda p: True)  # nothing but the seed holds a piece
    mine = list(share(30, "10.0.0.3", MEMBERS))  # 1, 4, ..., 28
    assert [out[p] for p in mine] == [FIRST] * 5 + [DEALT] * 5
    other = list(share(30, "10.0.0.2", MEMBERS))
    assert [out.get(p) for p in other] == [LATER] * 5 + [None] * 5  # its top half stays normal


def test_pieces_a_leecher_holds_are_left_to_the_trade():
    held = {1, 4, 7}
    out = plan(30, "10.0.0.3", MEMBERS, lambda p: p not in held)
    assert not held & out.keys()
    assert out[10] == FIRST and out[28] == DEALT


def test_helpers_split_the_top_halves_of_the_laggards_between_them():
    lagger = set(share(40, "10.0.0.10", MEMBERS))  # only its share is still with the seed alone
    plans = {m: plan(40, m, MEMBERS, lambda p: p in lagger) for m in MEMBERS[:2]}
    helped = [{p for p, prio in out.items() if prio == HELP} for out in plans.values()]
    top = sorted(lagger)[len(lagger) // 2 + len(lagger) % 2:]
    assert helped[0] and helped[1] and not helped[0] & helped[1]
    assert helped[0] | helped[1] == set(top)
    bottom = set(sorted(lagger)[: len(lagger) - len(top)])
    assert all(plans[m][p] == LATER for m in plans for p in bottom)  # the owner's own now
    owner = plan(40, "10.0.0.10", MEMBERS, lambda p: p in lagger)
    assert {owner[p] for p in bottom} == {FIRST} and {owner[p] for p in top} == {DEALT}


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
