"""The shared byte-rate limit: several threads together keep to it, and lifting it frees them."""

from __future__ import annotations

import threading
import time

import pytest

from modeldesk.core.http.ratelimit import RateLimiter

KiB = 1024


def _pump(limiter: RateLimiter, stop: threading.Event, counts: list[int], i: int) -> None:
    while not stop.is_set():
        limiter.take(32 * KiB, stop)
        counts[i] += 32 * KiB


@pytest.mark.timing
def test_threads_together_keep_to_the_rate_and_a_lifted_limit_frees_them():
    limiter = RateLimiter(1024 * KiB)
    stop = threading.Event()
    counts = [0, 0, 0, 0]
    threads = [threading.Thread(target=_pump, args=(limiter, stop, counts, i)) for i in range(4)]
    t0 = time.monotonic()
    for t in threads:
        t.start()
    time.sleep(2.0)
    limited = sum(counts) / (time.monotonic() - t0)
    limiter.set_rate(0)
    before = sum(counts)
    time.sleep(0.3)
    unlimited = (sum(counts) - before) / 0.3
    stop.set()
    for t in threads:
        t.join(2)
    # The bucket starts empty and may hold a quarter second: about 1 MiB/s, never much above.
    assert 0.7 * 1024 * KiB < limited < 1.3 * 1024 * KiB, limited
    assert unlimited > 20 * limited, (unlimited, limited)
    assert all(c > 0 for c in counts), "every thread got its turn"


@pytest.mark.timing
def test_a_waiting_connection_leaves_at_once_when_stopped():
    limiter = RateLimiter(10 * KiB)
    stop = threading.Event()
    timer = threading.Timer(0.2, stop.set)
    timer.start()
    t0 = time.monotonic()
    limiter.take(100 * KiB, stop)  # ten seconds of debt to repay, but stop ends the wait
    assert 0.15 < time.monotonic() - t0 < 2.0
    timer.join()


def test_reads_under_a_limit_are_an_eighth_of_a_second_of_the_lowest_rate():
    from modeldesk.core.http.ratelimit import read_size

    most = 1024 * 1024
    assert read_size((), most) == most
    assert read_size((RateLimiter(0),), most) == most
    assert read_size((RateLimiter(8 * most), RateLimiter(most)), most) == most // 8
    assert read_size((RateLimiter(1000),), most) == 16 * 1024, "never below 16 KiB a read"
