"""The ModelDesk leechers of a swarm deal the pieces among themselves, so a seed sends each piece once.

When one machine seeds a model to a lab of machines that download it at the same time, the seed's
upload is what the whole lab waits on, and every piece it sends twice delays the last machine. Left to
libtorrent, each leecher asks the seed for the rarest pieces, which are the same pieces for all of
them (those only the seed has), and two leechers often ask for the same one before either has it
(benchmarks/lab_lan.py: the seed sent 1.3-1.5x the model to 8 leechers).

So the leechers split the pieces: of the N that deal, sorted by session mark, the k-th raises pieces
k, k+N, k+2N, ... one step above normal. It asks the seed for those first and gets the others from the
leechers that hold them, as they pass them on at once; the seed sends nearly every piece once. No
message passes between the leechers: each derives the same split from the peer ids it sees, and a
machine that joins or leaves changes the split for everyone at their next look.

Who deals: this job and its connected peers whose peer id carries ModelDesk's fingerprint and that
lack pieces. Every ModelDesk session starts its peer ids with the same 16 characters, "-MD0100-" and a
random mark of its own (libtorrent fills the other 4 afresh for each connection), so the members are
told apart by their marks, whatever their addresses: on one machine, behind NAT, or IPv4 and IPv6.
With no seed connected, the source is a leecher ahead of the others (the first machine of a lab,
fetching the model from a mirror): the pieces only it holds are dealt, and it does not deal.
Only pieces at normal priority are raised; unwanted pieces, pieces a
mirror has claimed (web_feed.CLAIMED_PRIORITY) and files the user raised or lowered keep theirs, and
every raised piece goes back to normal when the dealing ends.
"""

from __future__ import annotations

import hashlib
import secrets
from string import hexdigits

import libtorrent as lt

NORMAL = 4  # libtorrent's default piece priority
# The dealing's own levels, none of them one the user picks or a mirror's claim sets (details.SKIP/LOW/
# NORMAL/HIGH: 0, 1, 4, 7; web_feed.CLAIMED_PRIORITY is LOW), so a piece at one of them is the dealing's.
# libtorrent picks the piece with the least (8 - priority) x (leechers holding it + 1): a piece only
# the seed has scores 4 at FIRST, 7 at DEALT, 10 at NORMAL, 13 at LATER; one a leecher holds, 22 at NORMAL.
FIRST = 6  # the bottom half of our share that no leecher holds yet
DEALT = 5  # the rest of our share that no leecher holds yet
LATER = 3  # the bottom half of another member's: its owner asks for those now
HELP = NORMAL  # a helper's part of the top halves of others' shares
CLIENT = "-MD0100-"  # Azureus-style client id: ModelDesk 0.1.0
SESSION_MARK = secrets.token_hex(4)  # this process's session among the dealing peers, new each start
PEER_FINGERPRINT = CLIENT + SESSION_MARK  # session_config's peer_fingerprint


def session_mark(pid: bytes) -> str | None:
    """The session mark in a ModelDesk peer id, or None for another client's (or an older ModelDesk's,
    whose 9th to 16th characters are random for each connection)."""
    mark = pid[len(CLIENT) : len(PEER_FINGERPRINT)].decode("ascii", "replace")
    if not pid.startswith(CLIENT[:3].encode()) or len(mark) != len(SESSION_MARK):
        return None
    return mark if all(c in hexdigits for c in mark) else None


def dealing_leechers(peers, me: str = SESSION_MARK, source=lambda pieces: False) -> tuple[str, ...] | None:
    """The marks of all who deal, this session's (`me`) among them, sorted; None when no other
    ModelDesk leecher is connected. A leecher for which `source(its pieces)` is true is where new
    pieces come from (no seed is connected, and it fetches them from a mirror): it does not deal."""
    others = {m for p in peers if not p.flags & lt.peer_info.seed and (m := session_mark(bytes(p.pid.to_bytes())))
              and not source(p.pieces)}
    others.discard(me)
    return tuple(sorted({me, *others})) if others else None


def lone_holder(pieces, avail) -> bool:
    """A peer holds a piece that no other peer connected to us holds."""
    return any(held and a == 1 for held, a in zip(pieces, avail, strict=False))


def share(num_pieces: int, me: str, members: tuple[str, ...]) -> range:
    """The pieces this machine asks for first."""
    return range(members.index(me), num_pieces, len(members))


def plan(num_pieces: int, me: str, members: tuple[str, ...], scarce) -> dict[int, int]:
    """The priority of each piece the dealing moves off normal. Of every member's share, the pieces
    only the source holds yet (`scarce(piece)`, ours included) split at their middle: we take our
    own from the bottom (FIRST, then DEALT), others' bottom halves wait (LATER). The seed's link does
    not split evenly, so some members run out of share pieces while others still wait for theirs;
    those helpers deal out the top halves of the rest among themselves (HELP to the helper that
    `helper_of` names, LATER to the others): they take what the owners would ask for last, and not
    the same pieces as each other."""
    left = {m: [p for p in share(num_pieces, m, members) if scarce(p)] for m in members}
    helpers = tuple(m for m in members if not left[m])
    out: dict[int, int] = {}
    pool: list[int] = []
    for owner in members:
        cut = (len(left[owner]) + 1) // 2
        if owner == me:
            out.update(dict.fromkeys(left[owner][:cut], FIRST))
            out.update(dict.fromkeys(left[owner][cut:], DEALT))
        else:
            out.update(dict.fromkeys(left[owner][:cut], LATER))
            pool.extend(left[owner][cut:])
    if me in helpers:
        out.update({p: HELP if helper_of(p, helpers) == me else LATER for p in pool})
    return out


def helper_of(piece: int, helpers: tuple[str, ...]) -> str:
    """The helper that fetches `piece` (rendezvous hashing): a piece keeps its helper while the pool
    shrinks and when helpers join, so no helper asks for a piece another is already being sent because
    the split moved under them (dealt by place in the pool, every arrival moved all of them: in one lab
    LAN run 3 in 4 of the seed's second sends went to two helpers)."""
    return max(helpers, key=lambda m: hashlib.blake2b(b"%d %s" % (piece, m.encode()), digest_size=8).digest())


MOVABLE = frozenset({NORMAL, FIRST, DEALT, LATER})  # what the dealing may change: normal or its own


def moved(prios: list[int], want: dict[int, int]) -> bool:
    """Moves `prios` towards `want` (absent: NORMAL), touching only pieces at MOVABLE priorities;
    True if any changed."""
    changed = False
    for piece, prio in enumerate(prios):
        target = want.get(piece, NORMAL)
        if prio != target and prio in MOVABLE:
            prios[piece] = target
            changed = True
    return changed


class Dealer:
    """One torrent job's part in the dealing; tick() about once a second on the engine thread."""

    def __init__(self) -> None:
        self.moved = False  # some piece may be off normal because of the dealing

    def tick(self, handle, st) -> None:
        found = None
        if st.has_metadata and not st.is_seeding and not st.flags & lt.torrent_flags.paused:
            found = self._members(handle, st)
        if found is None:
            self.stop(handle)
            return
        members, avail = found
        have = st.pieces
        prios = handle.get_piece_priorities()
        if len(prios) != len(have):
            return
        source = max(st.num_seeds, 1)  # peers holding a piece only the source holds: the seeds, or the one ahead
        want = plan(len(prios), SESSION_MARK, members, lambda p: not have[p] and 0 < avail[p] <= source)
        if moved(prios, want):
            handle.prioritize_pieces(prios)
            self.moved = True

    @staticmethod
    def _members(handle, st):
        """(members, availability), or None when we do not deal: no other ModelDesk leecher, or we are
        the source (with no seed, a machine fetching from a mirror alone)."""
        avail = handle.piece_availability()  # peers holding each piece, seeds included
        have = st.pieces  # the state update asks for every status field, the pieces included
        if len(avail) != len(have) or any(h and not a for h, a in zip(have, avail, strict=True)):
            return None
        members = dealing_leechers(handle.get_peer_info(), SESSION_MARK, lambda held: lone_holder(held, avail))
        return None if members is None else (members, avail)

    def stop(self, handle) -> None:
        """Every piece the dealing moved back to normal."""
        if self.moved and handle.is_valid():
            prios = handle.get_piece_priorities()
            if moved(prios, {}):
                handle.prioritize_pieces(prios)
        self.moved = False
