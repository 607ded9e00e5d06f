"""The HTTP sessions of one job, lent to its connections and taken back, so a kept-alive connection
(with its TCP and TLS handshakes done) serves the job's next request, next file included, instead
of a new one per file; and connections opened ahead while a first answer is awaited, so a far
mirror costs its round trips once, not again after the probe.

A session is used by one thread at a time; it passes between threads only through this pool."""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable, Iterator

import requests
import requests.adapters
import requests.utils

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_S = 10.0


def _connect_ahead(session: requests.Session, url: str) -> None:
    """Open a connection to url's server in the pool the session's next request there will use
    (requests' own choice of certificate check and pool), without sending anything; nothing through
    a proxy."""
    settings = session.merge_environment_settings(url, {}, True, None, None)
    adapter = session.get_adapter(url)
    if not isinstance(adapter, requests.adapters.HTTPAdapter) or requests.utils.select_proxy(url, settings["proxies"]):
        return  # through a proxy the connection is set up by the request itself (a CONNECT tunnel)
    prepared = requests.Request("GET", url).prepare()
    pool = adapter.get_connection_with_tls_context(prepared, settings["verify"], settings["proxies"],
                                                   settings["cert"])
    conn = pool._get_conn()  # urllib3's pool: no public way to open a connection before a request
    try:
        conn.timeout = CONNECT_TIMEOUT_S
        conn.connect()
    except BaseException:
        conn.close()
        pool._put_conn(None)  # the slot returns empty; a request opens its own connection
        raise
    pool._put_conn(conn)


class SessionPool:
    def __init__(self, factory: Callable[[], requests.Session], keep: int = 64):
        self._factory, self._keep = factory, keep
        self._idle: list[requests.Session] = []
        self._lock = threading.Lock()
        self._closed = False

    @contextlib.contextmanager
    def borrow(self) -> Iterator[requests.Session]:
        with self._lock:
            session = self._idle.pop() if self._idle else None
        if session is None:
            session = self._factory()
        try:
            yield session
        finally:
            self._give_back(session)

    def _give_back(self, session: requests.Session) -> None:
        with self._lock:
            if not self._closed and len(self._idle) < self._keep:
                self._idle.append(session)
                return
        session.close()

    def warm(self, url: str, count: int) -> None:
        """Open up to `count` connections to url's server in the background; each session joins the
        pool once connected. A failure is not reported here: the requests that follow report it."""
        def one() -> None:
            session = self._factory()
            try:
                _connect_ahead(session, url)
            except Exception as exc:  # refused, unreachable, a bad proxy: the request that follows says so
                log.debug("connecting ahead to %s failed: %s", url, type(exc).__name__)
                session.close()
                return
            self._give_back(session)

        for i in range(count):
            threading.Thread(target=one, name=f"http-ahead-{i}", daemon=True).start()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
        for s in idle:
            s.close()
