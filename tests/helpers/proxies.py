"""Real proxies on 127.0.0.1: microsocks (SOCKS5) and tinyproxy (HTTP), each with a user and password.
Their logs say which destinations they connected to, so a test can tell proxied from direct traffic."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.foreign import Proc, wait_port
from tests.helpers.ports import free_port
from tests.helpers.tools import require_tool


class MicroSocks(Proc):
    def __init__(self, user: str, password: str):
        exe = require_tool("microsocks")
        self.port = free_port()
        super().__init__([exe, "-i", "127.0.0.1", "-p", str(self.port), "-u", user, "-P", password])
        wait_port(self.port)
        self.log = ""

    def stop(self) -> str:
        self.log += super().stop()
        return self.log


TINYPROXY_CONF = """
Port {port}
Listen 127.0.0.1
Timeout 60
LogFile "{work}/tinyproxy.log"
LogLevel Connect
MaxClients 64
Allow 127.0.0.1
BasicAuth {user} {password}
DisableViaHeader Yes
"""


class TinyProxy(Proc):
    def __init__(self, work: Path, user: str, password: str):
        exe = require_tool("tinyproxy")
        work.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.work = work
        conf = work / "tinyproxy.conf"
        conf.write_text(TINYPROXY_CONF.format(port=self.port, work=work, user=user, password=password))
        super().__init__([exe, "-d", "-c", str(conf)])
        wait_port(self.port)

    def log(self) -> str:
        path = self.work / "tinyproxy.log"
        return path.read_text(errors="replace") if path.exists() else ""
