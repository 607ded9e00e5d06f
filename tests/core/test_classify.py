"""One classifier for every source text: its kind, what counts as a source in a drop or on the
clipboard, and paths made absolute for a hand-over."""

from __future__ import annotations

import base64
import os

import pytest

from modeldesk.core.contracts.source_kind import SourceKind
from modeldesk.core.sources.classify import absolute_sources, classify, hub_hosts, is_source

HEX = "8d2de96a95c9dfe5bef5b17575e3728a9694bff8"
B32 = base64.b32encode(bytes.fromhex(HEX)).decode()


@pytest.mark.parametrize("text,kind", [
    (f"magnet:?xt=urn:btih:{HEX}", SourceKind.MAGNET),
    (f"MAGNET:?xt=urn:btih:{HEX}", SourceKind.MAGNET),
    (HEX, SourceKind.INFO_HASH),
    (B32, SourceKind.INFO_HASH),
    ("ab" * 32, SourceKind.INFO_HASH),
    ("m.torrent", SourceKind.TORRENT),
    ("~/x/m.torrent", SourceKind.TORRENT),
    ("https://example.org/m.TORRENT?x=1", SourceKind.TORRENT),
    ("hf://acme/tts@main", SourceKind.HUB),
    ("ms://acme/tts@master", SourceKind.HUB),
    ("modelscope://acme/tts", SourceKind.HUB),
    ("https://modelscope.cn/models/acme/tts/files", SourceKind.HUB),
    ("https://huggingface.co/acme/tts", SourceKind.HUB),
    ("https://example.org/acme/tts/resolve/main/w.bin", SourceKind.HUB),  # a repo URL on any host
    ("https://example.org/acme/tts", SourceKind.FILE),  # two segments on a host not known as a hub
    ("https://example.org/w.bin", SourceKind.FILE),
])
def test_each_text_has_one_kind(text, kind):
    assert classify(f"  {text}\n").kind is kind
    assert classify(text).text == text


def test_a_mirror_named_by_the_user_makes_its_org_name_urls_hub_repos(monkeypatch):
    monkeypatch.delenv("HF_ENDPOINT", raising=False)
    assert classify("http://10.0.0.5:8080/acme/tts").kind is SourceKind.FILE
    assert classify("http://10.0.0.5:8080/acme/tts", hub_hosts(["http://10.0.0.5:8080"])).kind is SourceKind.HUB
    monkeypatch.setenv("HF_ENDPOINT", "http://10.0.0.5:8080/")
    assert classify("http://10.0.0.5:8080/acme/tts").kind is SourceKind.HUB


def test_a_modelscope_mirror_in_the_settings_makes_its_urls_modelscope_repos(monkeypatch):
    from modeldesk.core.config.settings import HttpSettings
    from modeldesk.core.sources.classify import hub_of

    monkeypatch.delenv("MODELSCOPE_ENDPOINT", raising=False)
    url = "http://10.0.0.7:8080/models/acme/tts/file/view/master/config.json"
    http = HttpSettings(ms_mirrors=("http://10.0.0.7:8080",))
    assert classify(url).kind is SourceKind.FILE
    assert classify(url, hub_hosts((), http)).kind is SourceKind.HUB
    assert hub_of(url, hub_hosts((), http)) == "ms"
    as_hf = hub_hosts((), HttpSettings(hub_mirrors=("http://10.0.0.7:8080",)))
    assert hub_of(url, as_hf) == "hf", "a Hugging Face mirror's host is not a ModelScope one"
    assert http.hub_mirrors_of("ms") == (True, ("http://10.0.0.7:8080",)) and http.hub_mirrors_of("hf") == (True, ())


def test_kinds_are_the_values_the_library_stores():
    assert [k.value for k in SourceKind] == ["magnet", "infohash", "torrent", "hf", "url"]
    assert [k for k in SourceKind if k.is_torrent] == [SourceKind.MAGNET, SourceKind.INFO_HASH, SourceKind.TORRENT]


def test_a_32_letter_file_name_is_a_file_not_an_info_hash(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / B32).write_bytes(b"d4:infoi1ee")
    assert classify(B32).kind is SourceKind.TORRENT


@pytest.mark.parametrize("text,expected", [
    (HEX, True), (B32, True), ("magnet:?xt=urn:btih:", True), ("hf://a/b", True), ("http://[::1", True),
    ("ms://a/b", True), ("modelscope://a/b", True), ("https://www.modelscope.cn/models/a/b", True),
    ("https://x.org/w.bin", True), ("/data/m.torrent", True),
    ("hello world", False), ("acme/tts", False), ("notes.txt", False), ("", False),
])
def test_what_a_drop_or_the_clipboard_may_carry(text, expected):
    assert is_source(text) is expected


def test_paths_are_made_absolute_and_links_are_not(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "m.torrent").write_bytes(b"x")
    links = [f"magnet:?xt=urn:btih:{HEX}", HEX, "hf://acme/tts", "ms://acme/tts", "https://x.org/m.torrent",
             "missing.torrent"]
    assert absolute_sources(["m.torrent", *links]) == [os.path.join(str(tmp_path), "m.torrent"), *links]
