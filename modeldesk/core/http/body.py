"""A streamed response's body read into a buffer the caller keeps: one copy from the socket, no new
bytes object per read, and reads that return what arrived (a slow mirror's progress shows, a trickle
is seen as one) yet gather a fast mirror's bytes into large pieces (TLS hands them over 16 KiB at a time).

Where requests and urllib3 would copy (a Content-Encoding to undo, a chunked body, a body without a
length), the urllib3 read is used instead, with the same results."""

from __future__ import annotations

import http.client
import select
import socket
import ssl
import threading
import time

import requests
import urllib3

FILL_S = 0.05  # a read gathers what arrives for at most this long before it returns
BUFFER = 1024 * 1024  # per connection; a larger one saves little CPU and costs memory at 64 connections
SMALL = 64 * 1024  # the least a thread's buffer holds

_local = threading.local()


def buffer(need: int = BUFFER) -> memoryview:
    """This thread's read buffer (kept for the next request, so its pages are not faulted in again),
    at least `need` bytes up to BUFFER: a thread fetching small files keeps a small one."""
    need = max(SMALL, min(BUFFER, need))
    view = getattr(_local, "view", None)
    if view is None or len(view) < need:
        view = _local.view = memoryview(bytearray(need))
    return view


class BodyError(Exception):
    """The body broke off or stalled (the mirror's fault; the caller says which mirror)."""


def _direct(resp: requests.Response) -> http.client.HTTPResponse | None:
    """The http.client response under urllib3's, when its body can be read from the socket as is."""
    inner = getattr(resp.raw, "_fp", None)
    if not isinstance(inner, http.client.HTTPResponse) or inner.chunked or not isinstance(inner.length, int):
        return None
    if resp.headers.get("Content-Encoding", "identity").strip().lower() not in ("", "identity"):
        return None
    if not hasattr(inner.fp, "readinto1") or getattr(resp.raw, "_has_decoded_content", False):
        return None
    return inner


class Body:
    def __init__(self, resp: requests.Response, clock=time.monotonic):
        self._resp, self._clock = resp, clock
        self._inner = _direct(resp)
        self._poll: select.poll | None = None
        self._sock = getattr(getattr(resp.raw, "connection", None), "sock", None)
        if self._sock is not None:
            self._poll = select.poll()
            self._poll.register(self._sock, select.POLLIN)
        self._failed: BodyError | None = None  # after bytes already gathered: raised by the next read

    def readinto(self, view: memoryview) -> int:
        """Bytes put at the start of `view`: one read's worth (waiting for it as long as the socket's
        timeout), then whatever else arrives within FILL_S; 0 at the end of the body. Raises
        BodyError when the connection fails."""
        if self._failed is not None:
            raise self._failed
        n = self._guarded(view)
        if n == 0:
            return 0
        deadline = self._clock() + FILL_S
        while n < len(view) and self._arriving(deadline - self._clock()):
            try:
                k = self._guarded(view[n:])
            except BodyError as exc:
                self._failed = exc  # what came before the failure is still good
                break
            if k == 0:
                break
            n += k
        return n

    def _arriving(self, wait: float) -> bool:
        """More bytes can be read without blocking, now or within `wait` seconds."""
        if self._poll is None or wait <= 0:
            return False
        if isinstance(self._sock, ssl.SSLSocket) and self._sock.pending():
            return True
        return bool(self._poll.poll(wait * 1000))

    def _guarded(self, view: memoryview) -> int:
        try:
            return self._read1(view)
        except (OSError, http.client.HTTPException, urllib3.exceptions.HTTPError,
                requests.RequestException) as exc:
            raise BodyError(type(exc).__name__) from None

    def _read1(self, view: memoryview) -> int:
        inner = self._inner
        if inner is None:
            data = self._resp.raw.read1(len(view))
            view[: len(data)] = data
            return len(data)
        if inner.fp is None or not inner.length:
            return 0
        n = inner.fp.readinto1(view[: min(len(view), inner.length)])
        inner.length -= n
        if n == 0:  # the server closed early: the connection is not handed back
            return 0
        return n

    def abort(self) -> None:
        """From another thread: end a read that waits for bytes no longer wanted (a request cut to
        nothing). The connection is shut down, not handed back; the reader sees the end of the body."""
        if self._sock is not None:
            try:
                socket.socket.shutdown(self._sock, socket.SHUT_RDWR)  # the fd only; TLS state is left alone
            except OSError:
                pass

    def done(self) -> None:
        """The whole body was read: hand the connection back for the next request to reuse."""
        inner = self._inner
        if inner is not None and inner.length == 0:
            inner.close()
            self._resp.raw.release_conn()
