"""Foreign BitTorrent programs from Debian, each bound to 127.0.0.1 with DHT, LSD, PEX and port
mapping off: opentracker, qbittorrent-nox (driven through its Web API), aria2c."""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import requests

from tests.helpers.ports import free_port
from tests.helpers.tools import require_tool


def wait_port(port: int, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port}")


def stop_process(proc: subprocess.Popen, grace: float = 10) -> None:
    """SIGTERM, then SIGKILL if it is still there after `grace` seconds; reaped either way."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(grace)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(grace)


class Proc:
    def __init__(self, argv, **kw):
        self.proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **kw)

    def stop(self) -> str:
        stop_process(self.proc)
        return self.proc.stdout.read() if self.proc.stdout else ""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


class OpenTracker(Proc):
    """Debian builds opentracker with a whitelist: pick the port first (torrents name the announce
    URL), then start it with the info-hashes it may track."""

    def __init__(self, workdir: Path):
        self.exe = require_tool("opentracker")
        self.workdir = workdir
        self.port = free_port()
        self.announce = f"http://127.0.0.1:{self.port}/announce"
        self.proc = None

    def start(self, *infohashes: str) -> OpenTracker:
        # opentracker chroots into -d and, as root, drops to "nobody": its folder must be one
        # that nobody can read, and the whitelist is named relative to it.
        self.chroot = Path(tempfile.mkdtemp(prefix="opentracker-"))
        self.chroot.chmod(0o755)
        allow = self.chroot / "whitelist"
        allow.write_text("".join(f"{ih}\n" for ih in infohashes))
        allow.chmod(0o644)
        super().__init__([self.exe, "-i", "127.0.0.1", "-p", str(self.port), "-P", str(self.port),
                          "-d", str(self.chroot), "-w", "whitelist"])
        wait_port(self.port)
        return self

    def stop(self) -> str:
        if self.proc is None:
            return ""
        out = super().stop()
        shutil.rmtree(self.chroot, ignore_errors=True)
        return out


QBT_CONF = """[LegalNotice]
Accepted=true

[BitTorrent]
Session\\DHTEnabled=false
Session\\LSDEnabled=false
Session\\PeXEnabled=false
Session\\Port={port}
Session\\Interface=lo
Session\\InterfaceName=lo
Session\\InterfaceAddress=127.0.0.1
Session\\BTProtocol=TCP
Session\\AddTorrentPaused=false
Session\\DefaultSavePath={save}
Session\\Encryption=0
Session\\MultiConnectionsPerIp=true

[Network]
PortForwardingEnabled=false

[Preferences]
Connection\\ResolvePeerCountries=false
Connection\\UPnP=false
General\\Locale=en
WebUI\\Address=127.0.0.1
WebUI\\Port={webui}
WebUI\\LocalHostAuth=false
WebUI\\CSRFProtection=false
WebUI\\HostHeaderValidation=false
WebUI\\UseUPnP=false
"""


class QBittorrent(Proc):
    """qbittorrent-nox with a profile of its own; torrents are added through the Web API."""

    def __init__(self, workdir: Path):
        exe = require_tool("qbittorrent-nox")
        self.port, self.webui = free_port(), free_port()
        profile = workdir / "qbt-profile"
        conf = profile / "qBittorrent" / "config"
        conf.mkdir(parents=True, exist_ok=True)
        (conf / "qBittorrent.conf").write_text(QBT_CONF.format(port=self.port, webui=self.webui, save=workdir))
        super().__init__([exe, f"--profile={profile}", f"--webui-port={self.webui}"])
        wait_port(self.webui, 30)
        self.api = f"http://127.0.0.1:{self.webui}/api/v2"
        # qBittorrent 4.5 picks its own peer port on a fresh profile; ask it which.
        self.port = requests.get(f"{self.api}/app/preferences", timeout=10).json()["listen_port"]
        # Its Web API answers before its session listens. A peer that fails its first connect is
        # retried only after libtorrent's min_reconnect_time (60 s), so a test must not race it.
        wait_port(self.port, 30)

    def add(self, torrent: Path, save_path: Path, skip_checking: bool = True) -> None:
        with open(torrent, "rb") as f:
            r = requests.post(
                f"{self.api}/torrents/add",
                files={"torrents": (torrent.name, f, "application/x-bittorrent")},
                data={"savepath": str(save_path), "skip_checking": str(skip_checking).lower(),
                      "paused": "false", "stopped": "false"},
                timeout=10,
            )
        r.raise_for_status()

    def torrents(self) -> list[dict]:
        return requests.get(f"{self.api}/torrents/info", timeout=10).json()

    def wait_state(self, states: set[str], timeout: float = 60.0) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            ts = self.torrents()
            if ts and ts[0]["state"] in states:
                return ts[0]
            time.sleep(0.2)
        raise TimeoutError(f"qbittorrent never reached {states}: {self.torrents()}")


def aria2c_leech(torrent: Path, out: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    exe = require_tool("aria2c")
    port = free_port()
    return subprocess.run(
        [exe, "--enable-dht=false", "--enable-dht6=false", "--bt-enable-lpd=false",
         "--enable-peer-exchange=false", f"--listen-port={port}", "--seed-time=0", "--disable-ipv6=true",
         "--interface=127.0.0.1", "--bt-save-metadata=false", "--summary-interval=0", "--console-log-level=warn",
         f"--dir={out}", str(torrent)],
        capture_output=True, text=True, timeout=timeout,
    )


def mktorrent(target: Path, out: Path, announce: str, piece_exp: int = 18) -> None:
    exe = require_tool("mktorrent")
    subprocess.run([exe, "-a", announce, "-l", str(piece_exp), "-o", str(out), str(target)],
                   check=True, capture_output=True)


def transmission_leech(torrent: Path, out: Path, timeout: float = 120) -> None:
    """transmission-cli fetches `torrent` into `out` (peers or web seeds) and is stopped once it says
    the download is done; raises TimeoutError with its output if it is not done in time."""
    exe = require_tool("transmission-cli")
    cfg = Path(tempfile.mkdtemp(prefix="transmission-"))
    done = cfg / "done"
    script = cfg / "on-done.sh"
    script.write_text(f"#!/bin/sh\ntouch {done}\n")
    script.chmod(0o755)
    (cfg / "settings.json").write_text(
        '{"dht-enabled": false, "lpd-enabled": false, "pex-enabled": false, "utp-enabled": false, '
        '"port-forwarding-enabled": false, "bind-address-ipv4": "127.0.0.1", "bind-address-ipv6": "::1", '
        '"rpc-enabled": false, "encryption": 1}')
    out.mkdir(parents=True, exist_ok=True)
    proc = subprocess.Popen([exe, "-g", str(cfg), "-w", str(out), "-p", str(free_port()), "-M", "-f", str(script),
                             str(torrent)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + timeout
        while not done.exists():
            if time.monotonic() > deadline or proc.poll() is not None:
                stop_process(proc, grace=3)
                raise TimeoutError(f"transmission-cli did not finish: {proc.stdout.read()[-2000:]}")
            time.sleep(0.2)
    finally:
        stop_process(proc, grace=3)
        shutil.rmtree(cfg, ignore_errors=True)
