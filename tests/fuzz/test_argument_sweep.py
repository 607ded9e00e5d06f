"""Every path argument and the state folder, as a careless user or a broken script gives them: bytes
that are not UTF-8, absurdly long paths, `~nouser`, an empty path, a MODELDESK_HOME that is a file.
Each ends in one sentence on stderr and exit 2, never a traceback, and nothing is created."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

LONG = "/tmp/" + "d" * 300 + "/" + "x" * 5000

# (command words before the path, the path's place): every command that takes a path from the user.
PATH_COMMANDS = [
    ("get", "hf://acme/tts", "--to", "{p}"),
    ("get", "hf://acme/tts", "--to", "/tmp/x", "--hub-cache", "{p}"),
    ("seed", "{p}", "--from", "/tmp"),
    ("publish", "{p}"),
    ("publish", "/tmp", "--out", "{p}"),
    ("lock", "{p}"),
    ("sync", "{p}"),
    ("import", "{p}", "--source", "hf://acme/tts"),
    ("verify", "{p}"),
    ("mirrors", "project", "{p}"),
]


def _run(args, env, cwd):
    return subprocess.run([sys.executable, "-m", "modeldesk", *args], env=env, capture_output=True, timeout=60,
                          stdin=subprocess.DEVNULL, cwd=cwd)


def _one_sentence(r, warnings: int = 0) -> str:
    """The error's one line (after at most `warnings` lines of warning), never a traceback."""
    err = r.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err
    lines = [line for line in err.splitlines() if line.strip()]
    assert 1 <= len(lines) <= 1 + warnings and all(line.startswith("modeldesk: ") for line in lines), err
    return lines[-1]


@pytest.mark.parametrize("words", PATH_COMMANDS, ids=lambda w: " ".join(w[:2]))
@pytest.mark.parametrize("path", [b"/tmp/caf\xff", LONG.encode(), b"~nosuchuser-md/x", b""],
                         ids=["non-utf8", "long", "nouser", "empty"])
def test_a_bad_path_argument_gets_one_sentence(md, tmp_path, words, path):
    args = [w.encode() if w != "{p}" else path for w in words]
    before = sorted(os.listdir(tmp_path))
    r = _run(args, md.environ(), tmp_path)
    line = _one_sentence(r)
    assert r.returncode == 2, line
    assert sorted(os.listdir(tmp_path)) == before, "something was created for a refused path"


@pytest.mark.parametrize("arg", [b"magnet:?xt=urn:btih:" + b"a" * 40 + b"&dn=\xff", b"hf://org/name@\xff"])
def test_a_source_that_is_not_utf8_gets_one_sentence(md, tmp_path, arg):
    r = _run([b"get", arg, b"--to", str(tmp_path / "p").encode()], md.environ(), tmp_path)
    assert r.returncode == 2 and "not valid UTF-8" in _one_sentence(r)


@pytest.mark.parametrize("where", ["a file", "below a file", "not utf-8"])
def test_a_home_that_cannot_be_used_gets_one_sentence(md, tmp_path, where):
    (tmp_path / "f").write_text("x")
    home = {"a file": str(tmp_path / "f"), "below a file": str(tmp_path / "f" / "home"),
            "not utf-8": os.fsdecode(str(tmp_path).encode() + b"/h\xff")}[where]
    env = {**md.environ(), "MODELDESK_HOME": home}
    for args in (["lock", str(tmp_path)], ["get", "hf://acme/tts", "--to", str(tmp_path / "p")],
                 ["publish", str(tmp_path)], ["gc"]):
        r = subprocess.run([sys.executable, "-m", "modeldesk", *args], env=env, capture_output=True, timeout=60,
                           stdin=subprocess.DEVNULL, cwd=tmp_path)
        line = _one_sentence(r, warnings=1)  # (the settings file that cannot be read, first)
        assert r.returncode in (2, 4) and "MODELDESK_HOME" in line, (args, line)


def test_a_lock_nested_thousands_deep_gets_one_sentence(md, tmp_path):
    (tmp_path / "modeldesk.lock").write_text("version = 1\nx = " + "[" * 3000 + "]" * 3000 + "\n")
    (tmp_path / "modeldesk.toml").write_text("x = " + "[" * 3000 + "]" * 3000 + "\n")
    for args in (["sync", str(tmp_path)], ["sync", "--check", str(tmp_path)],
                 ["get", "hf://acme/tts", "--to", str(tmp_path / "m")]):
        r = _run(args, md.environ(), tmp_path)
        assert r.returncode == 2, _one_sentence(r)
        assert "deep" in _one_sentence(r)


def test_empty_or_wrong_arguments_that_once_did_something_odd(md, tmp_path):
    r = _run(["mirrors", "probe", ""], md.environ(), tmp_path)
    assert r.returncode == 2 and "Name what to probe" in _one_sentence(r)
    (tmp_path / "notes.txt").write_text("my notes")
    (tmp_path / "m").mkdir()
    (tmp_path / "m" / "w.bin").write_bytes(b"w" * 1000)
    r = _run(["publish", str(tmp_path / "m"), "--out", str(tmp_path / "notes.txt"), "--no-seed"], md.environ(),
             tmp_path)
    assert r.returncode == 2 and "is not a .torrent" in _one_sentence(r)
    assert (tmp_path / "notes.txt").read_text() == "my notes"
    r = _run(["get", "hf://acme/tts", "--to", ""], md.environ(), tmp_path)
    assert r.returncode == 2 and "empty path" in _one_sentence(r)


def test_a_lock_with_a_garbage_magnet_beside_a_valid_repo_is_refused_in_words(md, tmp_path):
    """The swarm of such a lock was skipped without a word; the lock is now read as broken, naming the model."""
    (tmp_path / "modeldesk.lock").write_text(
        'version = 1\n[[model]]\npath = "m"\nname = "acme/tts"\nrepo = "acme/tts"\ncommit = "' + "a" * 40 + '"\n'
        'magnet = "magnet:?xt=urn:btih:nothash&dn=x"\n[[model.file]]\npath = "w.bin"\nsize = 1\nsha256 = "'
        + "0" * 64 + '"\n')
    r = _run(["sync", "--check", str(tmp_path)], md.environ(), tmp_path)
    assert r.returncode == 2 and "magnet of 'acme/tts' is not a magnet link with an info-hash" in _one_sentence(r)
