"""`get` of a hub repo places what the library already holds, by sha256, instead of fetching it again:
the same repo in a second project, or another repo that ships the same bytes (a real local hub)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.helpers.cli import MdHome, ok
from tests.helpers.hub_server import HubServer
from tests.helpers.swarm import HUB_SIZES, make_model, sha

pytestmark = pytest.mark.integration

MiB = 1024 * 1024
SIZES = HUB_SIZES



def _resolved(hub: HubServer) -> list[str]:
    return sorted({p.split("/resolve/", 1)[1].split("/", 1)[1] for p in hub.requests if "/resolve/" in p})


def _placed(r) -> list[dict]:
    return [e for e in r.events if e["event"] == "placed"]


def _get(md: MdHome, hub: HubServer, repo: str, dest: Path, *extra: str):
    return ok(md.run("get", f"hf://{repo}", "--mirror", hub.url, "--to", str(dest), "--no-seed", "--json", *extra))


def test_a_second_project_and_a_second_repo_get_placed_files_not_downloads(md, tmp_path):
    repo = make_model(tmp_path / "hub" / "acme", "tts", sizes=SIZES)
    # A fine-tune that changed its config only: same weights and vocabulary bytes.
    twin = tmp_path / "hub" / "acme" / "tts-chat"
    shutil.copytree(repo, twin, ignore=shutil.ignore_patterns(".git"))
    (twin / "config.json").write_text('{"chat": true}')
    with HubServer(tmp_path / "hub") as hub:
        a = tmp_path / "a" / "tts"
        _get(md, hub, "acme/tts", a)
        assert _resolved(hub) == sorted(SIZES)

        hub.requests.clear()
        b = tmp_path / "b" / "tts"
        r = _get(md, hub, "acme/tts", b)
        # The LFS files (sha256 known from the listing) are placed; the small git file is fetched.
        assert _resolved(hub) == ["config.json"]
        placed = {Path(e["path"]).relative_to(b).as_posix(): e for e in _placed(r)}
        assert sorted(placed) == ["model.safetensors", "tokenizer/vocab.txt"]
        for rel, e in placed.items():
            assert Path(e["source"]) == a / rel
            assert e["mode"] in ("reflink", "hardlink")
            if e["mode"] == "hardlink":
                assert (b / rel).stat().st_ino == (a / rel).stat().st_ino
                assert not (b / rel).stat().st_mode & 0o222  # read-only: an edit cannot reach project a
        assert r.last("finished")["unverified"] == []

        hub.requests.clear()
        c = tmp_path / "c" / "chat"
        r = _get(md, hub, "acme/tts-chat", c, "--link-mode", "copy")
        assert _resolved(hub) == ["config.json"]
        modes = {Path(e["path"]).name: e["mode"] for e in _placed(r)}
        assert modes == {"model.safetensors": "copy", "vocab.txt": "copy"}
        assert (c / "model.safetensors").stat().st_ino != (a / "model.safetensors").stat().st_ino
    for folder, source in ((a, repo), (b, repo), (c, twin)):
        for rel in SIZES:
            assert sha(folder / rel) == sha(source / rel), (folder, rel)
        assert ok(md.run("verify", str(folder))).code == 0
    listed = json.loads(ok(md.run("list", "--json")).stdout)
    assert sorted(Path(row["project_dir"]).name for row in listed) == ["chat", "tts", "tts"]


def test_a_library_copy_changed_since_is_not_placed(md, tmp_path):
    """The index trusts a file only while its stat is unchanged; one edited in place is fetched around."""
    repo = make_model(tmp_path / "hub" / "acme", "tts", sizes=SIZES)
    with HubServer(tmp_path / "hub") as hub:
        a = tmp_path / "a"
        _get(md, hub, "acme/tts", a)
        weight = a / "model.safetensors"
        with open(weight, "r+b") as f:  # a training script wrote into the library's copy
            f.seek(MiB)
            f.write(b"\0" * 16)
        hub.requests.clear()
        b = tmp_path / "b"
        r = _get(md, hub, "acme/tts", b)
        assert _resolved(hub) == ["config.json", "model.safetensors"]
        assert [Path(e["path"]).name for e in _placed(r)] == ["vocab.txt"]
    assert sha(b / "model.safetensors") == sha(repo / "model.safetensors")
