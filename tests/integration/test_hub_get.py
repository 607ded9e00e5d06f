"""`modeldesk get hf://…` against local HF-compatible hubs (tests/helpers/hub_server.py)."""

from __future__ import annotations

import json

import pytest

from modeldesk.core.base.constants import HTTP_CONNECTIONS

from tests.helpers.hub_server import HubServer
from tests.helpers.swarm import write_random

pytestmark = pytest.mark.integration

FILES = ["model.safetensors", "samples/demo.wav", "config.json", "README.md"]


@pytest.fixture
def hub_root(tmp_path):
    root = tmp_path / "hub"
    repo = root / "acme" / "tiny-tts"
    write_random(repo / "model.safetensors", 6 * 1024 * 1024 + 7)
    write_random(repo / "samples" / "demo.wav", 300 * 1024)
    (repo / "config.json").write_text('{"sample_rate": 22050}\n')
    (repo / "README.md").write_text("# tiny-tts\n")
    return root


def test_hf_repo_lands_like_hf_download_local_dir(md, tmp_path, hub_root):
    repo = hub_root / "acme" / "tiny-tts"
    out = tmp_path / "projects" / "tts" / "models"
    with HubServer(hub_root, tags={"v1.0"}) as hub:
        r = md.run("get", "hf://acme/tiny-tts@v1.0", "--mirror", hub.url, "--to", str(out), "--json")
        commit = hub.commit("acme/tiny-tts")
        assert hub.cdn.gets() > 0, "LFS files come from the CDN the hub redirects to"
    assert r.code == 0, r.stderr
    for rel in FILES:
        assert (out / rel).read_bytes() == (repo / rel).read_bytes(), rel
    assert not [p for p in out.rglob("*") if p.name.endswith((".mdpart", ".map"))]
    manifest = json.loads((out / ".modeldesk" / "manifest-acme--tiny-tts.json").read_text())
    assert manifest["source"]["commit"] == commit and manifest["source"]["revision"] == "v1.0"
    by_path = {f["path"]: f for f in manifest["files"]}
    assert len(by_path["model.safetensors"]["sha256"]) == 64 and "git_sha1" in by_path["config.json"]
    row = json.loads(md.run("list", "--json").stdout)[0]
    assert row["kind"] == "http" and row["source"] == f"hf://acme/tiny-tts@{commit}" and row["state"] == "finished"
    assert row["commit"] == commit  # what names the bytes, as info_hash for a torrent and sha256 for a URL
    v = md.run("verify", str(out))
    assert v.code == 0 and "4 files checked: all good" in v.stdout


def test_a_mirror_without_the_repo_first_still_brings_every_subfolder(md, tmp_path, hub_root):
    """The first mirror answers 404; the second was asked for its tree without recursive=true, so only the
    top-level files came down and the job said "complete and verified"."""
    (tmp_path / "empty").mkdir()
    out = tmp_path / "proj"
    with HubServer(tmp_path / "empty") as lacking, HubServer(hub_root) as hub:
        r = md.run("get", "hf://acme/tiny-tts", "--mirror", lacking.url, "--mirror", hub.url, "--to", str(out),
                   "--json")
        assert any("/tree/" in p for p in lacking.requests), "the first mirror was not asked first"
    assert r.code == 0, r.stderr
    for rel in FILES:
        assert (out / rel).read_bytes() == (hub_root / "acme" / "tiny-tts" / rel).read_bytes(), rel


def test_selection_and_url_form(md, tmp_path, hub_root):
    out = tmp_path / "proj"
    with HubServer(hub_root) as hub:
        r = md.run("get", f"{hub.url}/acme/tiny-tts/tree/main", "--exclude", "*.wav", "--to", str(out))
    assert r.code == 0, r.stderr
    assert (out / "model.safetensors").exists() and not (out / "samples").exists()


def test_verify_names_missing_and_corrupt_files(md, tmp_path, hub_root):
    out = tmp_path / "proj"
    with HubServer(hub_root) as hub:
        assert md.run("get", "hf://acme/tiny-tts", "--mirror", hub.url, "--to", str(out)).code == 0
    (out / "config.json").unlink()
    data = bytearray((out / "model.safetensors").read_bytes())
    data[12345] ^= 1  # one flipped bit: the "noise from one corrupt byte" failure
    (out / "model.safetensors").write_bytes(bytes(data))
    v = md.run("verify", str(out))
    assert v.code == 5
    assert "missing: config.json" in v.stdout and "corrupt: model.safetensors" in v.stdout
    # The same get repairs it: only the broken files are fetched again.
    with HubServer(hub_root) as hub:
        assert md.run("get", "hf://acme/tiny-tts", "--mirror", hub.url, "--to", str(out)).code == 0
    assert md.run("verify", str(out)).code == 0


def test_a_mirror_whose_cdn_flips_bytes_is_outvoted(md, tmp_path, hub_root):
    repo = hub_root / "acme" / "tiny-tts"
    out = tmp_path / "proj"
    with HubServer(hub_root, cdn_mode="flip") as bad, HubServer(hub_root) as good:
        r = md.run("get", "hf://acme/tiny-tts", "--mirror", bad.url, "--mirror", good.url, "--to", str(out))
        assert bad.cdn.gets() > 0
    assert r.code == 0, r.stderr
    assert (out / "model.safetensors").read_bytes() == (repo / "model.safetensors").read_bytes()


@pytest.mark.parametrize("source,words", [
    ("hf://acme/missing", ["not found"]),
    ("hf://acme/tiny-tts@nope", ["no revision 'nope'"]),
    ("hf://not-a-repo", ["org/name"]),
])
def test_hub_errors_are_one_clear_line(md, tmp_path, hub_root, source, words):
    with HubServer(hub_root) as hub:
        r = md.run("get", source, "--mirror", hub.url, "--to", str(tmp_path / "p"))
    assert r.code == 2, (r.stdout, r.stderr)
    assert "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1
    for w in words:
        assert w in r.stderr


def test_gated_repo_says_what_to_do(md, tmp_path, hub_root):
    with HubServer(hub_root, gated={"acme/tiny-tts": "s3cret"}) as hub:
        r = md.run("get", "hf://acme/tiny-tts", "--mirror", hub.url, "--to", str(tmp_path / "p"))
    assert r.code == 2
    assert "gated" in r.stderr and "accept its licence" in r.stderr and "s3cret" not in r.stderr


def test_gated_behind_a_mirror_that_lacks_the_repo_is_still_gated(md, tmp_path, hub_root):
    """The first mirror has no such repo, the second has it gated: the user hears "gated: set a token for
    the second", not "not found on the first" (the first answer used to win)."""
    (tmp_path / "empty").mkdir()
    with HubServer(tmp_path / "empty") as lacking, HubServer(hub_root, gated={"acme/tiny-tts": "s3cret"}) as hub:
        r = md.run("get", "hf://acme/tiny-tts", "--mirror", lacking.url, "--mirror", hub.url, "--to",
                   str(tmp_path / "p"))
    assert r.code == 2, r.stderr
    assert f"gated or private on {hub.url}" in r.stderr and "set a token" in r.stderr, r.stderr


def test_small_files_come_side_by_side_within_the_connection_limit(md, tmp_path):
    """Seven small files, each answered after 1 s: fetched several at once, yet never more than
    --connections requests to the hub at a time."""
    root = tmp_path / "hub"
    repo = root / "acme" / "many-configs"
    repo.mkdir(parents=True)
    for i in range(7):
        (repo / f"part{i}.json").write_text(f'{{"part": {i}}}\n' * 50)
    out = tmp_path / "proj"
    with HubServer(root, resolve_delay=1.0) as hub:
        r = md.run("get", "hf://acme/many-configs", "--mirror", hub.url, "--connections", "3", "--to", str(out))
        most = hub.max_resolving
    assert r.code == 0, r.stderr
    for i in range(7):
        assert (out / f"part{i}.json").read_bytes() == (repo / f"part{i}.json").read_bytes()
    assert most == 3, f"{most} requests in flight at most; expected the 3 connections all busy, never more"


@pytest.mark.timing  # 16 files must be under way within one 0.2 s answer: start-up latency under load counts
def test_many_small_files_use_the_whole_connection_budget(md, tmp_path):
    """Forty small files, each answered after 0.2 s, with the default budget (16 connections per mirror):
    sixteen files in flight, not a fixed four, and no pause between one file and the next."""
    root = tmp_path / "hub"
    repo = root / "acme" / "many-small"
    for i in range(40):
        write_random(repo / f"shard{i % 4}" / f"f{i:03d}.json", 8 * 1024, seed=i)
    out = tmp_path / "proj"
    with HubServer(root, resolve_delay=0.2) as hub:
        r = md.run("get", "hf://acme/many-small", "--mirror", hub.url, "--to", str(out), "--json")
        most = hub.max_resolving
    assert r.code == 0, r.stderr
    assert sorted(p.relative_to(out) for p in out.glob("shard*/*.json")) == \
        sorted(p.relative_to(repo) for p in repo.rglob("*.json"))
    assert most == HTTP_CONNECTIONS == 16, f"{most} files in flight at most; expected the 16 connections all busy"


def test_xet_file_a_mirror_cannot_serve(md, tmp_path, hub_root):
    """A file the hub stores with Xet, on a mirror that passes on plain LFS files only: alone it is a
    clear message; with a second mirror that serves it, the job falls back there and completes."""
    repo = hub_root / "acme" / "tiny-tts"
    xet = frozenset({"model.safetensors"})
    with HubServer(hub_root, xet=xet, serves_xet=False) as lfs_only:
        r = md.run("get", "hf://acme/tiny-tts", "--mirror", lfs_only.url, "--to", str(tmp_path / "a"))
    assert r.code == 2, (r.stdout, r.stderr)
    assert "Traceback" not in r.stderr
    assert "model.safetensors" in r.stderr and "Xet" in r.stderr and "--exclude" in r.stderr
    out = tmp_path / "b"
    with HubServer(hub_root, xet=xet, serves_xet=False) as lfs_only, HubServer(hub_root, xet=xet) as full:
        r = md.run("get", "hf://acme/tiny-tts", "--mirror", lfs_only.url, "--mirror", full.url, "--to", str(out))
    assert r.code == 0, r.stderr
    assert (out / "model.safetensors").read_bytes() == (repo / "model.safetensors").read_bytes()
