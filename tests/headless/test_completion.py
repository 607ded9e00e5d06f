"""`modeldesk completion bash` completes our commands, flags and folders in a real bash."""

from __future__ import annotations

import subprocess
import sys


def complete(words: list[str], tmp_path) -> list[str]:
    script = subprocess.run([sys.executable, "-m", "modeldesk", "completion", "bash"], capture_output=True,
                            text=True, check=True).stdout
    (tmp_path / "c.bash").write_text(script)
    line = " ".join(words)
    probe = (f"source {tmp_path / 'c.bash'}; COMP_WORDS=({line}); COMP_CWORD={len(words) - 1}; "
             f"COMP_LINE='{line}'; COMP_POINT=${{#COMP_LINE}}; _shtab_modeldesk; printf '%s\\n' \"${{COMPREPLY[@]}}\"")
    out = subprocess.run(["bash", "-c", probe], capture_output=True, text=True, cwd=tmp_path, check=True).stdout
    return [w for w in out.splitlines() if w]


def test_commands_flags_and_folders_complete(tmp_path):
    (tmp_path / "models").mkdir()
    assert complete(["modeldesk", "sy"], tmp_path) == ["sync"]
    assert complete(["modeldesk", "get", "--loc"], tmp_path) == ["--local-dir"]
    assert "--dry-run" in complete(["modeldesk", "get", "--"], tmp_path)
    assert [w.rstrip("/") for w in complete(["modeldesk", "get", "--to", "mo"], tmp_path)] == ["models"]


def test_zsh_and_tcsh_scripts_are_made():
    for shell, marker in (("zsh", "#compdef modeldesk"), ("tcsh", "complete modeldesk")):
        out = subprocess.run([sys.executable, "-m", "modeldesk", "completion", shell], capture_output=True,
                             text=True, check=True).stdout
        assert marker in out, shell
