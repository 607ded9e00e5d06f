"""The menu entry `register-handler` writes is one the Desktop Entry spec accepts, also when the
install lives under a path with a space (a venv in "My Projects")."""

from __future__ import annotations

import subprocess

import pytest

from modeldesk.desktop_entry import desktop_text, exec_quote
from tests.helpers.tools import require_tool


@pytest.mark.parametrize("path,line", [
    ("/usr/bin/modeldesk", "Exec=/usr/bin/modeldesk %U"),
    ("/home/u/My Projects/.venv/bin/modeldesk", 'Exec="/home/u/My Projects/.venv/bin/modeldesk" %U'),
    ('/srv/a$b"c\\d%e f/modeldesk', 'Exec="/srv/a\\\\$b\\\\"c\\\\\\\\d%%e f/modeldesk" %U'),
])
def test_the_exec_line_is_quoted_the_spec_way_and_validates(tmp_path, path, line):
    validate = require_tool("desktop-file-validate")
    text = desktop_text(exec_quote(path))
    assert line in text.splitlines()
    entry = tmp_path / "io.github.modeldesk.ModelDesk.desktop"
    entry.write_text(text)
    r = subprocess.run([validate, str(entry)], capture_output=True, text=True)
    assert r.returncode == 0 and "error" not in r.stdout.lower(), r.stdout + r.stderr
