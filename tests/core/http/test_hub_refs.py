"""Every way a user names a hub repo, a file or a folder in it: classified and parsed as the hub's
own URLs mean them."""

from __future__ import annotations

import pytest

from modeldesk.core.base.errors import BadSourceError, ModelDeskError
from modeldesk.core.contracts.hub_refs import RepoRef
from modeldesk.core.http.hub import parse_repo_ref
from modeldesk.core.contracts.source_kind import SourceKind
from modeldesk.core.sources.adds import resolve_torrent_source
from modeldesk.core.sources.classify import classify
from modeldesk.core.contracts.models import Selection
from modeldesk.core.base.repo_ids import api_root
from modeldesk.core.contracts.selection import is_selected

HF = "https://huggingface.co"


@pytest.mark.parametrize("text,ref", [
    ("hf://acme/tts", RepoRef("acme/tts")),
    ("hf://acme/tts@v1.0", RepoRef("acme/tts", "v1.0")),
    ("hf://datasets/acme/speech@main", RepoRef("datasets/acme/speech")),
    (f"{HF}/acme/tts", RepoRef("acme/tts", "main", HF)),
    (f"{HF}/acme/tts/tree/v2", RepoRef("acme/tts", "v2", HF)),
    (f"{HF}/acme/tts/tree/main/onnx", RepoRef("acme/tts", "main", HF, "onnx/")),
    (f"{HF}/acme/tts/blob/main/config.json", RepoRef("acme/tts", "main", HF, "config.json")),
    (f"{HF}/acme/tts/resolve/abc/onnx/model%5B1%5D.onnx", RepoRef("acme/tts", "abc", HF, "onnx/model[[]1].onnx")),
    (f"{HF}/datasets/acme/speech/tree/main/clips", RepoRef("datasets/acme/speech", "main", HF, "clips/")),
    ("http://127.0.0.1:9/acme/tts/resolve/refs%2Fpr%2F1/a.bin", RepoRef("acme/tts", "refs/pr/1",
                                                                          "http://127.0.0.1:9", "a.bin")),
])
def test_hub_sources_parse(text, ref):
    assert classify(text).kind is SourceKind.HUB
    assert parse_repo_ref(text) == ref


def test_a_url_into_the_repo_narrows_the_selection_unless_the_user_chose():
    ref = parse_repo_ref(f"{HF}/acme/tts/tree/main/onnx")
    picked = ref.narrowed(Selection(exclude=("*.md",)))
    assert [p for p in ("onnx/a.onnx", "onnx/README.md", "onnxx/b", "config.json") if is_selected(p, picked)] == [
        "onnx/a.onnx"]
    assert ref.narrowed(Selection(include=("*.json",))) == Selection(include=("*.json",))


@pytest.mark.parametrize("text,words", [
    (f"{HF}/acme/tts/blob/main", "names no file"),
    (f"{HF}/acme/tts/blob/main/../../x", "outside"),
    (f"{HF}/spaces/acme/app", "Space"),
    ("hf://datasets/acme", "org/name"),
    ("hf://a/../b", "org/name"),
])
def test_bad_hub_sources_say_why(text, words):
    with pytest.raises(ModelDeskError, match=words):  # a path out of the repo is an UnsafePathError
        parse_repo_ref(text)


def test_plain_file_urls_and_github_pages_stay_plain():
    assert classify("https://example.org/models/tts.bin").kind is SourceKind.FILE
    assert classify("https://example.org/acme/tts").kind is SourceKind.FILE  # two segments on an unknown host


def test_a_bare_org_name_gets_the_hf_hint(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(BadSourceError, match="hf://acme/tts"):
        resolve_torrent_source("acme/tts")


def test_api_roots():
    assert api_root("acme/tts") == "/api/models/acme/tts"
    assert api_root("datasets/acme/speech") == "/api/datasets/acme/speech"
