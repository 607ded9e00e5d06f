"""packaging/modeldesk-seed.service: the lab seed as a systemd user unit. systemd checks the unit
(`systemd-analyze verify`), and the command its ExecStart runs seeds the library, caps the upload
for a LAN peer, logs to the state folder and stops on SIGTERM with an exit status the unit counts
as success. No user manager runs here, so the unit itself is not started."""

from __future__ import annotations

import configparser
import shlex
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers.cli import read_events
from tests.helpers.swarm import LtPeer, make_model, make_torrent
from tests.helpers.tools import require_tool

pytestmark = pytest.mark.integration

UNIT = Path(__file__).resolve().parents[2] / "packaging" / "modeldesk-seed.service"


def _unit() -> configparser.ConfigParser:
    unit = configparser.ConfigParser(interpolation=None, strict=False)
    unit.optionxform = str  # type: ignore[assignment,method-assign]
    unit.read_string(UNIT.read_text())
    return unit


def _exec_args() -> list[str]:
    """ExecStart's arguments after the program, with systemd's %% unescaped."""
    argv = shlex.split(_unit()["Service"]["ExecStart"].replace("%%", "%"))
    assert argv[0] == "%h/.local/bin/modeldesk", argv[0]
    return argv[1:]


def test_systemd_accepts_the_unit(tmp_path):
    analyze = require_tool("systemd-analyze")
    text = UNIT.read_text().replace("%h/.local/bin/modeldesk", f"{sys.executable} -m modeldesk")
    copy = tmp_path / UNIT.name
    copy.write_text(text)
    r = subprocess.run([analyze, "verify", str(copy)], capture_output=True, text=True, cwd=tmp_path)
    assert r.returncode == 0 and not r.stderr.strip(), r.stderr
    assert _unit()["Service"]["SuccessExitStatus"] == "130"


def test_its_command_seeds_the_library_within_its_limit_and_stops_cleanly(md, tmp_path):
    top = make_model(tmp_path / "origin", sizes={"weights.safetensors": 6 * 1024 * 1024})
    torrent = tmp_path / "m.torrent"
    ih = make_torrent(top, torrent)
    with LtPeer("seed", torrent, top.parent, tmp_path) as origin:
        got = md.run("get", f"magnet:?xt=urn:btih:{ih}&x.pe=127.0.0.1:{origin.port}", "--to", str(tmp_path / "lab"),
                     "--no-seed", "--json", "--timeout", "30")
        assert got.code == 0, got.stderr
    args = _exec_args()
    assert args[:2] == ["seed", "--all"] and "--upload-limit" in args
    proc = md.popen(*args, "--json")
    try:
        port = None
        for e in read_events(proc):
            if e["event"] == "listening":
                port = e["port"]
            if e["event"] == "finished":  # checked against the library: seeding
                break
        assert port
        t0 = time.monotonic()
        # 30% of 100 Mbit is 3.75 MB/s, for a peer on 127.0.0.1 as for any other.
        with LtPeer("leech", torrent, tmp_path / "student", tmp_path, peers=[f"127.0.0.1:{port}"]) as leecher:
            assert leecher.proc.wait(60) == 0
        took = time.monotonic() - t0
        assert took > 6 * 1024 * 1024 / 3.75e6 * 0.6, f"{took:.1f} s: the unit's upload limit did not hold"
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(30) == 130, proc.stderr.read()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    log = (md.root / "state" / "seed.log").read_text()
    # The hand-over message sends users here to follow a job: the service says what it does, not only
    # warnings (the file stayed empty).
    assert "added " in log and "complete and verified" in log, log
