"""Every way a user names a ModelScope repo, a file or a folder in it: classified as a hub repo and
parsed as ModelScope's own URLs mean them; its answers read as the official client reads them."""

from __future__ import annotations

import pytest

from modeldesk.core.base.errors import AccessDeniedError, BadSourceError, UnsafePathError
from modeldesk.core.contracts.hub_refs import RepoRef
from modeldesk.core.contracts.source_kind import SourceKind
from modeldesk.core.http.hub import parse_repo_ref
from modeldesk.core.http.hub_api import api_of
from modeldesk.core.http.hub_plan import hub_endpoints, hub_job_id
from modeldesk.core.http.ms_api import MS, commit_of, files_of_listing
from modeldesk.core.sources.classify import classify, is_source

MS_CN = "https://modelscope.cn"
WWW = "https://www.modelscope.cn"


def ms(repo_id, revision="master", endpoint=None, within=""):
    return RepoRef(repo_id, revision, endpoint, within, hub="ms")


@pytest.mark.parametrize("text,ref", [
    ("ms://zai-org/GLM-TTS", ms("zai-org/GLM-TTS")),
    ("ms://zai-org/GLM-TTS@v1.0", ms("zai-org/GLM-TTS", "v1.0")),
    ("modelscope://OpenBMB/VoxCPM-0.5B", ms("OpenBMB/VoxCPM-0.5B")),
    ("ms://datasets/acme/speech@master", ms("datasets/acme/speech")),
    (f"{MS_CN}/models/Qwen/Qwen3-0.6B", ms("Qwen/Qwen3-0.6B", "master", MS_CN)),
    (f"{WWW}/models/Qwen/Qwen3-0.6B/files", ms("Qwen/Qwen3-0.6B", "master", WWW)),
    (f"{WWW}/models/Qwen/Qwen3-0.6B/summary", ms("Qwen/Qwen3-0.6B", "master", WWW)),
    (f"{WWW}/models/Qwen/Qwen3-0.6B/file/view/master/config.json", ms("Qwen/Qwen3-0.6B", "master", WWW, "config.json")),
    (f"{WWW}/models/Qwen/Qwen3-0.6B/tree/v2/onnx", ms("Qwen/Qwen3-0.6B", "v2", WWW, "onnx/")),
    (f"{WWW}/models/Qwen/Qwen3-0.6B/resolve/master/a%5B1%5D.bin", ms("Qwen/Qwen3-0.6B", "master", WWW, "a[[]1].bin")),
    ("https://modelscope.ai/datasets/acme/speech", ms("datasets/acme/speech", "master", "https://modelscope.ai")),
])
def test_modelscope_sources_parse(text, ref):
    assert classify(text).kind is SourceKind.HUB
    assert is_source(text), "a drop, the clipboard and a second launch take it too"
    assert parse_repo_ref(text) == ref
    assert str(parse_repo_ref(text)).startswith("ms://")


def test_a_lab_modelscope_endpoint_is_a_modelscope_host(monkeypatch):
    monkeypatch.setenv("MODELSCOPE_ENDPOINT", "http://10.0.0.5:8080/")
    assert parse_repo_ref("http://10.0.0.5:8080/models/acme/tts") == ms("acme/tts", "master", "http://10.0.0.5:8080")
    assert hub_endpoints(ms("acme/tts"), (), True) == ["http://10.0.0.5:8080"]  # stands in for the official one


def test_endpoints_and_job_ids_are_the_hubs_own(monkeypatch):
    monkeypatch.delenv("MODELSCOPE_ENDPOINT", raising=False)
    monkeypatch.setenv("MODELSCOPE_DOMAIN", "mirror.example")
    assert hub_endpoints(ms("acme/tts"), (), True) == ["https://mirror.example"]
    monkeypatch.delenv("MODELSCOPE_DOMAIN")
    assert hub_endpoints(ms("acme/tts"), (), True) == ["https://modelscope.cn"]
    assert hub_endpoints(RepoRef("acme/tts"), (), True) == ["https://huggingface.co"]
    # a mirror on another hub's host is not asked for this one's repos (sync --mirror gives one to every model)
    assert hub_endpoints(ms("acme/tts"), ("https://hf-mirror.com", "http://lab:1"), False) == ["http://lab:1"]
    assert hub_endpoints(RepoRef("acme/tts"), ("https://modelscope.cn", "http://lab:1"), False) == ["http://lab:1"]
    from pathlib import Path

    assert hub_job_id("acme/tts", Path("/p"), "ms") != hub_job_id("acme/tts", Path("/p"))
    assert hub_job_id("acme/tts", Path("/p")).startswith("hf-")


@pytest.mark.parametrize("text", ["ms://acme", "ms://a/b/c", "ms://../x", f"{WWW}/models/acme/tts/file/view/master",
                                  f"{WWW}/models/acme/tts/nonsense/x"])
def test_malformed_modelscope_sources_are_refused_in_a_sentence(text):
    with pytest.raises(BadSourceError):
        parse_repo_ref(text)


def test_file_urls_are_the_official_clients():
    assert MS.file_url("http://h", "acme/tts", "c" * 40, "onnx/a b.bin") == \
        f"http://h/api/v1/models/acme/tts/repo?Revision={'c' * 40}&FilePath=onnx%2Fa%20b.bin"
    assert api_of(ms("datasets/acme/x")).listing_request(ms("datasets/acme/x"), "c")[0] == \
        "/api/v1/datasets/acme/x/repo/tree"


def test_answers_read_as_the_official_client_reads_them():
    answer = {"Code": 200, "Data": {"RevisionMap": {"Branches": [{"Revision": "master", "CommitId": "a" * 40}],
                                                    "Tags": [{"Revision": "v1", "CommitId": "b" * 40}]}}}
    assert commit_of(answer, ms("x/y")) == "a" * 40
    assert commit_of(answer, ms("x/y", "v1")) == "b" * 40
    with pytest.raises(BadSourceError, match="no branch or tag v9"):
        commit_of(answer, ms("x/y", "v9"))
    top = {"Data": {"Files": [{"Path": "a", "Type": "blob", "Revision": "c" * 40},
                              {"Path": "d", "Type": "tree", "Revision": "c" * 40}]}}
    assert commit_of(top, ms("x/y")) == "c" * 40  # the listing at a branch names its commit
    with pytest.raises(BadSourceError, match="no commit"):
        commit_of({"Data": {"Files": [{"Revision": "c" * 40}, {"Revision": "d" * 40}]}}, ms("x/y"))
    listing = [{"Data": {"Files": [
        {"Path": "onnx", "Type": "tree", "Size": 0},
        {"Path": "onnx/model.onnx", "Type": "blob", "Size": 5, "Sha256": "AB" * 32},
        {"Path": "README.md", "Type": "blob", "Size": 3, "Sha256": ""}]}}]
    files = files_of_listing(listing, "x/y")
    assert [(f.path, f.size, f.sha256) for f in files] == [("onnx/model.onnx", 5, "ab" * 32), ("README.md", 3, None)]
    with pytest.raises(UnsafePathError):
        files_of_listing([{"Data": {"Files": [{"Path": "../x", "Type": "blob", "Size": 1}]}}], "x/y")
    with pytest.raises(AccessDeniedError, match="token set --host http://h:8"):
        MS.check_answer({"Success": False, "Message": "login required"}, ms("x/y"), "http://h:8")
    with pytest.raises(AccessDeniedError, match="token set --host modelscope.cn`"):
        MS.check_status(401, ms("x/y"), "https://modelscope.cn")
    MS.check_status(404, ms("x/y"), "https://modelscope.cn")  # a missing repo: http/status.py says so
    MS.check_answer({"Success": True, "Data": {}}, ms("x/y"), "http://h")
