"""The lab server's HTTP/1.1 listener: one thread per connection (keep-alive), every request checked
for its Host (a name that is not the listen address, this machine's or one the user allowed is
refused: DNS rebinding), answered by the routes, files sent from the library's own copy with
sendfile(2) (zero-copy, one Range at most), and each file served written to the audit log."""

from __future__ import annotations

import ipaddress
import logging
import os
import selectors
import socket
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from modeldesk.core.base.errors import ModelDeskError
from modeldesk.core.serve.audit import Audit
from modeldesk.core.serve.catalog import ServedFile, open_checked
from modeldesk.core.serve.request import Answer, Request, bearer_of, byte_range, json_answer

log = logging.getLogger(__name__)

DEFAULT_PORT = 8690  # `modeldesk serve` listens on 127.0.0.1:8690 unless told otherwise
MAX_BODY = 1 << 20  # a request body (paths-info) larger than this is refused
LISTEN_BACKLOG = 1024  # connections waiting to be accepted (socketserver's default of 5 stalls a lab's burst)
IDLE_TIMEOUT_S = 120.0

Route = Callable[[Request], Answer | None]


def parse_listen(text: str) -> tuple[str, int]:
    """HOST:PORT, [v6]:PORT, HOST or :PORT, as --listen takes it."""
    host, sep, port = text.rpartition(":") if not text.endswith("]") else (text, "", "")
    if not sep:
        host, port = text, str(DEFAULT_PORT)
    host = host.strip("[]") or "127.0.0.1"
    if not port.isdigit() or not 0 <= int(port) < 65536:
        raise ValueError(f"{text!r} is not HOST:PORT")
    return host, int(port)


class LabHttp:
    """Serves `route` on (host, port); start() binds (port 0: any free one), stop() closes."""

    def __init__(self, route: Route, host: str, port: int, allow_hosts: tuple[str, ...] = (),
                 audit: Audit | None = None, unchanged: Callable[[ServedFile], bool] = lambda f: True,
                 who: Callable[[str | None], str] = lambda bearer: ""):
        self._route = route
        self._unchanged = unchanged
        self._who = who  # the name of the token a request carries ("" for none)
        self._audit = audit or Audit(None)
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        server_class = type("Server", (ThreadingHTTPServer,), {"address_family": family, "daemon_threads": True,
                                                               "request_queue_size": LISTEN_BACKLOG})
        self.httpd = server_class((host, port), self._handler())
        self.port = self.httpd.server_address[1]
        shown = f"[{host}]" if family == socket.AF_INET6 else host
        self.url = f"http://{shown}:{self.port}"
        self._names = {n.lower() for n in (host, "localhost", socket.gethostname(), socket.getfqdn(), *allow_hosts)}
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self.httpd.serve_forever, name="lab-http", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        if self._thread is not None:  # shutdown() waits for serve_forever, which must have started
            self.httpd.shutdown()
        self.httpd.server_close()

    def host_allowed(self, header: str | None) -> bool:
        """An IP literal cannot be rebound; a name must be one this server answers to."""
        if not header:
            return True  # HTTP/1.0 without Host: no browser sends it so
        try:
            name = urlsplit(f"//{header}").hostname or ""
        except ValueError:  # "[", "[]": not a host
            return False
        try:
            ipaddress.ip_address(name)
            return True
        except ValueError:
            return name.lower() in self._names

    @staticmethod
    def _agent(h: BaseHTTPRequestHandler) -> str:
        """The client's User-Agent; a web seed sends it on a connection's first request only."""
        agent = h.headers.get("User-Agent")
        if agent:
            h.md_agent = agent[:120]  # type: ignore[attr-defined]
        return getattr(h, "md_agent", "")

    def _handler(self):
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            server_version = "ModelDesk"
            timeout = IDLE_TIMEOUT_S  # a connection that sends nothing (or reads nothing) this long is closed

            def log_message(self, fmt, *args):
                log.debug("%s " + fmt, self.client_address[0], *args)

            def do_GET(self):
                owner._serve(self, "GET")

            def do_HEAD(self):
                owner._serve(self, "HEAD")

            def do_POST(self):
                owner._serve(self, "POST")

            def do_DELETE(self):
                owner._serve(self, "DELETE")

        return Handler

    def _serve(self, h: BaseHTTPRequestHandler, method: str) -> None:
        if not self.host_allowed(h.headers.get("Host")):
            return self._send(h, method, json_answer(421, {"error": "This server does not answer to that host "
                                                           "name (modeldesk serve --allow-host NAME allows it)."}))
        length = int(h.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            h.close_connection = True
            return self._send(h, method, json_answer(413, {"error": "request body too large"}))
        body = h.rfile.read(length) if length else b""
        url = urlsplit(h.path)
        try:
            answer = self._route(Request(method, url.path, url.query, body, h.headers, h.client_address[0]))
        except Exception:  # a bug must not take the server down: the client gets a 500, the log the trace
            log.exception("%s %s failed", method, h.path)
            answer = json_answer(500, {"error": "internal error; see the server's log"})
        self._send(h, method, answer or json_answer(404, {"error": f"not found: {url.path}"}))

    def _send(self, h: BaseHTTPRequestHandler, method: str, answer: Answer) -> None:
        if answer.file is not None:
            return self._send_file(h, method, answer)
        if answer.stream is not None:
            return self._send_stream(h, method, answer)
        h.send_response(answer.status)
        for k, v in answer.headers.items():
            h.send_header(k, v)
        h.send_header("Content-Length", str(len(answer.body)))
        h.end_headers()
        if method != "HEAD":
            h.wfile.write(answer.body)

    def _send_stream(self, h: BaseHTTPRequestHandler, method: str, answer: Answer) -> None:
        """An answer with no length, written as it comes; the connection ends with it. A file pulled
        through is written to the audit log as a file sent from disk is, with the bytes that went."""
        assert answer.stream is not None
        h.close_connection = True
        h.send_response(answer.status)
        for k, v in answer.headers.items():
            h.send_header(k, v)
        h.send_header("Connection", "close")
        h.end_headers()
        if method == "HEAD":
            return
        sent = 0

        def write(data: bytes) -> None:
            nonlocal sent
            h.wfile.write(data)
            h.wfile.flush()
            sent += len(data)

        try:
            answer.stream(write)
        except (OSError, ModelDeskError) as exc:  # the client went away, or what it streamed failed or was refused
            log.info("a stream to %s ended early: %s", h.client_address[0], exc)
        if answer.pulled is not None:
            snap, f, start, end = answer.pulled
            self._audit.record(client=h.client_address[0], token=self._who(bearer_of(h.headers.get("Authorization"))),
                               hub=snap.hub, repo=snap.repo, commit=snap.commit, path=f.path, start=start, end=end,
                               sent=sent, status=answer.status, agent=self._agent(h), pulled=True)

    def _send_file(self, h: BaseHTTPRequestHandler, method: str, answer: Answer) -> None:
        assert answer.file is not None
        snap, f = answer.file
        if not self._unchanged(f):
            log.warning("%s of %s@%s changed on disk since it was downloaded: not served", f.path, snap.repo,
                        snap.commit[:12])
            return self._send(h, method, json_answer(409, {"error": f"{f.path} changed on disk since it was "
                                                           f"downloaded, so it is not {snap.repo}@{snap.commit[:12]}'s "
                                                           "any more; run `modeldesk verify` on its folder."}))
        try:
            fd = open_checked(snap, f)
        except (OSError, ModelDeskError) as exc:
            log.warning("%s of %s@%s cannot be served: %s", f.path, snap.repo, snap.commit[:12], exc)
            return self._send(h, method, json_answer(410, {"error": f"{f.path} is no longer where the library "
                                                           "keeps it; run `modeldesk verify` on its folder."}))
        with os.fdopen(fd, "rb") as src:
            span = byte_range(h.headers.get("Range", ""), f.size)
            if span == "bad":
                return self._send(h, method, Answer(416, {"Content-Range": f"bytes */{f.size}"}))
            start, end = span if isinstance(span, tuple) else (0, f.size)
            h.send_response(206 if isinstance(span, tuple) else 200)
            for k, v in answer.headers.items():
                h.send_header(k, v)
            if isinstance(span, tuple):
                h.send_header("Content-Range", f"bytes {start}-{end - 1}/{f.size}")
            h.send_header("Content-Length", str(end - start))
            h.end_headers()
            sent = 0
            if method != "HEAD" and end > start:
                h.wfile.flush()
                sent, failed = send_span(h.connection, src.fileno(), start, end - start)
                if failed is not None:  # the client went away, or stopped reading for the idle timeout
                    h.close_connection = True
            if method != "HEAD":
                token = self._who(bearer_of(h.headers.get("Authorization")))
                self._audit.record(client=h.client_address[0], token=token, hub=snap.hub, repo=snap.repo,
                                   commit=snap.commit, path=f.path, start=start, end=end, sent=sent,
                                   status=206 if isinstance(span, tuple) else 200, agent=self._agent(h))


def send_span(sock: socket.socket, fd: int, offset: int, count: int) -> tuple[int, OSError | None]:
    """sendfile(2) of `count` bytes from `offset`, waiting for room as the socket's timeout allows: the
    bytes that went (also when it failed part-way, for the audit log; socket.sendfile says none then)
    and the error that stopped it."""
    sent, timeout = 0, sock.gettimeout()
    with selectors.DefaultSelector() as sel:
        sel.register(sock, selectors.EVENT_WRITE)
        try:
            while sent < count:
                if timeout is not None and not sel.select(timeout):
                    raise TimeoutError("the client read nothing for the idle timeout")
                try:
                    n = os.sendfile(sock.fileno(), fd, offset + sent, min(count - sent, 1 << 30))
                except BlockingIOError:
                    continue
                if n == 0:  # the file ended early (it shrank under us)
                    raise OSError(f"the file ended {count - sent} bytes early")
                sent += n
        except OSError as exc:
            return sent, exc
    return sent, None
