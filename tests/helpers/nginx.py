"""A real nginx serving a folder on 127.0.0.1 (Range support built in), for web seeds and mirrors; or
on an address inside a network namespace a test made (`prefix` runs it there)."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

from tests.helpers.foreign import Proc, wait_port
from tests.helpers.ports import free_port
from tests.helpers.tools import require_tool

CONF = """
user root;
worker_processes 1;
daemon off;
pid {work}/nginx.pid;
error_log {work}/error.log warn;
events {{ worker_connections 256; }}
http {{
    default_type application/octet-stream;
    access_log {work}/access.log;
    client_body_temp_path {work}/tmp-body;
    proxy_temp_path {work}/tmp-proxy;
    fastcgi_temp_path {work}/tmp-fastcgi;
    uwsgi_temp_path {work}/tmp-uwsgi;
    scgi_temp_path {work}/tmp-scgi;
    sendfile on;
    server {{
        listen {addr}:{port};
        root {root};
        location / {{ {location} }}
    }}
}}
"""


class Nginx(Proc):
    def __init__(self, root: Path, work: Path, location: str = "", addr: str = "127.0.0.1",
                 prefix: tuple[str, ...] = ()):
        exe = require_tool("nginx")
        work.mkdir(parents=True, exist_ok=True)
        self.port = free_port() if not prefix else 8080  # a namespace of its own has every port free
        self.url = f"http://{addr}:{self.port}"
        self.work = work
        conf = work / "nginx.conf"
        conf.write_text(CONF.format(work=work, addr=addr, port=self.port, root=root, location=location))
        check = subprocess.run([*prefix, exe, "-t", "-c", str(conf), "-p", str(work)], capture_output=True, text=True)
        if check.returncode != 0:
            raise RuntimeError(check.stderr)
        super().__init__([*prefix, exe, "-c", str(conf), "-p", str(work)])
        if not prefix:
            wait_port(self.port)
            return
        deadline = time.monotonic() + 10  # listening once its pid file is written
        while not (work / "nginx.pid").exists() and time.monotonic() < deadline:
            time.sleep(0.05)

    def log_lines(self) -> list[str]:
        log = self.work / "access.log"
        return log.read_text().splitlines() if log.exists() else []

    def bytes_served(self) -> int:
        """Body bytes sent, over every request so far (the combined log format's tenth field)."""
        return sum(int(line.split('"')[2].split()[1]) for line in self.log_lines() if line.count('"') >= 6)

    def settled_bytes_served(self, quiet_s: float = 0.5, at_most_s: float = 10.0) -> int:
        """bytes_served() once no new line came for `quiet_s`: nginx logs a request when it ends, and
        the requests of a client just killed end when nginx notices (later on a loaded machine)."""
        deadline, last, since = time.monotonic() + at_most_s, -1, time.monotonic()
        while time.monotonic() < deadline:
            now = self.bytes_served()
            if now != last:
                last, since = now, time.monotonic()
            elif time.monotonic() - since >= quiet_s:
                break
            time.sleep(0.05)
        return last

    def requests_served(self) -> int:
        log = self.work / "access.log"
        return len(log.read_text().splitlines()) if log.exists() else 0
