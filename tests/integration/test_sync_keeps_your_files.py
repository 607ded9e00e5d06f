"""`sync` and `gc` never lose a file of the user's: an edit at a locked path is named and left alone
unless --force (and then moved where gc never looks), a fetch that fails puts back what it set aside,
the library is asked for before anything moves, and gc deletes only versions ModelDesk itself kept."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.helpers.cli import MdHome, ok
from tests.helpers.hub_server import HubServer
from tests.helpers.swarm import HUB_SIZES, make_model, sha, write_random

pytestmark = pytest.mark.integration

EDIT = '{"sample_rate": 48000, "my_note": "tuned by hand"}\n'


def _project(md: MdHome, tmp_path: Path) -> tuple[Path, Path, str]:
    """A project with a hub model fetched and locked: (project, hub repo folder, the lock's text)."""
    repo = make_model(tmp_path / "hub" / "acme", "tts", sizes=HUB_SIZES)
    project = tmp_path / "proj"
    with HubServer(tmp_path / "hub") as hub:
        ok(md.run("get", "hf://acme/tts", "--mirror", hub.url, "--to", str(project / "models" / "tts"),
                  "--no-seed"))
    ok(md.run("lock", str(project)))
    return project, repo, (project / "modeldesk.lock").read_text()


def _store(project: Path) -> list[str]:
    store = project / ".modeldesk" / "store"
    return sorted(p.name for p in store.iterdir()) if store.is_dir() else []


def test_an_edit_is_named_and_left_where_it_is_even_when_no_mirror_answers(md, tmp_path):
    project, _repo, _ = _project(md, tmp_path)
    config = project / "models" / "tts" / "config.json"
    config.write_text(EDIT)
    r = md.run("sync", str(project), "--mirror", "http://127.0.0.1:9/")
    assert r.code == 2, r.stdout + r.stderr
    assert "models/tts/config.json" in r.stderr and "--force" in r.stderr and "changed nothing" in r.stderr
    assert config.read_text() == EDIT and _store(project) == []
    # gc finds nothing of it to free, with or without --dry-run.
    assert ok(md.run("gc", "--json")).last("gc")["removed"] == []
    assert config.read_text() == EDIT


def test_force_moves_the_edit_where_gc_never_looks(md, tmp_path):
    project, repo, _ = _project(md, tmp_path)
    config = project / "models" / "tts" / "config.json"
    config.write_text(EDIT)
    with HubServer(tmp_path / "hub") as hub:
        r = ok(md.run("sync", str(project), "--force", "--mirror", hub.url))
    assert "your edited models/tts/config.json was moved to" in r.stdout
    assert sha(config) == sha(repo / "config.json")
    kept = [p for p in (project / ".modeldesk" / "edited").rglob("config.json")]
    assert len(kept) == 1 and kept[0].read_text() == EDIT
    dry = ok(md.run("gc", "--dry-run", "--json")).last("gc")
    ok(md.run("gc"))
    assert not any("edited" in p for p in dry["removed"]) and kept[0].read_text() == EDIT


def test_a_failed_fetch_puts_back_what_it_set_aside(md, tmp_path):
    """ModelDesk's own older shard is set aside for a new lock's; no mirror answers: the old shard is back
    at its path, byte for byte, and nothing else moved."""
    project, repo, _ = _project(md, tmp_path)
    shard = project / "models" / "tts" / "model.safetensors"
    before = sha(shard)
    write_random(repo / "model.safetensors", HUB_SIZES["model.safetensors"], seed=99)  # upstream moves on
    other = MdHome(tmp_path / "home2")
    other.configure()
    with HubServer(tmp_path / "hub") as hub:
        ok(other.run("get", "hf://acme/tts", "--mirror", hub.url, "--to", str(tmp_path / "elsewhere" / "m"),
                     "--no-seed"))
    ok(other.run("lock", str(tmp_path / "elsewhere")))
    new_lock = (tmp_path / "elsewhere" / "modeldesk.lock").read_text().replace('path = "m"', 'path = "models/tts"')
    (project / "modeldesk.lock").write_text(new_lock)
    r = md.run("sync", str(project), "--mirror", "http://127.0.0.1:9/")
    assert r.code not in (0, 5) and "Traceback" not in r.stderr, r.stdout + r.stderr
    assert "put back as it was" in r.stdout and sha(shard) == before
    # With the hub back, the same sync works and keeps the old shard in the store (ModelDesk's own).
    with HubServer(tmp_path / "hub") as hub:
        ok(md.run("sync", str(project), "--mirror", hub.url))
    assert sha(shard) == sha(repo / "model.safetensors") and before in _store(project)


def test_sync_asks_for_the_library_before_anything_moves(md, tmp_path, monkeypatch):
    from modeldesk.core.library.owner import LibraryLock
    from modeldesk.core.config.paths import default_paths

    project, _repo, _ = _project(md, tmp_path)
    shutil.rmtree(project / "models" / "tts" / "tokenizer")  # something to do, so that it would move files
    config = project / "models" / "tts" / "config.json"
    config.write_text(EDIT)
    listing = sorted(p.relative_to(project).as_posix() for p in project.rglob("*"))
    monkeypatch.setenv("MODELDESK_HOME", str(md.root))
    holder = LibraryLock(default_paths().library_lock)
    holder.acquire("the app")
    try:
        r = md.run("sync", str(project), "--force", "--mirror", "http://127.0.0.1:9/")
    finally:
        holder.release()
    assert r.code == 2 and "the app" in r.stderr, r.stderr
    assert sorted(p.relative_to(project).as_posix() for p in project.rglob("*")) == listing
    assert config.read_text() == EDIT


def test_a_lock_that_places_over_the_projects_own_files_is_refused(md, tmp_path):
    project, _repo, text = _project(md, tmp_path)
    hostile = text.replace('path = "models/tts"', 'path = "."').replace('path = "config.json"',
                                                                        'path = "modeldesk.lock"')
    (project / "modeldesk.lock").write_text(hostile)
    listing = sorted(p.relative_to(project).as_posix() for p in project.rglob("*"))
    r = md.run("sync", str(project), "--force", "--mirror", "http://127.0.0.1:9/")
    assert r.code == 2 and "the project's own file" in r.stderr, r.stderr
    assert (project / "modeldesk.lock").read_text() == hostile
    assert sorted(p.relative_to(project).as_posix() for p in project.rglob("*")) == listing


def test_gc_leaves_a_store_file_it_did_not_keep_itself(md, tmp_path, monkeypatch):
    """An earlier version set a user's edit aside in the store: gc lists it and leaves it."""
    from modeldesk.core.library.store import Library
    from modeldesk.core.config.paths import default_paths

    project, _repo, _ = _project(md, tmp_path)
    old = project / ".modeldesk" / "store" / ("e" * 64)
    old.parent.mkdir(parents=True, exist_ok=True)
    old.write_text(EDIT)
    monkeypatch.setenv("MODELDESK_HOME", str(md.root))
    lib = Library(default_paths().library_db)
    try:
        lib.blobs.remember(old, "e" * 64)  # indexed, as the earlier version did, but not ModelDesk's own
    finally:
        lib.close()
    r = ok(md.run("gc", "--json")).last("gc")
    assert r["removed"] == [] and r["left"] == [str(old)] and old.read_text() == EDIT


def test_a_locked_magnet_that_serves_other_content_leaves_nothing_under_the_locked_names(md, tmp_path):
    """The lock pins tts-model's files; its magnet points at another torrent with the same names and other
    bytes. The swarm's files are checked against the lock's sha256 before their final names: the job
    fails, naming the file, and no locked name holds the other bytes."""
    from modeldesk.core.projects.lockfile import Lock, LockedFile, LockedModel, write_lock
    from tests.helpers.swarm import LtPeer, make_torrent

    sizes = {"w/weights.bin": 600_000, "config.json": 300}
    ours = make_model(tmp_path / "ours", sizes=sizes)
    other_root = tmp_path / "other"
    other = make_model(other_root, sizes=sizes)
    for rel, size in sizes.items():  # same names and sizes, other bytes
        write_random(other / rel, size, seed=77)
    ih = make_torrent(other, tmp_path / "other.torrent")
    files = tuple(LockedFile(f"tts-model/{rel}", size, sha(ours / rel)) for rel, size in sorted(sizes.items()))
    project = tmp_path / "proj"
    project.mkdir()
    with LtPeer("seed", tmp_path / "other.torrent", other_root, tmp_path) as seed:
        magnet = f"magnet:?xt=urn:btih:{ih}&dn=tts-model&x.pe=127.0.0.1:{seed.port}"
        write_lock(project / "modeldesk.lock", Lock((LockedModel("models", "tts-model", files, magnet=magnet),)))
        r = md.run("sync", str(project), "--timeout", "60")
    assert r.code not in (0, 5), r.stdout + r.stderr
    assert "not the file the project's lock pins" in r.stderr, r.stderr
    for f in files:
        assert not (project / "models" / f.path).exists(), f.path
