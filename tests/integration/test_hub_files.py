"""Picking and dropping files of a hub repo while its job is listed (the Files tab of an HTTP job),
through the manager against a local HF-compatible hub (tests/helpers/hub_server.py)."""

from __future__ import annotations

import json

import pytest

from modeldesk.core.contracts import events as ev
from modeldesk.core.sources.adds import HubAdd, restore_add
from modeldesk.core.contracts.details import NORMAL, SKIP
from modeldesk.core.base.errors import BadInputError
from modeldesk.core.http.hub import parse_repo_ref
from modeldesk.core.library.manifest import manifest_path
from modeldesk.core.contracts.models import Selection
from tests.core.torrent.test_engine import wait_for
from tests.helpers.hub_server import HubServer
from tests.helpers.manager import Running
from tests.helpers.swarm import write_random

pytestmark = pytest.mark.integration

MiB = 1024 * 1024


@pytest.fixture
def hub_root(tmp_path):
    root = tmp_path / "hub"
    repo = root / "acme" / "tiny-tts"
    write_random(repo / "model.safetensors", 3 * MiB + 7)
    write_random(repo / "samples" / "demo [22k].wav", 300 * 1024)
    (repo / "config.json").write_text('{"sample_rate": 22050}\n')
    return root


def finished(r: Running, job: str) -> None:
    wait_for(r.events, lambda e: isinstance(e, ev.JobFinished) and e.job_id == job, 30)


def test_files_of_a_hub_job_can_be_picked_and_dropped_while_it_is_listed(md, tmp_path, hub_root, monkeypatch):
    repo = hub_root / "acme" / "tiny-tts"
    proj = tmp_path / "proj"
    with HubServer(hub_root) as hub, Running(md) as r:
        monkeypatch.setenv("HF_ENDPOINT", hub.url)
        add = HubAdd(parse_repo_ref("hf://acme/tiny-tts"), str(proj), Selection(include=("config.json",)))
        job = r.m.add(add).result(30)
        finished(r, job)
        d = r.m.details(job).result(10)
        assert d.files_editable
        files = {f.path: f for f in d.files}
        assert sorted(files) == ["config.json", "model.safetensors", "samples/demo [22k].wav"]
        assert files["config.json"].priority == NORMAL and files["config.json"].done == files["config.json"].size
        assert files["model.safetensors"].priority == SKIP and not (proj / "model.safetensors").exists()

        # Pick two more (one with glob characters in its name): the finished job goes on and fetches them.
        r.m.set_file_priorities(job, {files["model.safetensors"].index: NORMAL,
                                      files["samples/demo [22k].wav"].index: NORMAL}).result(10)
        finished(r, job)
        assert (proj / "model.safetensors").read_bytes() == (repo / "model.safetensors").read_bytes()
        assert (proj / "samples" / "demo [22k].wav").read_bytes() == (repo / "samples" / "demo [22k].wav").read_bytes()
        listed = {f["path"] for f in json.loads(manifest_path(proj, "acme/tiny-tts").read_text())["files"]}
        assert listed == {"config.json", "model.safetensors", "samples/demo [22k].wav"}

        # Drop one: it stays on disk (nothing of the user's is deleted), the manifest no longer lists it.
        r.m.set_file_priorities(job, {files["config.json"].index: SKIP}).result(10)
        finished(r, job)
        listed = {f["path"] for f in json.loads(manifest_path(proj, "acme/tiny-tts").read_text())["files"]}
        assert listed == {"model.safetensors", "samples/demo [22k].wav"}
        assert (proj / "config.json").exists()
        with pytest.raises(BadInputError, match="at least one file"):
            every = {f.index: SKIP for f in r.m.details(job).result(10).files}
            r.m.set_file_priorities(job, every).result(10)
        entry = r.m.entry(job).result(5)

    # The library keeps the choice: a job restored at the next start (one not finished by then) fetches
    # the same files.
    assert sorted(entry.selection.include) == sorted(["model.safetensors", "samples/demo [[]22k].wav"])
    with HubServer(hub_root) as hub, Running(md) as r:
        monkeypatch.setenv("HF_ENDPOINT", hub.url)  # the hub is back on another port
        assert r.m.add(restore_add(entry, None)).result(30) == job
        finished(r, job)
        d = r.m.details(job).result(10)
    wanted = sorted(f.path for f in d.files if f.priority != SKIP)
    assert wanted == ["model.safetensors", "samples/demo [22k].wav"]


def test_a_file_picked_after_a_move_lands_in_the_new_folder(md, tmp_path, hub_root, monkeypatch):
    repo = hub_root / "acme" / "tiny-tts"
    old, new = tmp_path / "proj", tmp_path / "elsewhere"
    with HubServer(hub_root) as hub, Running(md) as r:
        monkeypatch.setenv("HF_ENDPOINT", hub.url)
        job = r.m.add(HubAdd(parse_repo_ref("hf://acme/tiny-tts"), str(old),
                             Selection(include=("config.json",)))).result(30)
        finished(r, job)
        assert r.m.move(job, str(new)).result(20) == str(new)
        files = {f.path: f for f in r.m.details(job).result(10).files}
        r.m.set_file_priorities(job, {files["model.safetensors"].index: NORMAL}).result(10)
        finished(r, job)
    assert (new / "model.safetensors").read_bytes() == (repo / "model.safetensors").read_bytes()
    assert (new / "config.json").exists() and not (old / "model.safetensors").exists()
