"""The range scheduler on its own: which bytes a connection gets, and how an idle fast connection
takes over the tail of a slow one. A fake clock makes the speeds exact."""

from __future__ import annotations

from modeldesk.core.http import scheduler as sch
from modeldesk.core.http.mirrors import Mirror
from modeldesk.core.http.scheduler import MIB, Scheduler


class Clock:
    def __init__(self):
        self.t = 100.0

    def __call__(self):
        return self.t


def test_requests_are_cut_from_the_front_and_sized_to_the_mirror():
    clock = Clock()
    s = Scheduler([(0, 1024 * MIB)], 1024 * MIB, connections=4, clock=clock)
    unknown = Mirror("http://a/f")
    first = s.take(unknown)
    assert (first.pos, first.end) == (0, sch.FIRST_PIECE), "before any speed is known: a first piece"
    throttled = Mirror("http://b/f", speed=4 * MIB)
    second = s.take(throttled)
    assert second.pos == first.end, "the next request starts where the last one ended"
    assert second.end - second.pos == 4 * MIB * sch.REQUEST_S, "a throttled mirror gets a long-lived request"


def test_fast_mirror_pieces_are_capped_so_the_hash_tail_stays_small():
    clock = Clock()
    size = 1024 * MIB
    s = Scheduler([(0, size)], size, connections=16, clock=clock)
    fast = Mirror("http://a/f", speed=30 * MIB)  # 480 MiB/s over 16 connections
    w = s.take(fast)
    piece = w.end - w.pos
    unhashed_at_end = 16 * piece
    assert unhashed_at_end / sch.HASH_RATE <= sch.HASH_TAIL * size / (30 * MIB * 16) * 1.01
    assert piece < 30 * MIB * sch.REQUEST_S


def test_nothing_left_but_a_slow_request_an_idle_fast_one_takes_its_tail():
    """Comparable speeds share the rest so both end together; a mirror many times slower keeps nothing
    (the head it would keep is what the hasher, reading from the start, would wait for)."""
    clock = Clock()
    s = Scheduler([(0, 64 * MIB)], 64 * MIB, connections=2, clock=clock)
    slow_m, fast_m = Mirror("http://slow/f"), Mirror("http://fast/f", speed=50 * MIB)
    slow = s.take(slow_m)
    assert (slow.pos, slow.end) == (0, 16 * MIB)
    s._holes.clear()  # pretend the rest is done: only the slow request is left
    clock.t += 0.5
    slow.pos = 7 * MIB + MIB // 2  # 15 MiB/s: 3.3 times slower
    stolen = s.take(fast_m, latency=0.05)
    assert stolen is not None and stolen.end == 16 * MIB
    assert slow.end == stolen.pos, "the slow request now ends where the fast one starts"
    # Both should finish at about the same time: slow part at 15 MiB/s, fast part at 50 MiB/s + latency.
    t_slow = (slow.end - slow.pos) / (15 * MIB)
    t_fast = (stolen.end - stolen.pos) / (50 * MIB) + 0.05
    assert abs(t_slow - t_fast) < 0.1, (t_slow, t_fast)

    s2 = Scheduler([(0, 64 * MIB)], 64 * MIB, connections=2, clock=clock)
    crawl = s2.take(Mirror("http://crawl/f"))
    s2._holes.clear()
    clock.t += 2.0
    crawl.pos = 2 * MIB  # 1 MiB/s: fifty times slower
    whole = s2.take(fast_m, latency=0.05)
    assert whole is not None and (whole.pos, whole.end) == (2 * MIB, 16 * MIB) and crawl.end == crawl.pos


def test_a_mirror_not_known_to_lead_takes_from_the_back():
    """A slow or unmeasured second mirror's range sits at the end of the file, where the end game hands it
    to the fast; the leading mirror fills the file from its start, so the hasher never waits for it."""
    s = Scheduler([(0, 64 * MIB)], 64 * MIB, connections=2)
    lead = s.take(Mirror("http://a/f"), front=True)
    other = s.take(Mirror("http://b/f"), front=False)
    assert lead.pos == 0 and other.end == 64 * MIB and other.pos >= lead.end
    assert s._holes == [(lead.end, other.pos)]


def test_no_take_over_when_it_would_not_end_sooner():
    clock = Clock()
    s = Scheduler([(0, 8 * MIB)], 8 * MIB, connections=2, clock=clock)
    a = s.take(Mirror("http://a/f", speed=40 * MIB))
    assert (a.pos, a.end) == (0, 8 * MIB)
    clock.t += 1.0
    a.pos = 7 * MIB + 512 * 1024  # 40 MiB/s-ish, 512 KiB left: done in ~12 ms
    assert s.take(Mirror("http://b/f", speed=40 * MIB)) is None


def test_unfinished_bytes_become_a_hole_again():
    clock = Clock()
    s = Scheduler([(0, 32 * MIB)], 32 * MIB, connections=2, clock=clock)
    w = s.take(Mirror("http://a/f"))
    w.pos = 5 * MIB  # the mirror failed here
    s.give_back(w)
    again = s.take(Mirror("http://b/f"))
    assert again.pos == 5 * MIB, "the lowest missing byte is fetched first"
    assert not s.idle()


def _pieces(s: Scheduler, mirror: Mirror, latency: float) -> list[int]:
    sizes = []
    while (w := s.take(mirror, latency)) is not None:
        sizes.append(w.end - w.pos)
        w.pos = w.end  # finished at once; only the sizes matter here
        s.give_back(w)
    return sizes


def test_hashed_requests_taper_so_the_last_wave_hashes_quickly():
    size, n, speed = 256 * MIB, 16, 1 * MIB
    s = Scheduler([(0, size)], size, connections=n, clock=Clock(), taper=True)
    sizes = _pieces(s, Mirror("http://near/f", speed=speed), latency=0.002)
    assert sum(sizes) == size
    assert sizes[0] <= size // (2 * n) + sch.ALIGN, "the first wave holds at most half the file"
    shrinking = zip(sizes[:-2], sizes[1:-1], strict=True)  # the last request takes a sliver along
    assert all(a >= b for a, b in shrinking), "requests only shrink"
    last_wave = sum(sizes[-n:])
    assert last_wave / sch.HASH_RATE <= 2 * sch.TAIL_S, f"{last_wave / MIB:.0f} MiB left to hash at the end"
    assert min(sizes[:-1]) >= speed * sch.TAPER_MIN_S, "a throttle's first-second burst stays a small part"
    assert len(sizes) < 150, "but not a request per MiB"


def test_a_far_mirror_keeps_long_requests_and_unhashed_files_are_not_tapered():
    size, n = 256 * MIB, 16
    # Halving a wave would save less hashing than the round trip of one more request costs.
    far = [_pieces(Scheduler([(0, size)], size, connections=n, clock=Clock(), taper=taper),
                   Mirror("http://far/f", speed=6 * MIB), latency=0.15) for taper in (True, False)]
    assert far[0] == far[1]
    plain = Scheduler([(0, size)], size, connections=n, clock=Clock())
    assert _pieces(plain, Mirror("http://near/f", speed=3 * MIB), latency=0.002)[0] == 3 * MIB * sch.REQUEST_S


def test_a_request_cut_to_nothing_stops_waiting_for_its_connection():
    """Trimmed or taken over whole, a request of a throttled mirror would wait a second for its next
    bytes, and the file is done only when it ends: it is aborted at once. A request cut short keeps
    its connection (it ends at its next read), and one not yet answered has nothing to abort."""
    clock = Clock()
    s = Scheduler([(0, 64 * MIB)], 64 * MIB, connections=2, clock=clock)
    slow_m, fast_m = Mirror("http://slow/f"), Mirror("http://fast/f", speed=50 * MIB)
    aborted: list[str] = []
    a, b = s.take(slow_m), s.take(slow_m)
    a.abort, b.abort = (lambda: aborted.append("a")), (lambda: aborted.append("b"))
    a.pos += MIB  # a has the least left: trim keeps it
    s.trim(slow_m, 1)
    assert aborted == ["b"] and b.end == b.pos and a.end > a.pos
    s._holes.clear()
    clock.t += 2.0
    whole = s.take(fast_m, latency=0.05)  # a: 1 MiB in 2 s, a hundred times slower: taken over whole
    assert whole is not None and a.end == a.pos and aborted == ["b", "a"]
