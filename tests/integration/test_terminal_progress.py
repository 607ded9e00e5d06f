"""The progress display in a real terminal 80 columns wide (tmux): one row per job, redrawn in place,
no row left behind by an earlier redraw and none cut short by wrapping."""

from __future__ import annotations

import re
import subprocess
import sys
import time

import pytest

from tests.helpers.nginx import Nginx
from tests.helpers.swarm import write_random
from tests.helpers.tools import require_tool

pytestmark = pytest.mark.integration
MiB = 1024 * 1024


def _pane(tmux: list[str]) -> list[str]:
    shown = subprocess.run([*tmux, "capture-pane", "-p", "-t", "md"], capture_output=True, text=True, check=True)
    return [row.rstrip() for row in shown.stdout.splitlines() if row.strip()]


def test_progress_fits_an_80_column_terminal_and_redraws_in_place(md, tmp_path):
    tmux = [require_tool("tmux"), "-L", f"md-{tmp_path.name}", "-f", "/dev/null"]
    www = tmp_path / "www"
    write_random(www / "weights-with-a-rather-long-name-for-a-narrow-terminal.safetensors", 8 * MiB)
    with Nginx(www, tmp_path / "ngx", location="limit_rate 256k;") as web:
        url = f"{web.url}/weights-with-a-rather-long-name-for-a-narrow-terminal.safetensors"
        command = f"{sys.executable} -m modeldesk get {url} --to {tmp_path / 'p'} --no-seed -x 2; sleep 60"
        subprocess.run([*tmux, "new-session", "-d", "-s", "md", "-x", "80", "-y", "24", command], check=True,
                       env=md.environ())
        try:
            seen = []
            for _ in range(3):
                time.sleep(2.5)
                seen.append(_pane(tmux))
        finally:
            subprocess.run([*tmux, "kill-server"], capture_output=True)
    progress = [[row for row in rows if re.search(r"\d+(\.\d)?%", row)] for rows in seen]
    assert all(len(rows) == 1 for rows in progress), seen  # one job, one row: no stale or wrapped rows
    assert len({rows[0] for rows in progress}) > 1, "the row was redrawn as the download went on"
    assert all(len(row) <= 80 for rows in seen for row in rows)
    assert "weights-with" in progress[-1][0]
