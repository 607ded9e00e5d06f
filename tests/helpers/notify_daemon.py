"""A real notification service for tests: a private D-Bus session bus with dunst (which owns
org.freedesktop.Notifications) drawing on a virtual X display. `history()` reads back what it was shown
through `dunstctl history`, so a test sees exactly what a user's desktop would have been sent."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.helpers.foreign import stop_process
from tests.helpers.tools import require_tool
from tests.helpers.xsession import XSession, wait_until

DUNSTRC = """[global]
    notification_limit = 0
    idle_threshold = 0
[urgency_normal]
    timeout = 0
"""  # nothing times out of the display while a test runs; history keeps every closed one anyway


class NotifyDaemon:
    def __init__(self, xs: XSession, work: Path):
        self._procs: list[subprocess.Popen] = []
        self._dunstctl = require_tool("dunstctl")
        bus_exe, dunst = require_tool("dbus-daemon"), require_tool("dunst")
        work.mkdir(parents=True, exist_ok=True)
        (work / "dunstrc").write_text(DUNSTRC)
        env = {**xs.env, "HOME": str(work), "XDG_CONFIG_HOME": str(work / "config")}
        env.pop("DBUS_SESSION_BUS_ADDRESS", None)
        bus = subprocess.Popen([bus_exe, "--session", "--nofork", "--nopidfile", "--print-address=1"],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
        self._procs.append(bus)
        self.address = bus.stdout.readline().strip()
        self.env = {**env, "DBUS_SESSION_BUS_ADDRESS": self.address}
        self._procs.append(subprocess.Popen([dunst, "-config", str(work / "dunstrc")], env=self.env,
                                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        wait_until(self._running, 10, "dunst on the private bus")

    def _running(self) -> bool:
        r = subprocess.run([self._dunstctl, "is-paused"], env=self.env, capture_output=True, text=True, timeout=10)
        return r.returncode == 0 and r.stdout.strip() in ("true", "false")

    def shown(self) -> list[dict]:
        """Every notification so far, oldest first: {appname, summary, body, category, urgency, icon_path}."""
        subprocess.run([self._dunstctl, "close-all"], env=self.env, capture_output=True, timeout=10)
        r = subprocess.run([self._dunstctl, "history"], env=self.env, capture_output=True, text=True, timeout=10)
        entries = json.loads(r.stdout)["data"][0] if r.returncode == 0 and r.stdout.strip() else []
        out = [{k: v.get("data") for k, v in e.items()} for e in entries]
        return sorted(out, key=lambda e: e.get("id", 0))

    def close(self) -> None:
        for p in reversed(self._procs):
            stop_process(p, 5)

    def __enter__(self) -> NotifyDaemon:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

