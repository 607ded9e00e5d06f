"""Ranged GETs read into a kept buffer (core/http/body.py), against a real HTTP/1.1 server on
127.0.0.1: connections are reused after a whole body and never after a cut one, a chunked body
takes the urllib3 path with the same bytes, and a read returns what arrived instead of waiting
for a full buffer."""

from __future__ import annotations

import os
import threading
import time

import pytest

from modeldesk.core.http.body import FILL_S, Body
from modeldesk.core.http.client import new_session
from modeldesk.core.http.fetch import MirrorFault, fetch_range
from modeldesk.core.http.mirrors import Mirror
from modeldesk.core.http.scheduler import Work, cut_short
from tests.helpers.faulty_http import FaultyServer

SIZE = 3 * 1024 * 1024 + 17
TIMEOUT = (5.0, 10.0)


@pytest.fixture
def data(tmp_path):
    payload = os.urandom(SIZE)
    (tmp_path / "www").mkdir()
    (tmp_path / "www" / "f.bin").write_bytes(payload)
    return payload


def fetch(session, url, start, end, out, cut_at=None):
    """fetch_range of [start, end) into out; cut_at: the tail is taken over once pos passes it."""
    w = Work(start, end, Mirror(url))
    lock = threading.Lock()

    def on_bytes(a, b):
        if cut_at is not None and b >= cut_at:
            with lock:
                w.end = b  # what an idle connection taking over the tail does
    fd = os.open(out, os.O_RDWR | os.O_CREAT)
    try:
        os.ftruncate(fd, SIZE)
        return fetch_range(session, w, fd, lock, on_bytes, threading.Event(), TIMEOUT, SIZE), w
    finally:
        os.close(fd)


def test_a_whole_body_hands_its_connection_to_the_next_request(tmp_path, data):
    out = tmp_path / "out"
    with FaultyServer(tmp_path / "www") as srv, new_session() as s:
        url = f"{srv.url}/f.bin"
        half = SIZE // 2
        assert fetch(s, url, 0, half, out)[0] == half
        assert fetch(s, url, half, SIZE, out)[0] == SIZE - half
        assert len(srv.client_ports) == 2 and len(set(srv.client_ports)) == 1, srv.client_ports
    assert out.read_bytes() == data


def test_a_body_cut_short_closes_its_connection_and_the_next_request_is_clean(tmp_path, data):
    out = tmp_path / "out"
    with FaultyServer(tmp_path / "www") as srv, new_session() as s:
        url = f"{srv.url}/f.bin"
        written, w = fetch(s, url, 0, SIZE, out, cut_at=1024 * 1024)
        assert w.end == written < SIZE, "the request stopped at its new end"
        assert fetch(s, url, written, SIZE, out)[0] == SIZE - written
        assert len(set(srv.client_ports)) == 2, "the unread rest of the first body was not reused"
    assert out.read_bytes() == data


def test_a_chunked_body_is_read_through_urllib3_with_the_same_bytes(tmp_path, data):
    out = tmp_path / "out"
    with FaultyServer(tmp_path / "www", "chunked") as srv, new_session() as s:
        assert fetch(s, f"{srv.url}/f.bin", 0, SIZE, out)[0] == SIZE
    assert out.read_bytes() == data


def test_a_truncated_body_is_the_mirrors_fault(tmp_path, data):
    with (FaultyServer(tmp_path / "www", "truncate") as srv, new_session() as s,
          pytest.raises(MirrorFault, match="closed the connection early")):
        fetch(s, f"{srv.url}/f.bin", 0, SIZE, tmp_path / "out")


@pytest.mark.timing
def test_a_read_returns_what_arrived_without_waiting_for_a_full_buffer(tmp_path, data):
    # The server sends a quarter of the body and then nothing for a minute.
    with FaultyServer(tmp_path / "www", "stall") as srv, new_session() as s:
        resp = s.get(f"{srv.url}/f.bin", headers={"Range": f"bytes=0-{SIZE - 1}"}, stream=True, timeout=TIMEOUT)
        body, view = Body(resp), memoryview(bytearray(SIZE))
        got, t0 = 0, time.monotonic()
        while got < SIZE // 4:
            got += body.readinto(view[got:])
        took = time.monotonic() - t0
        resp.close()
    assert got == SIZE // 4 and view[:got] == data[:got]
    assert took < 1.0 + FILL_S, f"{took:.2f} s for bytes that were there"


def test_over_tls_reads_gather_the_16_kib_records_into_large_writes(tmp_path, data):
    out = tmp_path / "out"
    writes = []
    with FaultyServer(tmp_path / "www", tls_dir=tmp_path / "tls") as srv, new_session() as s:
        s.verify, s.trust_env = str(srv.cert), False  # else REQUESTS_CA_BUNDLE, when set, wins over verify
        w = Work(0, SIZE, Mirror(f"{srv.url}/f.bin"))
        fd = os.open(out, os.O_RDWR | os.O_CREAT)
        try:
            got = fetch_range(s, w, fd, threading.Lock(), lambda a, b: writes.append(b - a), threading.Event(),
                              TIMEOUT, SIZE)
        finally:
            os.close(fd)
    assert got == SIZE and out.read_bytes() == data
    assert SIZE / len(writes) > 4 * 16 * 1024, f"{len(writes)} writes: TLS records were not gathered"


def test_a_thread_fetching_small_files_keeps_a_small_buffer():
    from modeldesk.core.http import body

    sizes = []

    def run():
        sizes.append(len(body.buffer(8 * 1024)))  # an 8 KiB file
        sizes.append(len(body.buffer(8 * 1024)))
        sizes.append(len(body.buffer(16 * 1024 * 1024)))  # then a large range: the full buffer
        sizes.append(len(body.buffer(8 * 1024)))  # kept, not shrunk
    t = threading.Thread(target=run)
    t.start()
    t.join()
    assert sizes == [body.SMALL, body.SMALL, body.BUFFER, body.BUFFER]


def test_a_request_cut_to_nothing_stops_reading_at_once(tmp_path, data):
    """A stalled (or throttled) mirror's request taken over whole: its connection would wait for the
    read timeout (here 10 s) before the file could finish. The cut aborts the read; the bytes before
    it stay written, the request ends without a fault, and nothing is written after the cut."""
    out = tmp_path / "out"
    lock = threading.Lock()
    with FaultyServer(tmp_path / "www", "stall") as srv, new_session() as s:
        w = Work(0, SIZE, Mirror(f"{srv.url}/f.bin"))
        fd = os.open(out, os.O_RDWR | os.O_CREAT)
        try:
            os.ftruncate(fd, SIZE)

            def cut_when_stalled():
                while w.pos < SIZE // 4:
                    time.sleep(0.01)
                time.sleep(0.3)  # the server has gone quiet; the reader waits in recv
                with lock:
                    cut_short(w, w.pos)
            threading.Thread(target=cut_when_stalled, daemon=True).start()
            t0 = time.monotonic()
            written = fetch_range(s, w, fd, lock, lambda a, b: None, threading.Event(), TIMEOUT, SIZE)
            took = time.monotonic() - t0
        finally:
            os.close(fd)
    assert took < 3.0, f"{took:.1f} s: the read waited for its timeout"
    assert written == w.pos == w.end and written >= SIZE // 4
    assert out.read_bytes()[:written] == data[:written]
