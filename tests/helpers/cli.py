"""Run the modeldesk CLI as a user would: a separate process, JSON lines on stdout."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path


def loopback_settings(**torrent) -> dict:
    base = {
        "listen_interfaces": "127.0.0.1:0",
        "enable_dht": False,
        "enable_lsd": False,
        "enable_upnp": False,
        "enable_natpmp": False,
        "enable_utp": False,  # uTP on loopback is ~30x slower than TCP
        "allow_multiple_connections_per_ip": True,
    }
    base.update(torrent)
    # Never the real hub from a test: only the local hubs a test names with --mirror.
    return {"schema_version": 1, "torrent": base, "http": {"use_official_hub": False, "use_official_ms": False}}


@dataclass
class MdHome:
    root: Path
    env: dict = field(default_factory=dict)
    prefix: list = field(default_factory=list)  # e.g. `ip netns exec NS`: run on another host of a test LAN

    def configure(self, **torrent) -> None:
        cfg = self.root / "config"
        cfg.mkdir(parents=True, exist_ok=True)
        (cfg / "settings.json").write_text(json.dumps(loopback_settings(**torrent)))

    def environ(self) -> dict:
        env = dict(os.environ)
        env["MODELDESK_HOME"] = str(self.root)
        env.pop("HF_TOKEN", None)
        env.update(self.env)
        return env

    def run(self, *args: str, timeout: float = 120, check_json: bool = True, cwd: Path | None = None) -> Result:
        proc = subprocess.run(
            [*self.prefix, sys.executable, "-m", "modeldesk", *args],
            capture_output=True, text=True, timeout=timeout, env=self.environ(), stdin=subprocess.DEVNULL, cwd=cwd,
        )
        return Result(proc.returncode, proc.stdout, proc.stderr)

    def popen(self, *args: str) -> subprocess.Popen:
        # SIGINT as a terminal's Ctrl+C gives it, whatever this suite inherited: a suite started in the
        # background of a shell without job control (`cmd &` in a script, CI runners) has SIGINT
        # ignored, every child too, and the tests that stop a run with SIGINT would wait forever.
        return subprocess.Popen(
            [*self.prefix, sys.executable, "-m", "modeldesk", *args],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=self.environ(),
            stdin=subprocess.DEVNULL, preexec_fn=_default_sigint,
        )


@dataclass
class Result:
    code: int
    stdout: str
    stderr: str

    @property
    def events(self) -> list[dict]:
        return [json.loads(line) for line in self.stdout.splitlines() if line.startswith("{")]

    def last(self, kind: str) -> dict:
        found = [e for e in self.events if e["event"] == kind]
        assert found, f"no {kind!r} event in output:\n{self.stdout}\n{self.stderr}"
        return found[-1]


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def read_events(proc: subprocess.Popen):
    """Yield JSON events from a running modeldesk process until it closes stdout."""
    for line in proc.stdout:
        if line.startswith("{"):
            yield json.loads(line)


def ok(r: Result) -> Result:
    """The run succeeded (exit 0); its output is shown when not."""
    assert r.code == 0, r.stdout[-3000:] + r.stderr
    return r
