"""A failure-injecting HTTP server on 127.0.0.1 for the faults no honest server makes: flipped
bytes, 500s, 429 with Retry-After, ignored Range, truncated bodies, stalls. It serves one folder
with HEAD and single-range GET like nginx, then misbehaves as told."""

from __future__ import annotations

import re
import ssl
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from tests.helpers.tools import require_tool

_RANGE = re.compile(r"bytes=(\d+)-(\d*)")


class FaultyServer:
    """mode: ok | flip | status:<code> | norange | truncate | stall | busy:<seconds> (429 with
    Retry-After: 3 to every GET for that long after the first one, then honest) | trickle (two bytes
    a second, for ever) | badtotal (ranged answers name a file 1000 bytes longer than HEAD says) |
    chunked (honest, but bodies come in Transfer-Encoding: chunked, without a Content-Length) | endless
    (the range asked for with no length, then zeros until the client hangs up or 64 MiB) | loop
    (every GET is redirected to itself, for ever)"""

    def __init__(self, root: Path, mode: str = "ok", tls_dir: Path | None = None):
        self.root, self.mode = Path(root), mode
        self.requests: list[tuple[str, str, str]] = []  # (method, path, Range)
        self.get_times: list[tuple[float, int]] = []  # (monotonic time, status) of each GET
        self.auth_seen: list[str] = []
        self.client_ports: list[int] = []  # of each GET: one port for many GETs is a reused connection
        self.endless_sent = 0  # bytes the "endless" mode got into the socket
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *a):
                pass

            def do_HEAD(self):
                self._serve(body=False)

            def do_GET(self):
                server.client_ports.append(self.client_address[1])
                self._serve(body=True)

            def _serve(self, body: bool):
                server.requests.append((self.command, self.path, self.headers.get("Range", "")))
                if self.headers.get("Authorization"):
                    server.auth_seen.append(self.headers["Authorization"])
                f = server.root / self.path.lstrip("/").split("?")[0]
                if not f.is_file():
                    return self._status(404)
                data = f.read_bytes()
                mode = server.mode
                if mode.startswith("busy:") and body:
                    now = time.monotonic()
                    first = server.get_times[0][0] if server.get_times else now
                    if now - first < float(mode.split(":")[1]):
                        server.get_times.append((now, 429))
                        return self._status(429, {"Retry-After": "3"})
                    server.get_times.append((now, 200))
                if mode == "loop" and body:
                    return self._status(302, {"Location": self.path})
                if mode.startswith("status:") and body:
                    code = int(mode.split(":")[1])
                    return self._status(code, {"Retry-After": "1"} if code in (429, 503) else {})
                m = _RANGE.fullmatch(self.headers.get("Range", ""))
                if m and body and mode != "norange":
                    a = int(m.group(1))
                    b = int(m.group(2)) if m.group(2) else len(data) - 1
                    part = data[a:b + 1]
                    self.send_response(206)
                    total = len(data) + (1000 if mode == "badtotal" else 0)
                    self.send_header("Content-Range", f"bytes {a}-{a + len(part) - 1}/{total}")
                else:
                    a, part = 0, data
                    self.send_response(200)
                if mode == "chunked" and body:
                    self.send_header("Transfer-Encoding", "chunked")
                elif mode == "endless" and body:
                    self.send_header("Connection", "close")  # no length: the body ends when the server hangs up
                else:
                    self.send_header("Content-Length", str(len(part) if body else len(data)))
                self.send_header("Accept-Ranges", "bytes")
                self.send_header("ETag", '"v1"')
                self.end_headers()
                if not body:
                    return
                if mode == "chunked":
                    for i in range(0, len(part), 100_000):
                        piece = part[i:i + 100_000]
                        self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
                    self.wfile.write(b"0\r\n\r\n")
                    return
                if mode == "endless":  # the range asked for, then more and more, up to 64 MiB (bounded)
                    self.close_connection = True
                    server.endless_sent += len(part)
                    try:
                        self.wfile.write(part)
                        for _ in range(64):
                            self.wfile.write(b"\0" * (1024 * 1024))
                            server.endless_sent += 1024 * 1024
                    except (BrokenPipeError, ConnectionResetError):
                        pass
                    return
                if mode == "flip" and part:
                    part = bytes([part[0] ^ 0xFF]) + part[1:]
                if mode == "truncate":
                    self.wfile.write(part[: len(part) // 2])
                    self.close_connection = True
                    return
                if mode == "trickle":
                    try:
                        for i in range(min(len(part), 120)):  # bounded: a test's server stops by itself
                            self.wfile.write(part[i:i + 1])
                            self.wfile.flush()
                            time.sleep(0.5)
                    except (BrokenPipeError, ConnectionResetError):
                        pass
                    self.close_connection = True
                    return
                if mode == "stall":
                    self.wfile.write(part[: len(part) // 4])
                    self.wfile.flush()
                    time.sleep(60)
                    return
                try:
                    self.wfile.write(part)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def _status(self, code, headers=None):
                self.send_response(code)
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.cert: Path | None = None  # with tls_dir: HTTPS with a self-signed certificate for 127.0.0.1
        if tls_dir is not None:
            self.cert = self_signed(tls_dir)
            ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            ctx.load_cert_chain(self.cert, tls_dir / "key.pem")
            self.httpd.socket = ctx.wrap_socket(self.httpd.socket, server_side=True)
            self.url = f"https://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self._thread.start()

    def gets(self) -> int:
        return sum(1 for r in self.requests if r[0] == "GET")

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def self_signed(folder: Path) -> Path:
    """A certificate and key for 127.0.0.1 in folder (cert.pem, key.pem), made by openssl."""
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run([require_tool("openssl"), "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", str(folder / "key.pem"), "-out", str(folder / "cert.pem")],
                   check=True, capture_output=True)
    return folder / "cert.pem"
