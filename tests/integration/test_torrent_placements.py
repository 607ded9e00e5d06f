"""One torrent in several projects: a `get` of a torrent the library holds whole, into another folder,
places its files there (no peer needed, nothing downloaded) and the job keeps seeding from one folder.
Real libtorrent seed process on 127.0.0.1, then none at all."""

from __future__ import annotations

import json
import shutil
import time
import tomllib
from pathlib import Path

import pytest

from tests.helpers.cli import ok
from tests.helpers.swarm import LtPeer, make_model, make_torrent, sha

pytestmark = pytest.mark.integration

RELS = ["models/weights.safetensors", "models/config.json", "samples/demo.wav", "README.md"]



def test_a_torrent_the_library_holds_is_placed_into_other_projects(md, tmp_path):
    data = tmp_path / "seed-data"
    top = make_model(data)
    torrent = tmp_path / "model.torrent"
    infohash = make_torrent(top, torrent)
    a = tmp_path / "a"
    with LtPeer("seed", torrent, data, tmp_path) as seed:
        magnet = f"magnet:?xt=urn:btih:{infohash}&dn=tts-model&x.pe=127.0.0.1:{seed.port}"
        ok(md.run("get", magnet, "--to", str(a), "--no-seed", "--json", "--timeout", "30"))
    # No peer any more: the second and third projects get the library's copy, not a download.
    b, c = tmp_path / "b", tmp_path / "c"
    r = ok(md.run("get", str(torrent), "--to", str(b), "--no-seed", "--json", "--timeout", "30"))
    placed = {Path(e["path"]).relative_to(b / "tts-model").as_posix(): e for e in r.events if e["event"] == "placed"}
    assert sorted(placed) == sorted(RELS)
    assert r.last("finished")
    r = ok(md.run("get", f"magnet:?xt=urn:btih:{infohash}", "--to", str(c), "--no-seed", "--json",
                   "--timeout", "30", "--link-mode", "copy"))
    assert {e["mode"] for e in r.events if e["event"] == "placed"} == {"copy"}
    for folder in (a, b, c):
        for rel in RELS:
            assert sha(folder / "tts-model" / rel) == sha(top / rel), (folder, rel)
    for rel, e in placed.items():
        assert e["mode"] in ("reflink", "hardlink")
        if e["mode"] == "hardlink":
            assert (b / "tts-model" / rel).stat().st_ino == (a / "tts-model" / rel).stat().st_ino
    # One job, seeded from its own folder; the library knows the other two placements.
    (row,) = json.loads(ok(md.run("list", "--json")).stdout)
    assert row["project_dir"] == str(a) and row["placed_in"] == [str(b), str(c)]
    assert "also placed in: " + str(b) in ok(md.run("list")).stdout
    ok(md.run("verify", str(b)))  # a placement is checked against the torrent like the job's own folder
    # Each project can lock it: the model's path is its own placement.
    ok(md.run("lock", str(b)))
    (model,) = tomllib.loads((b / "modeldesk.lock").read_text())["model"]
    assert model["path"] == "." and infohash in model["magnet"]  # a torrent's own top folder is in its paths
    assert sorted(f["path"] for f in model["file"]) == sorted(f"tts-model/{rel}" for rel in RELS)
    # ... and sync it elsewhere from the library alone.
    d = tmp_path / "d"
    d.mkdir()
    (d / "modeldesk.lock").write_text((b / "modeldesk.lock").read_text())
    assert ok(md.run("sync", str(d), "--json")).last("synced")["clean"]


def test_removing_a_placed_torrent_hands_it_on_to_its_placement(md, tmp_path):
    """The job's folder and files removed: the first placement still there becomes its folder and it
    seeds from there; the other placements stay recorded."""
    from modeldesk.core.sources.adds import TorrentAdd
    from modeldesk.core.contracts.models import JobState
    from modeldesk.core.torrent.sources import parse_torrent_bytes
    from tests.helpers.manager import Running

    data = tmp_path / "seed-data"
    top = make_model(data)
    torrent = tmp_path / "model.torrent"
    make_torrent(top, torrent)
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    # The library's copy: "downloaded" into a by checking the files already there.
    (a / "tts-model").parent.mkdir()
    shutil.copytree(top, a / "tts-model")
    src = parse_torrent_bytes(torrent.read_bytes(), str(torrent))
    with Running(md) as run:
        job_id = run.m.add(TorrentAdd(src, str(a), rename_incomplete=False)).result()
        deadline = time.monotonic() + 30
        while run.m.entries().result()[0].state is not JobState.SEEDING and time.monotonic() < deadline:
            time.sleep(0.2)
        for folder in (b, c):
            assert run.m.add(TorrentAdd(src, str(folder), rename_incomplete=False)).result() == job_id
        assert run.m.entries().result()[0].placed_in == (str(b), str(c))
        run.m.remove(job_id, delete_files=True).result()
        assert not (a / "tts-model").exists()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            (e,) = run.m.entries().result()
            if e.state is JobState.SEEDING:
                break
            time.sleep(0.2)
        assert (e.project_dir, e.state, e.placed_in) == (str(b), JobState.SEEDING, (str(c),))
    for folder in (b, c):
        for rel in RELS:
            assert sha(folder / "tts-model" / rel) == sha(top / rel)


def test_a_partial_v1_selection_keeps_its_part_file_out_of_the_project(md, tmp_path):
    """libtorrent 2.1 joined the absolute part-file folder onto the save path: PROJECT/…/state/parts/
    .HASH.parts appeared in the project. The part file now sits in the state folder, and one an earlier
    version left in the project is moved back there and its folders removed."""
    import libtorrent as lt

    from tests.helpers.swarm import LtPeer, make_model

    top = make_model(tmp_path / "d", "m")
    ct = lt.create_torrent(lt.list_files(str(top)), 64 * 1024, flags=lt.create_torrent.v1_only)
    lt.set_piece_hashes(ct, str(top.parent))
    t = tmp_path / "m.torrent"
    t.write_bytes(lt.bencode(ct.generate()))
    ih = str(lt.torrent_info(str(t)).info_hashes().v1)
    proj = tmp_path / "proj"
    parts = (md.root / "state" / "parts").resolve()
    left = proj / str(parts).lstrip("/") / f".{'e' * 40}.parts"  # what an earlier version left behind
    left.parent.mkdir(parents=True)
    left.write_bytes(b"old part file")
    with LtPeer("seed", t, tmp_path / "d", tmp_path) as seed:
        r = md.run("get", f"magnet:?xt=urn:btih:{ih}&x.pe=127.0.0.1:{seed.port}", "--to", str(proj), "--no-seed",
                   "--exclude", "*.wav", "--timeout", "30")
    assert r.code == 0, r.stderr
    assert sorted(p.name for p in proj.iterdir()) == ["m"], sorted(str(p) for p in proj.rglob("*"))
    assert (parts / f".{ih}.parts").is_file() and (parts / left.name).read_bytes() == b"old part file"
