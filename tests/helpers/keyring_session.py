"""A real Secret Service for tests: a private D-Bus session with gnome-keyring-daemon unlocked in it.
Commands run inside it with `run`; nothing touches the user's own keyring."""

from __future__ import annotations

import contextlib
import os
import subprocess
import time
from pathlib import Path

from tests.helpers.foreign import stop_process
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


def _forget_usable_backends() -> None:
    """keyring works out once per process which backends are usable; the bus changed, so ask again."""
    import keyring.backend

    with contextlib.suppress(KeyError):  # nothing remembered yet
        keyring.backend.get_all_keyring.reset()


class KeyringDaemon:
    """The same, for this process: a private dbus-daemon and an unlocked gnome-keyring-daemon, with
    DBUS_SESSION_BUS_ADDRESS pointing at them and keyring's backend chosen again (it must pick Secret
    Service on its own). On exit both daemons stop and the process's bus address and keyring backend
    come back."""

    def __init__(self, home: Path):
        self.home = home
        self._procs: list[subprocess.Popen] = []
        self._saved = os.environ.get("DBUS_SESSION_BUS_ADDRESS")
        self._saved_backend = None

    def __enter__(self) -> KeyringDaemon:
        import keyring

        self._saved_backend = keyring.get_keyring()
        bus_exe, daemon = require_tool("dbus-daemon"), require_tool("gnome-keyring-daemon")
        env = KeyringSession(self.home).env(dict(os.environ))
        bus = subprocess.Popen([bus_exe, "--session", "--nofork", "--nopidfile", "--print-address=1"],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
        self._procs.append(bus)
        env["DBUS_SESSION_BUS_ADDRESS"] = bus.stdout.readline().strip()
        keys = subprocess.Popen([daemon, "--foreground", "--unlock", "--components=secrets"], stdin=subprocess.PIPE,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, text=True, env=env)
        self._procs.append(keys)
        keys.stdin.write("pw")
        keys.stdin.close()
        os.environ["DBUS_SESSION_BUS_ADDRESS"] = env["DBUS_SESSION_BUS_ADDRESS"]
        self._choose_backend(until=time.monotonic() + 10)
        return self

    @staticmethod
    def _choose_backend(until: float) -> None:
        import keyring.core

        while True:
            _forget_usable_backends()
            keyring.core.init_backend()
            backend = keyring.get_keyring()
            names = [type(b).__module__ for b in getattr(backend, "backends", [backend])]
            if any("SecretService" in n for n in names) and KeyringDaemon._login_ready():
                return
            if time.monotonic() > until:
                raise RuntimeError(f"keyring did not find the test's Secret Service ({names})")
            time.sleep(0.1)

    @staticmethod
    def _login_ready() -> bool:
        """The daemon has made and unlocked its default collection. It does that a moment after it takes
        the password; a write before then makes keyring ask to create one, and with no one to answer the
        prompt it fails ("Prompt dismissed", seen once in CI on a loaded machine)."""
        import secretstorage
        from secretstorage.collection import get_collection_by_alias
        from secretstorage.exceptions import SecretStorageException

        try:
            with contextlib.closing(secretstorage.dbus_init()) as conn:
                return not get_collection_by_alias(conn, "default").is_locked()
        except SecretStorageException:
            return False

    def __exit__(self, *exc) -> None:
        import keyring

        for p in reversed(self._procs):
            stop_process(p, 5)
        if self._saved is None:
            os.environ.pop("DBUS_SESSION_BUS_ADDRESS", None)
        else:
            os.environ["DBUS_SESSION_BUS_ADDRESS"] = self._saved
        _forget_usable_backends()
        keyring.set_keyring(self._saved_backend)


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
