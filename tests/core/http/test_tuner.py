"""The connection tuner on simulated mirrors: time is a fake clock, a mirror's rate is a function of
how many connections it has, and every connection the tuner allows is busy (as in a big file)."""

from __future__ import annotations

from modeldesk.core.http import tuner as t
from modeldesk.core.http.mirrors import MirrorSet

MIB = 1024 * 1024


class Sim:
    def __init__(self, rate_of, cap=16, start=t.START, urls=("http://m/f",)):
        self.now = 0.0
        self.mirrors = MirrorSet(list(urls), per_mirror=cap)
        self.rate_of = rate_of  # (mirror index, connections) -> bytes/s
        self.trims: list[tuple[str, int]] = []
        self.tuner = t.ConnectionTuner(self.mirrors, cap, lambda m, keep: self.trims.append((m.host, keep)),
                                       start=start, clock=lambda: self.now)
        self.history: list[list[int]] = []

    def run(self, seconds: float, dt: float = 0.1) -> None:
        for _ in range(round(seconds / dt)):
            for i, m in enumerate(self.mirrors.mirrors):
                m.active = min(m.limit, self.mirrors.per_mirror)
                m.received += int(self.rate_of(i, m.active) * dt)
            self.now += dt
            self.tuner.tick()
            self.history.append([m.limit for m in self.mirrors.mirrors])

    def limits(self) -> list[int]:
        return [m.limit for m in self.mirrors.mirrors]


def test_a_mirror_throttled_per_connection_keeps_every_connection_the_cap_allows():
    sim = Sim(lambda i, n: 4 * MIB * n)  # nginx limit_rate 4m
    sim.run(30)
    assert {h[0] for h in sim.history} == {16} and not sim.trims, "16 from the start, never fewer"


def test_a_higher_cap_is_climbed_to_while_it_pays():
    sim = Sim(lambda i, n: 2 * MIB * n, cap=64)  # a far mirror: window / round trip per connection
    sim.run(6)
    assert sim.limits() == [64]


def test_a_mirror_behind_a_shared_cap_gets_no_more_and_then_fewer():
    sim = Sim(lambda i, n: 50 * MIB * min(1.0, n / 2), cap=64)  # 2 connections already fill the cap
    sim.run(10)
    assert max(h[0] for h in sim.history) == 32, "the tuner tried more first"
    assert sim.limits() == [t.MIN_CONNECTIONS]
    assert sim.trims[0] == ("m", 8), "32 did not pay: straight to half of 16, the extra requests cut at once"


def test_a_fast_mirror_is_left_with_few_connections():
    sim = Sim(lambda i, n: 600 * MIB)  # CPU-bound: the same rate with any count
    sim.run(3)
    assert sim.limits() == [t.MIN_CONNECTIONS]


def test_a_fast_mirror_sheds_connections_within_a_second_despite_noisy_windows():
    # 1.2 GiB/s measured over 0.1 s windows wobbles by a fifth: fewer connections are kept anyway,
    # and each step is measured at once (a 1 GiB file from such a mirror is done in about a second).
    sim = Sim(lambda i, n: (1200 - 240 * (n == 4)) * MIB)
    sim.run(1.0)
    assert sim.limits() == [t.MIN_CONNECTIONS], sim.history


def test_the_count_stops_where_the_rate_stops_growing():
    sim = Sim(lambda i, n: 4 * MIB * min(n, 24), cap=64)  # throttled per connection, 24 fill the link
    sim.run(10)
    assert sim.limits() == [32], "16 → 32 gained half; 64 gained nothing, and 16 loses a third"
    sim = Sim(lambda i, n: 4 * MIB * min(n, 18), cap=64)
    sim.run(10)
    assert sim.limits() == [16], "32 gained 1/8 for 16 more connections: not kept, and 8 loses half"


def test_each_mirror_is_tuned_on_its_own_and_the_search_starts_again_later():
    rates = {0: lambda n: 4 * MIB * n, 1: lambda n: 400 * MIB}
    sim = Sim(lambda i, n: rates[i](n), urls=("http://a/f", "http://b/f"))
    sim.run(10)
    assert sim.limits() == [16, t.MIN_CONNECTIONS]
    rates[1] = lambda n: 1 * MIB * n  # b became throttled per connection
    sim.run(t.HOLD_S + 10)
    assert sim.limits() == [16, 16]


def test_a_user_cap_below_the_start_is_the_count():
    sim = Sim(lambda i, n: 4 * MIB * n, cap=4)
    sim.run(5)
    assert sim.limits() == [4] and max(h[0] for h in sim.history) == 4


def test_connections_that_cannot_all_be_busy_stop_the_search():
    sim = Sim(lambda i, n: 4 * MIB * n, cap=64)
    m = sim.mirrors.mirrors[0]
    for _ in range(40):  # only 3 pieces of work left: never more than 3 busy
        m.active = 3
        m.received += int(12 * MIB * 0.1)
        sim.now += 0.1
        sim.tuner.tick()
    assert m.limit == 3


def test_one_noisy_window_does_not_keep_a_shared_cap_at_every_connection():
    """The first window at 8 reads a fifth low (a loaded machine): 8 is measured again and kept."""
    seen = {"low": 0}

    def rate(i, n):
        if n == 8 and seen["low"] < 10:  # the first second at 8 connections (10 ticks of 0.1 s)
            seen["low"] += 1
            return 40 * MIB
        return 50 * MIB

    sim = Sim(rate, cap=64)
    sim.run(10)
    assert sim.limits() == [t.MIN_CONNECTIONS], sim.history


def test_a_halving_that_halves_the_rate_is_undone_at_once():
    """Throttled per connection, yet above the cap's reach at first: 16 kept without a second window."""
    sim = Sim(lambda i, n: 4 * MIB * min(n, 16), cap=64)  # 32 gives no more than 16; 8 gives half
    sim.run(4)
    counts = [h[0] for h in sim.history]
    at_8 = counts.count(8)
    assert sim.limits() == [16] and 0 < at_8 <= 12, counts  # one window (1 s) and its settling at most


def test_beside_a_cpu_bound_mirror_a_far_slower_one_keeps_one_connection():
    """1 GiB with sha256 from a loopback mirror and two throttled ones (benchmarks/http_download.py,
    A+B+C): every connection to the slow ones cost the fast one CPU. The mirrors after the first start
    with OTHERS_START, a mirror SLOW_RATIO times slower per connection than a CPU-bound one keeps one
    (its connections beyond it cut at once), and it is searched again once the fast one is gone."""
    sim = Sim(lambda i, n: (900 * MIB, 4 * MIB * n, 1 * MIB * n)[i], urls=("http://a/f", "http://b/f", "http://c/f"))
    assert sim.limits() == [16, t.OTHERS_START, t.OTHERS_START]
    fast, b, c = sim.mirrors.mirrors
    fast.speed, b.speed = 900 * MIB / 16, 4 * MIB  # live samples per connection; c has none yet
    sim.run(0.3)
    assert sim.limits()[1] == 1 and ("b", 1) in sim.trims, "b: 14 times slower per connection"
    assert sim.limits()[2] == t.OTHERS_START, "c: no speed yet, nothing known against it"
    sim.run(0.5)  # past EARLY_S: what c's connections brought so far stands for its speed
    assert sim.limits()[1:] == [1, 1] and ("c", 1) in sim.trims
    fast.fatal_status = 404  # the fast mirror is gone: the slow ones are tuned again from the start
    sim.run(0.2)
    assert sim.limits()[1:] == [16, 16]


def test_slow_mirrors_keep_their_connections_when_no_mirror_is_cpu_bound():
    sim = Sim(lambda i, n: (10 * MIB * n, 1 * MIB * n)[i], urls=("http://a/f", "http://b/f"))
    a, b = sim.mirrors.mirrors
    a.speed, b.speed = 10 * MIB, 1 * MIB  # ten times slower, but 16 x 10 MiB/s is no CPU's limit
    sim.run(3)
    assert sim.limits()[1] > 1 and not [x for x in sim.trims if x[0] == "b"]


def test_a_second_mirror_that_keeps_pace_grows_fourfold_and_a_slower_one_doubles():
    """Two hubs of one model throttled alike: the second reaches the cap in one step from its start of 4,
    not two (about a second sooner: a small file's whole download). One four times slower per connection
    still doubles."""
    def first_at(sim, count):
        return next(i for i, h in enumerate(sim.history) if h[1] >= count) * 0.1

    equal = Sim(lambda i, n: 4 * MIB * n, urls=("http://a/f", "http://b/f"))
    equal.run(4)
    assert equal.limits() == [16, 16]
    assert [h[1] for h in equal.history if h[1] != t.OTHERS_START][0] == 16, "4 → 16 in one step"
    slower = Sim(lambda i, n: (4 if i == 0 else 1) * MIB * n, urls=("http://a/f", "http://b/f"))
    slower.run(4)
    assert [h[1] for h in slower.history if h[1] != t.OTHERS_START][0] == 8, "4 → 8: it does not keep pace"
    assert first_at(equal, 16) < first_at(slower, 16)
