"""`modeldesk lock` and `modeldesk sync` on real parts: a local HF-compatible hub, two libraries, files
placed by hard link (or reflink) instead of fetched, earlier versions kept so going back costs nothing."""

from __future__ import annotations

import os
import shutil
import tomllib
from pathlib import Path

import pytest

from tests.helpers.cli import MdHome, ok
from tests.helpers.hub_server import HubServer
from tests.helpers.swarm import HUB_SIZES, make_model, sha, write_random

pytestmark = pytest.mark.integration

MiB = 1024 * 1024
SIZES = HUB_SIZES



def _hub_repo(tmp_path: Path) -> Path:
    return make_model(tmp_path / "hub" / "acme", "tts", sizes=SIZES)


def _get_and_lock(md: MdHome, hub: HubServer, project: Path) -> str:
    ok(md.run("get", "hf://acme/tts", "--mirror", hub.url, "--to", str(project / "models" / "tts"), "--no-seed",
               "--json"))
    ok(md.run("lock", str(project), "--json"))
    return (project / "modeldesk.lock").read_text()


def _resolved(hub: HubServer) -> list[str]:
    return [p.split("/resolve/", 1)[1].split("/", 1)[1] for p in hub.requests if "/resolve/" in p]


def test_lock_then_sync_elsewhere_then_check_catches_a_flipped_byte(md, tmp_path):
    repo = _hub_repo(tmp_path)
    with HubServer(tmp_path / "hub") as hub:
        text = _get_and_lock(md, hub, tmp_path / "a")
        lock = tomllib.loads(text)
        assert lock["version"] == 1
        (model,) = lock["model"]
        assert (model["path"], model["repo"], model["commit"]) == ("models/tts", "acme/tts", hub.commit("acme/tts"))
        assert model["mirrors"] == [hub.url]
        assert [(f["path"], f["size"], f["sha256"]) for f in model["file"]] == \
            [(rel, SIZES[rel], sha(repo / rel)) for rel in sorted(SIZES)]
        # Another machine: a fresh library, the lock from version control, the project otherwise empty.
        other = MdHome(tmp_path / "home2")
        other.configure()
        b = tmp_path / "b"
        b.mkdir()
        shutil.copy(tmp_path / "a" / "modeldesk.lock", b / "modeldesk.lock")
        ok(other.run("sync", str(b), "--json"))
    for rel in SIZES:
        assert sha(b / "models" / "tts" / rel) == sha(repo / rel)
    assert ok(other.run("sync", "--check", str(b), "--json")).last("checked")["clean"]
    assert ok(other.run("verify", str(b / "models" / "tts")))
    # One byte of a weight flipped, its file time kept: --check re-reads and names it (exit 5).
    w = b / "models" / "tts" / "model.safetensors"
    st = w.stat()
    with open(w, "r+b") as f:
        f.seek(MiB)
        byte = f.read(1)
        f.seek(MiB)
        f.write(bytes([byte[0] ^ 0xFF]))
    os.utime(w, ns=(st.st_atime_ns, st.st_mtime_ns))
    r = other.run("sync", "--check", str(b), "--json")
    assert r.code == 5, r.stdout + r.stderr
    assert r.last("checked")["differs"] == ["models/tts/model.safetensors"]


def test_sync_places_what_the_library_holds_with_the_hub_stopped(md, tmp_path):
    repo = _hub_repo(tmp_path)
    with HubServer(tmp_path / "hub") as hub:
        _get_and_lock(md, hub, tmp_path / "a")
    for name, mode in (("c", "auto"), ("d", "copy")):
        project = tmp_path / name
        project.mkdir()
        shutil.copy(tmp_path / "a" / "modeldesk.lock", project)
        r = ok(md.run("sync", str(project), "--link-mode", mode, "--json"))
        placed = r.last("synced")["placed"]
        assert sorted(placed) == sorted(f"models/tts/{rel}" for rel in SIZES)
        for rel in SIZES:
            here, there = project / "models" / "tts" / rel, tmp_path / "a" / "models" / "tts" / rel
            assert sha(here) == sha(repo / rel)
            same_inode = here.stat().st_ino == there.stat().st_ino
            if mode == "copy":
                assert placed[f"models/tts/{rel}"] == "copy" and not same_inode
            else:  # a reflink where the file system clones, else the same inode, read-only
                assert placed[f"models/tts/{rel}"] in ("reflink", "hardlink")
                if placed[f"models/tts/{rel}"] == "hardlink":
                    assert same_inode and not here.stat().st_mode & 0o222
    # A project removed takes its links with it (which changes the shared inode's ctime): the library's
    # copy is read again, found unchanged, and still placed.
    shutil.rmtree(tmp_path / "c")
    shutil.rmtree(tmp_path / "d")  # (its copies would serve otherwise)
    e = tmp_path / "e"
    e.mkdir()
    shutil.copy(tmp_path / "a" / "modeldesk.lock", e)
    assert sorted(ok(md.run("sync", str(e), "--json")).last("synced")["placed"]) == \
        sorted(f"models/tts/{rel}" for rel in SIZES)


def test_a_new_revision_fetches_the_changed_file_only_and_going_back_fetches_nothing(md, tmp_path):
    repo = _hub_repo(tmp_path)
    project = tmp_path / "a"
    with HubServer(tmp_path / "hub") as hub:
        old_lock = _get_and_lock(md, hub, project)
        old_commit = hub.commit("acme/tts")
    # Upstream changes one shard: the new lock is written on another machine (another library).
    write_random(repo / "model.safetensors", SIZES["model.safetensors"], seed=99)
    other = MdHome(tmp_path / "home2")
    other.configure()
    with HubServer(tmp_path / "hub") as hub2:
        new_lock = _get_and_lock(other, hub2, tmp_path / "elsewhere")
        assert hub2.commit("acme/tts") != old_commit
        hub2.requests.clear()
        (project / "modeldesk.lock").write_text(new_lock)
        r = ok(md.run("sync", str(project), "--json"))
        assert set(_resolved(hub2)) == {"model.safetensors"}  # (several ranged requests)
    assert sha(project / "models" / "tts" / "model.safetensors") == sha(repo / "model.safetensors")
    assert r.last("synced")["clean"]
    # Back to the old lock with no hub at all: the earlier shard was kept, so it is placed, not fetched.
    (project / "modeldesk.lock").write_text(old_lock)
    r = ok(md.run("sync", str(project), "--json"))
    assert list(r.last("synced")["placed"]) == ["models/tts/model.safetensors"]
    assert ok(md.run("sync", "--check", str(project))).code == 0
    # gc frees the newer shard, which the lock in force no longer names; the project stays whole.
    store = project / ".modeldesk" / "store"
    kept = sorted(p.name for p in store.iterdir())
    assert len(kept) == 2  # both versions: the old one was placed back as a link to its kept copy
    dry = ok(md.run("gc", "--dry-run", "--json")).last("gc")
    assert len(dry["removed"]) == 1 and dry["freed"] >= SIZES["model.safetensors"]
    assert sorted(p.name for p in store.iterdir()) == kept
    done = ok(md.run("gc", "--json")).last("gc")
    assert done["removed"] == dry["removed"] and not Path(done["removed"][0]).exists()
    assert ok(md.run("sync", "--check", str(project))).code == 0


def test_sync_says_which_repo_no_mirror_answers(md, tmp_path):
    _hub_repo(tmp_path)
    with HubServer(tmp_path / "hub") as hub:
        _get_and_lock(md, hub, tmp_path / "a")
    fresh = MdHome(tmp_path / "home2")
    fresh.configure()
    b = tmp_path / "b"
    b.mkdir()
    shutil.copy(tmp_path / "a" / "modeldesk.lock", b)
    r = fresh.run("sync", str(b), "--json")
    assert r.code in (2, 3), r.stdout + r.stderr
    assert "acme/tts" in r.stderr and "Traceback" not in r.stderr


def test_a_broken_lock_gets_a_sentence(md, tmp_path):
    for text, words in (("version = 1\n[[model]]\npath = '../x'\nname = 'x'\n[[model.file]]\npath = 'a'\n"
                         "size = 1\nsha256 = '" + "0" * 64 + "'\n", "outside"),
                        ("not = [toml", "not TOML"), ("version = 7\n", "lock version 7")):
        (tmp_path / "modeldesk.lock").write_text(text)
        r = md.run("sync", str(tmp_path))
        assert r.code == 2 and words in r.stderr, r.stderr
    r = md.run("sync", str(tmp_path / "nowhere"))
    assert r.code == 2 and "not a folder" in r.stderr


def test_a_published_hub_model_locks_as_one_entry_and_syncs(md, tmp_path):
    """get hf:// then publish the folder (--no-seed): the library holds the hub job and the torrent job at
    one path. The lock has one [[model]] with repo, commit, files and magnet together, and the lock it
    wrote syncs (before: two entries, and sync refused "two models place a file at the same path")."""
    repo = _hub_repo(tmp_path)
    project = tmp_path / "a"
    with HubServer(tmp_path / "hub") as hub:
        ok(md.run("get", "hf://acme/tts", "--mirror", hub.url, "--to", str(project / "models" / "tts"),
                  "--no-seed"))
        published = ok(md.run("publish", str(project / "models" / "tts"), "--no-seed", "--json")).last("published")
        ok(md.run("lock", str(project)))
        lock = tomllib.loads((project / "modeldesk.lock").read_text())
        assert len(lock["model"]) == 1, lock
        (model,) = lock["model"]
        assert (model["path"], model["repo"], model["commit"]) == ("models/tts", "acme/tts", hub.commit("acme/tts"))
        assert model["magnet"].startswith(f"magnet:?xt=urn:btih:{published['btih']}")
        assert sorted(f["path"] for f in model["file"]) == sorted(SIZES)
        ok(md.run("sync", "--check", str(project)))
        other = MdHome(tmp_path / "home2")
        other.configure()
        other.env["MODELDESK_SWARM_WAIT_S"] = "2"  # nobody seeds the magnet: wait for it less than 10 s
        b = tmp_path / "b"
        b.mkdir()
        shutil.copy(project / "modeldesk.lock", b / "modeldesk.lock")
        ok(other.run("sync", str(b), "--timeout", "60"))
    for rel in SIZES:
        assert sha(b / "models" / "tts" / rel) == sha(repo / rel)
