"""`modeldesk get ms://…` against the local ModelScope hub (tests/helpers/ms_hub.py, which the official
client accepts: test_ms_protocol.py): every source form, the commit pinned, sha256 checked, gated repos
with and without the token, and a flipped byte refused with nothing under its final name."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.ms_hub import MsHubServer
from tests.helpers.swarm import write_random

pytestmark = pytest.mark.integration

FILES = ["model.safetensors", "onnx/encoder.onnx", "config.json"]


@pytest.fixture
def ms_root(tmp_path):
    root = tmp_path / "ms"
    repo = root / "acme" / "tiny-tts"
    write_random(repo / "model.safetensors", 3 * 1024 * 1024 + 5)
    write_random(repo / "onnx" / "encoder.onnx", 200 * 1024)
    (repo / "config.json").write_text('{"arch": "tts"}\n')
    return root


def test_a_modelscope_repo_lands_whole_and_verified(md, tmp_path, ms_root):
    repo, out = ms_root / "acme" / "tiny-tts", tmp_path / "proj" / "models"
    with MsHubServer(ms_root) as hub:
        r = md.run("get", "ms://acme/tiny-tts", "--mirror", hub.url, "--to", str(out), "--json")
        commit = hub.commit("acme/tiny-tts")
        asked = list(hub.requests)
    assert r.code == 0, r.stderr
    for rel in FILES:
        assert (out / rel).read_bytes() == (repo / rel).read_bytes(), rel
    assert any(f"Revision={commit}&FilePath=" in a for a in asked), "files are fetched at the pinned commit"
    manifest = json.loads((out / ".modeldesk" / "manifest-acme--tiny-tts.json").read_text())
    assert manifest["source"]["kind"] == "ms" and manifest["source"]["commit"] == commit
    assert all(len(f["sha256"]) == 64 for f in manifest["files"])
    assert not (out / ".cache" / "huggingface").exists(), "no Hugging Face metadata for a ModelScope repo"
    row = json.loads(md.run("list", "--json").stdout)[0]
    assert row["source"] == f"ms://acme/tiny-tts@{commit}" and row["state"] == "finished"
    v = md.run("verify", str(out))
    assert v.code == 0 and "3 files checked: all good" in v.stdout


@pytest.mark.parametrize("form", ["ms://acme/tiny-tts", "modelscope://acme/tiny-tts", "{url}/models/acme/tiny-tts",
                                  "{url}/models/acme/tiny-tts/file/view/master/config.json"])
def test_every_source_form_reaches_the_endpoint_the_environment_names(md, tmp_path, ms_root, form):
    out = tmp_path / "p"
    with MsHubServer(ms_root) as hub:
        md.env["MODELSCOPE_ENDPOINT"] = hub.url
        r = md.run("get", form.format(url=hub.url), "--to", str(out))
    assert r.code == 0, r.stderr
    got = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file() and ".modeldesk" not in p.parts)
    assert got == (["config.json"] if form.endswith("config.json") else sorted(FILES))


def test_a_gated_repo_needs_its_token_and_the_token_goes_nowhere_else(md, tmp_path, ms_root):
    out = tmp_path / "p"
    with MsHubServer(ms_root, gated={"acme/tiny-tts": "ms-secret-token"}) as hub, MsHubServer(ms_root) as other:
        denied = md.run("get", "ms://acme/tiny-tts", "--mirror", hub.url, "--to", str(out))
        md.env["MODELSCOPE_ENDPOINT"] = hub.url
        md.env["MODELSCOPE_API_TOKEN"] = "ms-secret-token"
        allowed = md.run("get", "ms://acme/tiny-tts", "--mirror", other.url, "--to", str(out))
        elsewhere = [a for _, a in other.auth_seen]
    assert denied.code == 2 and f"token set --host {hub.url}" in denied.stderr, denied.stderr
    assert "ms-secret-token" not in denied.stderr + allowed.stderr + allowed.stdout
    assert allowed.code == 0, allowed.stderr
    assert elsewhere == [], "the token went to a host it was not given for"


def test_a_flipped_byte_is_refused_and_nothing_gets_its_final_name(md, tmp_path, ms_root):
    out = tmp_path / "p"
    with MsHubServer(ms_root, mode="flip") as hub:
        r = md.run("get", "ms://acme/tiny-tts", "--mirror", hub.url, "--to", str(out), "--include", "model.*")
    assert r.code != 0
    assert "sha256" in r.stderr.lower(), r.stderr
    assert not (out / "model.safetensors").exists()


def test_ms_cache_places_the_repo_where_the_official_client_finds_it_offline(md, tmp_path, ms_root):
    from tests.integration.test_ms_protocol import SDK

    out, cache = tmp_path / "p", tmp_path / "ms-cache"
    with MsHubServer(ms_root) as hub:
        r = md.run("get", "ms://acme/tiny-tts", "--mirror", hub.url, "--to", str(out), "--ms-cache", str(cache),
                   "--json")
    assert r.code == 0, r.stderr
    assert '"hub_cache"' in r.stdout, r.stdout
    assert (out / "model.safetensors").stat().st_ino == next(cache.rglob("model.safetensors")).stat().st_ino, \
        "placed by hard link (or reflink), no second copy"
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path / "home"), "MODELSCOPE_CACHE": str(cache),
           "HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9", "NO_PROXY": "127.0.0.1"}
    found = subprocess.run([sys.executable, "-c", SDK, json.dumps({"model_id": "acme/tiny-tts",
                                                                   "local_files_only": True})],
                           env=env, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    result = json.loads(found.stdout.strip().splitlines()[-1])
    assert "ok" in result, (result, found.stderr[-800:])
    snapshot = Path(result["ok"])
    for rel in FILES:
        assert (snapshot / rel).read_bytes() == (ms_root / "acme" / "tiny-tts" / rel).read_bytes(), rel


def test_ms_cache_and_hub_cache_each_go_with_their_hub(md, tmp_path):
    r = md.run("get", "ms://acme/tiny-tts", "--to", str(tmp_path / "p"), "--hub-cache")
    assert r.code == 2 and "--hub-cache goes with hub repos on Hugging Face" in r.stderr, r.stderr


def test_a_modelscope_download_killed_midway_resumes_where_it_stopped(md, tmp_path):
    """kill -9 halfway through a ModelScope repo (its files handed to a throttled nginx, as modelscope.cn
    hands them to its storage): the same command again fetches only what is missing."""
    from tests.helpers.cli import read_events
    from tests.helpers.nginx import Nginx

    repo = tmp_path / "ms" / "acme" / "big"
    write_random(repo / "model.safetensors", 12 * 1024 * 1024)
    (repo / "config.json").write_text("{}\n")
    out = tmp_path / "p"
    with MsHubServer(tmp_path / "ms") as hub, Nginx(tmp_path / "ms", tmp_path / "nginx",
                                                    location="limit_rate 1m;") as files:
        hub.files_base = files.url
        # Two connections at 1 MB/s each: half the file takes seconds, so the finished ranges (saved each
        # second) are on disk before the kill; at 16 connections it could all come before the first save.
        args = ("get", "ms://acme/big", "--mirror", hub.url, "--to", str(out), "--json", "-x", "2")
        proc = md.popen(*args)
        for e in read_events(proc):
            if e.get("event") == "progress" and e.get("progress", 0) > 0.5:
                break
        proc.kill()
        proc.wait(10)
        first = files.settled_bytes_served()  # the killed run's requests are logged as nginx sees them end
        r = md.run(*args)
        second = files.bytes_served() - first
    assert r.code == 0, r.stderr
    assert (out / "model.safetensors").read_bytes() == (repo / "model.safetensors").read_bytes()
    assert second < 0.8 * 12 * 1024 * 1024, f"fetched {second} bytes again of 12 MiB"


def test_a_modelscope_mirror_in_the_settings_serves_ms_repos_and_its_urls_only(md, tmp_path, ms_root):
    """Settings → Mirrors → ModelScope mirrors: ms:// repos and URLs on that host are fetched there (no
    --mirror, no MODELSCOPE_ENDPOINT); a Hugging Face repo never asks it."""
    from tests.helpers.hub_server import HubServer

    settings_file = md.root / "config" / "settings.json"
    with MsHubServer(ms_root) as ms, HubServer(ms_root) as hf:
        settings = json.loads(settings_file.read_text())
        settings["http"].update(ms_mirrors=[ms.url], hub_mirrors=[hf.url])
        settings_file.write_text(json.dumps(settings))
        whole = md.run("get", "ms://acme/tiny-tts", "--to", str(tmp_path / "a"))
        one = md.run("get", f"{ms.url}/models/acme/tiny-tts/file/view/master/config.json", "--to", str(tmp_path / "b"))
        asked_ms = len(ms.requests)
        hf_repo = md.run("get", "hf://acme/tiny-tts", "--to", str(tmp_path / "c"))
        hf_asked_ms = ms.requests[asked_ms:]
    assert whole.code == 0, whole.stderr
    weights = (ms_root / "acme" / "tiny-tts" / "model.safetensors").read_bytes()
    assert (tmp_path / "a" / "model.safetensors").read_bytes() == weights
    assert one.code == 0, one.stderr
    got = [p.name for p in (tmp_path / "b").rglob("*") if p.is_file() and ".modeldesk" not in p.parts]
    assert got == ["config.json"], got
    assert hf_repo.code == 0, hf_repo.stderr
    assert hf_asked_ms == [], "a Hugging Face repo asked the ModelScope mirror"


def test_a_dataset_whose_listing_comes_in_pages_lands_whole(md, tmp_path):
    """ModelScope lists a dataset's tree 200 entries a page: every page is asked, every file fetched."""
    ds = tmp_path / "ms" / "datasets" / "acme" / "speech"
    (ds / "clips").mkdir(parents=True)
    for i in range(230):
        (ds / "clips" / f"{i:03}.txt").write_text(f"clip {i}\n")
    write_random(ds / "train.parquet", 64 * 1024)
    out = tmp_path / "p"
    with MsHubServer(tmp_path / "ms") as hub:
        r = md.run("get", "ms://datasets/acme/speech", "--mirror", hub.url, "--to", str(out), "--no-seed")
        pages = hub.pages_served
    assert r.code == 0, r.stderr
    got = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file() and ".modeldesk" not in p.parts)
    assert got == sorted(p.relative_to(ds).as_posix() for p in ds.rglob("*") if p.is_file())
    assert pages == 2, pages


def test_a_folder_the_modelscope_sdk_filled_is_imported_as_the_modelscope_repo(md, tmp_path, ms_root):
    """`import --source ms://…` checks a folder the official client filled against ModelScope's listing and
    records it as that ModelScope repo (not a Hugging Face one of the same name)."""
    from tests.integration.test_ms_protocol import sdk_download

    with MsHubServer(ms_root) as hub:
        got = sdk_download(hub, tmp_path, "acme/tiny-tts")
        assert "ok" in got, got
        folder = Path(got["ok"])
        r = md.run("import", str(folder), "--source", "ms://acme/tiny-tts", "--mirror", hub.url, "--json")
        commit = hub.commit("acme/tiny-tts")
    assert r.code == 0, r.stderr
    manifest = json.loads((folder / ".modeldesk" / "manifest-acme--tiny-tts.json").read_text())
    assert manifest["source"]["kind"] == "ms" and manifest["source"]["commit"] == commit
    row = json.loads(md.run("list", "--json").stdout)[0]
    assert row["source"] == f"ms://acme/tiny-tts@{commit}" and row["job_id"].startswith("ms-")
