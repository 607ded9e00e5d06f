"""The job's session pool on a real loopback HTTP/1.1 server that counts the TCP connections it
accepts: connections opened ahead are the ones the requests then use, and a session given back
serves the next borrower on its kept-alive connection."""

from __future__ import annotations

import http.server
import threading
import time

import pytest

from modeldesk.core.http.client import new_session
from modeldesk.core.http.sessions import SessionPool
from tests.helpers.ports import free_port


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive

    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


class _Counting(http.server.ThreadingHTTPServer):
    daemon_threads = True
    accepted = 0

    def get_request(self):
        conn = super().get_request()
        self.accepted += 1
        return conn


@pytest.fixture
def server():
    srv = _Counting(("127.0.0.1", 0), _Handler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield srv
    srv.shutdown()
    srv.server_close()


def _wait(pred, timeout=5.0):
    deadline = time.monotonic() + timeout
    while not pred() and time.monotonic() < deadline:
        time.sleep(0.01)
    return pred()


def test_connections_opened_ahead_serve_the_requests_that_follow(server):
    url = f"http://127.0.0.1:{server.server_address[1]}/f"
    pool = SessionPool(new_session)
    pool.warm(url, 3)
    assert _wait(lambda: len(pool._idle) == 3)
    assert _wait(lambda: server.accepted == 3)  # a connect returns before the server's accept() counts it
    held = [pool.borrow() for _ in range(3)]
    sessions = [cm.__enter__() for cm in held]
    for s in sessions:
        assert s.get(url, timeout=5).content == b"ok"
    for cm in held:
        cm.__exit__(None, None, None)
    assert server.accepted == 3, "no request opened a connection of its own"
    with pool.borrow() as s:  # the next file's request: a kept-alive connection
        assert s.get(url, timeout=5).content == b"ok"
    assert server.accepted == 3
    pool.close()
    assert pool._idle == []


def test_a_server_that_refuses_leaves_nothing_behind():
    pool = SessionPool(new_session)
    pool.warm(f"http://127.0.0.1:{free_port()}/f", 2)  # nobody listens there
    time.sleep(0.5)
    assert pool._idle == [], "a failed connection is not lent out"
    with pool.borrow() as s:
        assert s is not None  # a new session; its request will say what is wrong


def test_through_a_proxy_nothing_is_opened_ahead(server):
    """A tunnel through a proxy is set up by the request itself; a connection opened ahead to the
    proxy would carry the request without its CONNECT."""
    proxy = f"http://127.0.0.1:{server.server_address[1]}"

    def factory():
        s = new_session()
        s.trust_env = False
        s.proxies.update({"http": proxy, "https": proxy})
        return s
    pool = SessionPool(factory)
    pool.warm("https://models.example.invalid/f", 2)
    assert _wait(lambda: len(pool._idle) == 2)
    assert server.accepted == 0
