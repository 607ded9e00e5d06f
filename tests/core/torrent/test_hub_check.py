"""The check of a finished torrent against the hub commit it names (core/torrent/hub_check.py): real
files and real digests; the listing function is the only stand-in (the integration test in
test_hybrid.py runs the whole path against the local hub)."""

from __future__ import annotations

import hashlib
import threading

from modeldesk.core.base.errors import NetworkError, VerificationError
from modeldesk.core.contracts.hub_refs import HubKey
from modeldesk.core.torrent import hub_check

C = "0123456789abcdef0123456789abcdef01234567"


def _blob(data: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def _files(tmp_path, **contents: bytes):
    out = []
    for name, data in contents.items():
        (tmp_path / name).write_bytes(data)
        out.append((name, tmp_path / name))
    return out


def test_files_that_match_pass_and_each_kind_of_difference_is_named(tmp_path):
    weights, config = b"w" * 5000, b'{"a": 1}'
    files = _files(tmp_path, weights=weights, config=config)
    good = {"weights": (5000, hashlib.sha256(weights).hexdigest(), "pointer-blob-id"),
            "config": (len(config), None, _blob(config))}
    assert hub_check.disagreement(good, files) is None
    assert hub_check.disagreement({**good, "weights": (5000, "0" * 64, "x")}, files) == ("weights", "sha256")
    assert hub_check.disagreement({**good, "config": (len(config), None, "0" * 40)}, files) == ("config", "blob")
    assert hub_check.disagreement({**good, "weights": (4999, None, "x")}, files) == ("weights", "size")
    assert hub_check.disagreement({"config": good["config"]}, files) == ("weights", "missing")


def test_the_verdict_names_the_file_and_the_commit(tmp_path):
    files = _files(tmp_path, config=b"mine")
    listed = {"config": (4, None, _blob(b"hers"))}
    verdict = hub_check.check(lambda *_: listed, HubKey("acme/tts", C), ("http://h",), files)
    assert isinstance(verdict, VerificationError)
    text = str(verdict)
    assert "config in this torrent is not the file at acme/tts@0123456789ab: its git blob id differs" in text
    assert "disagree" in text and "incomplete names" in text


def test_no_hub_answering_does_not_hold_verified_files_back(tmp_path, caplog):
    def unreachable(key, endpoints):
        assert (key, endpoints) == (("acme/tts", C, "hf"), ("http://127.0.0.1:9",))
        raise NetworkError("No hub endpoint answered")

    files = _files(tmp_path, config=b"x")
    assert hub_check.check(unreachable, HubKey("acme/tts", C), ("http://127.0.0.1:9",), files) is None
    assert "not checked against the hub" in caplog.text


def test_a_file_gone_before_the_check_fails_it_in_words(tmp_path):
    got: list = []
    done = threading.Event()
    files = [("config", tmp_path / "gone")]
    hub_check.start(lambda: hub_check.check(lambda *_: {"config": (1, None, "x")}, HubKey("acme/tts", C), (), files),
                    lambda verdict: (got.append(verdict), done.set()), name="test-hub-check")
    assert done.wait(10)
    assert isinstance(got[0], VerificationError) and "could not be read" in str(got[0])


def test_a_lock_pins_the_files_without_any_hub(tmp_path):
    files = _files(tmp_path, weights=b"other content")
    pinned = {"weights": (len(b"other content"), hashlib.sha256(b"the locked content").hexdigest(), "")}
    verdict = hub_check.check_pinned(pinned, files)
    assert isinstance(verdict, VerificationError)
    assert "weights in this torrent is not the file the project's lock pins: its sha256 is not the locked sha256" \
        in str(verdict)
    pinned["weights"] = (len(b"other content"), hashlib.sha256(b"other content").hexdigest(), "")
    assert hub_check.check_pinned(pinned, files) is None
