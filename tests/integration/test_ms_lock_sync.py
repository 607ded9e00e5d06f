"""A ModelScope repo in a project's lock: `lock` records its hub, `sync` on another machine fetches it
from ModelScope (never from a Hugging Face mirror), `sync --check` re-hashes it."""

from __future__ import annotations

import shutil
import tomllib

import pytest

from tests.helpers.cli import MdHome, ok
from tests.helpers.hub_server import HubServer
from tests.helpers.ms_hub import MsHubServer
from tests.helpers.swarm import HUB_SIZES, make_model, sha

pytestmark = pytest.mark.integration


def test_a_locked_modelscope_repo_syncs_from_modelscope(md, tmp_path):
    repo = make_model(tmp_path / "ms" / "acme", "tts", sizes=HUB_SIZES)
    make_model(tmp_path / "hf" / "acme", "tts", sizes={"decoy.bin": 10})  # the same repo id on a Hugging Face mirror
    project = tmp_path / "a"
    with MsHubServer(tmp_path / "ms") as ms, HubServer(tmp_path / "hf") as hf:
        ok(md.run("get", "ms://acme/tts", "--mirror", ms.url, "--to", str(project / "models" / "tts"), "--json"))
        ok(md.run("lock", str(project), "--json"))
        (model,) = tomllib.loads((project / "modeldesk.lock").read_text())["model"]
        assert (model["repo"], model["hub"], model["commit"]) == ("acme/tts", "ms", ms.commit("acme/tts"))
        other = MdHome(tmp_path / "home2")
        other.configure()
        b = tmp_path / "b"
        b.mkdir()
        shutil.copy(project / "modeldesk.lock", b / "modeldesk.lock")
        # A mirror given to sync is tried for every hub model (a local one no hub claims): a lock that forgot
        # its hub would take the decoy repo from it; the ModelScope model asks it in ModelScope's protocol only.
        ok(other.run("sync", str(b), "--mirror", hf.url, "--json"))
        assert not [p for p in hf.requests if "/api/models/" in p or "/resolve/" in p], hf.requests
    for rel in HUB_SIZES:
        assert sha(b / "models" / "tts" / rel) == sha(repo / rel)
    assert ok(other.run("sync", "--check", str(b), "--json")).last("checked")["clean"]
    v = other.run("verify", str(b / "models" / "tts"))
    assert v.code == 0, v.stdout + v.stderr
