"""A ModelScope model in a swarm, as a Hugging Face one: `publish` of a folder `get ms://` filled makes the
torrent of that commit naming its ModelScope repo; a machine with no peer completes it from ModelScope's
own /models/…/resolve/ URLs as web seeds, checked against ModelScope's listing; and `get ms://` of that repo
is that torrent where the library knows it."""

from __future__ import annotations

import libtorrent as lt
import pytest

from tests.helpers.cli import MdHome
from tests.helpers.ms_hub import MsHubServer
from tests.helpers.swarm import make_model, sha

pytestmark = pytest.mark.integration

MiB = 1024 * 1024
SIZES = {"model.safetensors": 3 * MiB + 5, "config.json": 321}


def test_a_published_modelscope_model_names_its_hub_and_its_mirrors_serve_it(md, tmp_path):
    repo = tmp_path / "ms" / "acme" / "tts"
    make_model(repo.parent, "tts", sizes=SIZES)
    t = tmp_path / "tts.torrent"
    with MsHubServer(tmp_path / "ms") as ms:
        commit = ms.commit("acme/tts")
        got = md.run("get", "ms://acme/tts", "--mirror", ms.url, "--to", str(tmp_path / "a"), "--no-seed")
        assert got.code == 0, got.stderr
        pub = md.run("publish", str(tmp_path / "a"), "--out", str(t), "--json", "--no-seed")
        assert pub.code == 0, pub.stderr
        decoded = lt.bdecode(t.read_bytes())

        other = MdHome(tmp_path / "home2")  # another machine: no peer, ModelScope alone serves the pieces
        other.configure()
        before = len(ms.requests)
        fresh = other.run("get", str(t), "--mirror", ms.url, "--to", str(tmp_path / "c"), "--no-seed", "--json",
                          "--timeout", "60")
        asked = ms.requests[before:]

        joined = md.run("get", "ms://acme/tts", "--mirror", ms.url, "--to", str(tmp_path / "b"), "--json",
                        "--no-seed", "--timeout", "60")
    meta = decoded[b"modeldesk"]
    assert (meta[b"repo"], meta[b"commit"], meta[b"hub"]) == (b"acme/tts", commit.encode(), b"ms")
    assert decoded[b"info"][b"name"] == commit.encode()
    assert fresh.code == 0, fresh.stderr
    for rel in SIZES:
        assert sha(tmp_path / "c" / rel) == sha(repo / rel), rel
    assert any(f"/models/acme/tts/resolve/{commit}/model.safetensors" in a for a in asked), asked[:5]
    assert any(f"/api/v1/models/acme/tts/repo/files?Revision={commit}" in a for a in asked), \
        "the finished files were checked against ModelScope's listing of the commit"
    assert joined.code == 0, joined.stderr
    jobs = {(e["jobs"][0] if "jobs" in e else e)["job_id"] for e in joined.events if e.get("event") == "progress"}
    assert jobs and not any(j.startswith("ms-") for j in jobs), f"not the library's torrent: {jobs}"
    for rel in SIZES:
        assert sha(tmp_path / "b" / rel) == sha(repo / rel), rel
