"""A virtual X display with a real tray host (Xvfb + trayer), and the app running on it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time

from tests.helpers.cli import MdHome
from tests.helpers.foreign import stop_process
from tests.helpers.tools import require_tool


def wait_until(check, timeout: float, what: str, interval: float = 0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(interval)
    raise TimeoutError(f"timed out waiting for {what}")


class XSession:
    def __init__(self, tray: bool = True):
        xvfb = require_tool("Xvfb")
        r, w = os.pipe()
        self._procs: list[subprocess.Popen] = []
        self.xvfb = subprocess.Popen([xvfb, "-displayfd", str(w), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                                     pass_fds=(w,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(w)
        with os.fdopen(r) as f:
            self.display = ":" + f.readline().strip()
        self._procs.append(self.xvfb)
        self.env = {**os.environ, "DISPLAY": self.display, "QT_QPA_PLATFORM": "xcb"}
        self.env.pop("WAYLAND_DISPLAY", None)
        if tray:
            try:
                self._start_tray_host()
            except BaseException:
                self.close()  # no Xvfb or trayer left behind by a session that never came up
                raise

    def _start_tray_host(self) -> None:
        """trayer, up to twice: beside 7 other test workers its panel twice never showed in 30 s (the
        tray host's start-up, not the app's). What it said goes into the error."""
        problem = self._try_tray_host()
        if problem:
            print(f"{problem}; starting it again", file=sys.stderr)
            problem = self._try_tray_host()
        if problem:
            raise RuntimeError(f"{problem} (the second time)")

    def _try_tray_host(self) -> str:
        """"" when trayer's panel is up, else what went wrong and what trayer said."""
        with tempfile.TemporaryFile() as log:
            proc = subprocess.Popen(
                [require_tool("trayer"), "--edge", "top", "--align", "right", "--widthtype", "request",
                 "--height", "24", "--transparent", "false"], env=self.env, stdout=log, stderr=log)
            self._procs.append(proc)
            try:
                wait_until(lambda: "panel" in self.tree().lower() or proc.poll() is not None, 30, "trayer's panel")
                if proc.poll() is None:
                    return ""
                problem = f"trayer exited with {proc.returncode}"
            except TimeoutError:
                problem = "trayer's panel did not show in 30 s"
            stop_process(proc, 5)
            log.seek(0)
            return f"{problem} on {self.display}; it said {log.read().decode(errors='replace')[-500:]!r}"

    def tree(self) -> str:
        return subprocess.run([require_tool("xwininfo"), "-root", "-tree"], env=self.env, capture_output=True,
                              text=True).stdout

    def xdotool(self, *args: str) -> str:
        r = subprocess.run([require_tool("xdotool"), *args], env=self.env, capture_output=True, text=True, timeout=20)
        return r.stdout.strip()

    def close(self) -> None:
        for p in reversed(self._procs):
            stop_process(p, 5)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class App:
    """`python -m modeldesk` (or the given command) on the X session, with a ModelDesk home of its own."""

    def __init__(self, xs: XSession, md: MdHome, *args: str, command: list[str] | None = None):
        self.md, self.xs = md, xs
        self.log = md.root / "state" / "modeldesk.log"
        argv = command if command is not None else [sys.executable, "-m", "modeldesk", *args]
        self.proc = subprocess.Popen(argv, env={**md.environ(), **xs.env},
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                     stdin=subprocess.DEVNULL)
        self.wait_log("started", 30)

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8") if self.log.exists() else ""

    def wait_log(self, pattern: str, timeout: float) -> re.Match:
        def found():
            if self.proc.poll() is not None:
                raise AssertionError(f"the app exited ({self.proc.returncode}):\n{self.proc.stdout.read()}")
            return re.search(pattern, self.log_text())

        return wait_until(found, timeout, f"{pattern!r} in the app's log")

    def port(self) -> int:
        return int(self.wait_log(r"listening on [\d.]+:(\d+)", 20).group(1))

    def window_id(self) -> str:
        return wait_until(lambda: self.xs.xdotool("search", "--onlyvisible", "--name", "^ModelDesk$").split(),
                          20, "the main window")[0]

    def stop(self, timeout: float = 20) -> int:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        return self.proc.returncode

