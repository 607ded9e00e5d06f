"""A real Secret Service for tests: a private D-Bus session with gnome-keyring-daemon unlocked in it.
Commands run inside it with `run`; nothing touches the user's own keyring."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tests.helpers.tools import require_tool

_INNER = 'printf pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1 || exit 97; exec "$@"'


class KeyringSession:
    def __init__(self, home: Path):
        self.dbus = require_tool("dbus-run-session")
        require_tool("gnome-keyring-daemon")
        self.home = home
        (home / ".local" / "share").mkdir(parents=True, exist_ok=True)

    def env(self, base: dict) -> dict:
        env = dict(base)
        env.update(HOME=str(self.home), XDG_DATA_HOME=str(self.home / ".local" / "share"),
                   XDG_RUNTIME_DIR=str(self.home / "run"))
        (self.home / "run").mkdir(mode=0o700, exist_ok=True)
        env.pop("DBUS_SESSION_BUS_ADDRESS", None)
        return env

    def run(self, base_env: dict, *cmd: str, stdin: str = "", timeout: float = 120) -> subprocess.CompletedProcess:
        return subprocess.run([self.dbus, "--", "bash", "-c", _INNER, "keyring-session", *cmd],
                              env=self.env(base_env), input=stdin, capture_output=True, text=True, timeout=timeout)


def files_containing(root: Path, needle: str) -> list[Path]:
    hits = []
    for dirpath, _dirs, files in os.walk(root):
        for name in files:
            p = Path(dirpath) / name
            try:
                if needle.encode() in p.read_bytes():
                    hits.append(p)
            except OSError:
                pass
    return hits
