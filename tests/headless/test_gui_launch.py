"""How the command line decides between the app and the headless commands."""

from __future__ import annotations

import subprocess
import sys

from modeldesk.cli import _is_gui_launch, _mistyped_command


def test_no_command_or_a_bare_source_opens_the_app():
    assert _is_gui_launch([])
    assert _is_gui_launch(["magnet:?xt=urn:btih:" + "a" * 40])
    assert _is_gui_launch(["model.torrent"])
    assert not _is_gui_launch(["get", "x"])
    assert not _is_gui_launch(["--help"])
    assert not _is_gui_launch(["list"])


def test_without_a_display_the_app_says_what_to_use_instead(md):
    env = {k: v for k, v in md.environ().items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    r = subprocess.run([sys.executable, "-m", "modeldesk"], env=env, capture_output=True, text=True, timeout=60,
                       stdin=subprocess.DEVNULL)
    assert r.returncode == 2
    assert "modeldesk get SOURCE --to DIR" in r.stderr
    assert "Traceback" not in r.stderr


def test_a_mistyped_command_is_named_not_opened_as_a_source(md, tmp_path):
    """`modeldesk lsit` used to open the app with "lsit" as a source."""
    for word, words in [("lsit", ["'lsit' is not a modeldesk command", "modeldesk list"]),
                        ("frobnicate", ["Commands: get, seed"])]:
        r = subprocess.run([sys.executable, "-m", "modeldesk", word], env=md.environ(), capture_output=True,
                           text=True, timeout=60, stdin=subprocess.DEVNULL, cwd=tmp_path)
        assert r.returncode == 2, r.stderr
        assert [line for line in r.stderr.splitlines() if line.strip()] == [r.stderr.strip()]
        assert all(w in r.stderr for w in words), r.stderr



def test_a_bare_word_that_names_a_file_here_is_still_a_source(tmp_path, monkeypatch):
    (tmp_path / "model").mkdir()
    monkeypatch.chdir(tmp_path)
    assert _mistyped_command("model") is None
    assert _mistyped_command("magnet:?xt=urn:btih:" + "a" * 40) is None
    assert _mistyped_command("lsit") is not None


def test_a_first_word_that_is_no_source_never_opens_the_app(tmp_path, monkeypatch):
    """A headless machine that runs `modeldesk Typo` must not start a listening session."""
    monkeypatch.chdir(tmp_path)
    for word in ("Typo", "some junk.bin", "12345", "get-it", "~"[:0] + "x y"):
        assert _mistyped_command(word) is not None, word
    for word in ("a" * 40, "B" * 64, "https://example.org/m.bin", "hf://acme/tts", "x.torrent", "~"):
        assert _mistyped_command(word) is None, word
