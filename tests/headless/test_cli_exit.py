"""The console script's quick exit: it skips the interpreter's module teardown, but never what an
exit must still do (exit hooks, buffered output, a thread still working) and keeps the exit code."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

SCRIPT = textwrap.dedent("""
    import atexit, logging, sys, threading, time
    from pathlib import Path
    import modeldesk.cli as cli
    out = Path(sys.argv[1])
    def fake_main():
        handler = logging.FileHandler(out / "log.txt")
        logging.getLogger("t").addHandler(handler)
        logging.getLogger("t").warning("last words")  # buffered in the handler's stream until closed
        atexit.register(lambda: (out / "hook.txt").write_text("ran"))
        sys.stdout.write("no newline, still buffered")
        if sys.argv[2] == "thread":
            def late():
                time.sleep(0.3)
                (out / "thread.txt").write_text("done")
            threading.Thread(target=late).start()
        return int(sys.argv[3])
    cli.main = fake_main
    cli.run()
""")


def _run(tmp_path: Path, mode: str, code: int) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path), mode, str(code)], capture_output=True,
                          text=True, timeout=60, stdin=subprocess.DEVNULL)


def test_the_quick_exit_keeps_the_code_the_hooks_and_the_output(tmp_path):
    r = _run(tmp_path, "plain", 3)
    assert r.returncode == 3
    assert r.stdout == "no newline, still buffered"
    assert (tmp_path / "hook.txt").read_text() == "ran"
    assert "last words" in (tmp_path / "log.txt").read_text()


def test_a_thread_still_working_is_waited_for(tmp_path):
    r = _run(tmp_path, "thread", 0)
    assert r.returncode == 0
    assert (tmp_path / "thread.txt").read_text() == "done", "the exit must not cut a working thread off"
    assert (tmp_path / "hook.txt").read_text() == "ran"
