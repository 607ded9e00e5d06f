"""The connection count each mirror gets, found while a file downloads from real mirrors: nginx
throttling each connection, a proxy capping all of them together, and a far link (150 ms round
trip, a TCP window per connection)."""

from __future__ import annotations

import threading
import time

import pytest

from modeldesk.core.base.constants import HTTP_CONNECTIONS
from modeldesk.core.http import tuner
from modeldesk.core.http.downloader import FileDownload, FileSpec
from tests.helpers.nginx import Nginx
from tests.helpers.shaping_proxy import ShapingProxy
from tests.helpers.swarm import random_payload

pytestmark = pytest.mark.integration

MiB = 1024 * 1024


def download(url: str, f, digest: str, out, cap: int = HTTP_CONNECTIONS) -> tuple[list[tuple[float, int, int]], float]:
    """Fetch with at most `cap` connections; the mirror's busy connections and the bytes it sent so far,
    sampled every 50 ms."""
    dl = FileDownload(FileSpec((url,), out / f.name, f.stat().st_size, digest), connections=cap)
    samples: list[tuple[float, int, int]] = []
    done = threading.Event()

    def sample() -> None:
        t0 = time.monotonic()
        while not done.wait(0.05):
            m = dl.mirrors.mirrors[0]
            samples.append((time.monotonic() - t0, m.active, m.received))

    sampler = threading.Thread(target=sample)
    sampler.start()
    t0 = time.monotonic()
    try:
        dl.run()
    finally:
        done.set()
        sampler.join()
    assert (out / f.name).stat().st_size == f.stat().st_size  # and its sha256 was checked before the rename
    return samples, time.monotonic() - t0


@pytest.mark.timing
def test_a_mirror_throttled_per_connection_gets_every_connection_the_cap_allows(tmp_path):
    www, f, digest = random_payload(tmp_path / "www", 40 * MiB)
    with Nginx(www, tmp_path / "ngx", "limit_rate 1m;") as web:
        samples, took = download(f"{web.url}/{f.name}", f, digest, tmp_path / "out")
    reached = next(t for t, n, _b in samples if n == HTTP_CONNECTIONS)
    assert reached < 0.5, f"{HTTP_CONNECTIONS} connections only after {reached:.1f} s"
    # Before the tail: while 60 % of the file has yet to come (by bytes, not by the clock: the run's time
    # also holds the sync and the hash check, and a loaded machine moves the tail about).
    before_tail = [n for t, n, got in samples if t >= reached and got < 0.6 * f.stat().st_size]
    assert len(before_tail) >= 10 and min(before_tail) == HTTP_CONNECTIONS, f"fewer before the tail: {before_tail}"
    assert took < 40 / HTTP_CONNECTIONS + 1.5, f"{took:.1f} s"


@pytest.mark.timing
def test_a_mirror_behind_one_shared_cap_gets_no_more_connections_and_then_fewer(tmp_path):
    # 8 s at the cap: the search (16, 32, then 8, 4) takes about 5 s, and the end must come after it.
    www, f, digest = random_payload(tmp_path / "www", 128 * MiB)
    with Nginx(www, tmp_path / "ngx") as web, ShapingProxy(web.port, total_rate=16 * MiB) as thin:
        samples, took = download(f"{thin.url}/{f.name}", f, digest, tmp_path / "out", cap=64)
    assert max(n for _t, n, _b in samples) == 2 * tuner.START, "twice the start was tried, and no more"
    late = [n for t, n, _b in samples if t > took - 1.5]
    assert max(late) <= 4, f"still {late} connections at the end: more did not pay, they were dropped"
    assert took < 128 / 16 + 2, f"{took:.1f} s: fewer connections must not cost speed"


@pytest.mark.timing
def test_a_far_mirror_gets_more_connections_as_they_pay(tmp_path):
    www, f, digest = random_payload(tmp_path / "www", 128 * MiB)
    # 256 KiB in flight per connection over a 150 ms round trip: 1.7 MiB/s for each.
    with Nginx(www, tmp_path / "ngx") as web, ShapingProxy(web.port, rtt_s=0.15, window=256 * 1024) as far:
        samples, took = download(f"{far.url}/{f.name}", f, digest, tmp_path / "out", cap=64)
    most = max(n for _t, n, _b in samples)
    assert most >= 2 * tuner.START, f"at most {most} connections"
    assert took < 128 / (tuner.START * 1.7), f"{took:.1f} s: no faster than {tuner.START} connections"

