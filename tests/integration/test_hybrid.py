"""Hybrid jobs: one torrent from peers (a real libtorrent seed process) and web seeds (real nginx, BEP 19
layout) at once, the mirror side fetched by ModelDesk's HTTP engine and handed to libtorrent piece by
piece."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import time
from pathlib import Path
from urllib.parse import quote

import libtorrent as lt
import pytest

from modeldesk.core.config.paths import default_paths

from tests.helpers.cli import MdHome, ok, read_events
from tests.helpers.faulty_http import FaultyServer
from tests.helpers.foreign import OpenTracker
from tests.helpers.ports import free_port
from tests.helpers.nginx import Nginx
from tests.helpers.shaping_proxy import ShapingProxy
from tests.helpers.swarm import LtPeer, make_model, make_torrent, sha

pytestmark = pytest.mark.integration

MiB = 1024 * 1024
KiB = 1024


def _model(tmp_path: Path, weights: int) -> Path:
    return make_model(tmp_path / "www", sizes={"model.safetensors": weights, "config.json": 1234,
                                                "tokenizer/vocab.txt": 40 * KiB + 7})


def _magnet(torrent: Path, *, peer: int | None = None, seeds=()) -> str:
    ti = lt.torrent_info(str(torrent))
    link = f"magnet:?xt=urn:btih:{ti.info_hashes().v1}&dn={ti.name()}"
    if peer:
        link += f"&x.pe=127.0.0.1:{peer}"
    return link + "".join(f"&ws={quote(s, safe='')}" for s in seeds)


def _same_files(top: Path, out: Path) -> None:
    for f in top.rglob("*"):
        if f.is_file():
            got = out / f.relative_to(top.parent)
            assert got.is_file(), f"{got} missing"
            assert sha(got) == sha(f), f"{got} differs"


def _final(r) -> dict:
    snaps = [e for e in r.events if e.get("event") == "progress"]
    assert snaps, r.stdout[-2000:]
    return snaps[-1]["jobs"][0] if "jobs" in snaps[-1] else snaps[-1]


@pytest.mark.parametrize("kind", ["hybrid", "v2"])
def test_web_seeds_go_through_our_engine(md, tmp_path, kind):
    """No peer: every byte from the torrent's url-list, fetched by ModelDesk's connections (its
    User-Agent, ranged requests), not libtorrent's web-seed client; a v1+v2 torrent with pad files, and
    a v2-only one (its pieces checked by libtorrent alone: no v1 SHA-1 to check them with first)."""
    top = _model(tmp_path, 6 * MiB + 17)
    t = tmp_path / "m.torrent"
    with Nginx(tmp_path / "www", tmp_path / "nginx") as web:
        make_torrent(top, t, web_seeds=[web.url + "/"], hybrid=kind == "hybrid", v2_only=kind == "v2")
        r = md.run("get", str(t), "--to", str(tmp_path / "proj"), "--no-seed", "--json", "--timeout", "60")
        lines = web.log_lines()
    assert r.code == 0, r.stderr
    _same_files(top, tmp_path / "proj")
    agents = {line.rsplit('"', 2)[-2] for line in lines}
    assert agents and all(a.startswith("ModelDesk/") for a in agents), agents
    assert all('" 206 ' in line for line in lines), "every request is a range of one piece"


@pytest.mark.timing
def test_peer_and_mirror_together_beat_either_alone(md, tmp_path):
    """A seed capped at 2 MiB/s and a mirror behind a 2 MiB/s uplink (nginx's limit_rate lets each short
    request's first second through, so the cap is a proxy's): alone, each needs at least size / 2 MiB/s.
    Together they must beat that, each bringing a real share, with little fetched twice."""
    size = 40 * MiB
    top = _model(tmp_path, size)
    t = tmp_path / "m.torrent"
    # Small pieces: at the end, peers may take the few pieces mirrors hold (8 in flight); nginx counts
    # as sent whatever it had written for them, probably including bytes still in the proxy's socket
    # buffers. A fixed tail: with 640 pieces it measured 0.7-1.4%; with 384 (24 MiB) one CI run came
    # out at 5.01%.
    make_torrent(top, t, piece_size=64 * KiB)
    with Nginx(tmp_path / "www", tmp_path / "nginx") as web, ShapingProxy(web.port, total_rate=2 * MiB) as thin, \
            LtPeer("seed", t, tmp_path / "www", tmp_path, upload_limit=2 * MiB) as seed:
        link = _magnet(t, peer=seed.port, seeds=[thin.url + "/"])
        t0 = time.monotonic()
        r = md.run("get", link, "--to", str(tmp_path / "proj"), "--no-seed", "--json", "--timeout", "90")
        took = time.monotonic() - t0
        served = web.bytes_served()
        delivered = thin.delivered
    assert r.code == 0, r.stderr
    _same_files(top, tmp_path / "proj")
    total = sum(f.stat().st_size for f in top.rglob("*") if f.is_file())
    alone = total / (2 * MiB)
    assert took < 0.8 * alone, f"hybrid took {took:.1f} s; either source alone needs {alone:.1f} s or more"
    assert 0.2 * total < served < 0.8 * total, f"the mirror sent {served} of {total} bytes"
    last = _final(r)
    peer_bytes = last["session_downloaded"] - last["mirror_downloaded"]
    # What reached ModelDesk from the mirror, counted where the proxy hands it over (nginx also counts what
    # sat in socket buffers when a request was cut). Where peer and mirror meet, both fetch some pieces:
    # 1.0-4.75 % in 10 runs here (the same with final names given at once, before a flush), 5.08 and 5.25 %
    # in two CI runs. The bound is 6 % until that meeting point is tightened (noted in the issue).
    duplicate = peer_bytes + delivered - total
    assert duplicate <= 0.06 * total, f"{duplicate} bytes fetched twice ({served - delivered} more left nginx)"


def test_peer_leaves_midway_mirror_finishes(md, tmp_path):
    top = _model(tmp_path, 16 * MiB)
    t = tmp_path / "m.torrent"
    make_torrent(top, t)
    with Nginx(tmp_path / "www", tmp_path / "nginx") as web, ShapingProxy(web.port, total_rate=1 * MiB) as thin:
        seed = LtPeer("seed", t, tmp_path / "www", tmp_path, upload_limit=2 * MiB)
        try:
            proc = md.popen("get", _magnet(t, peer=seed.port, seeds=[thin.url + "/"]), "--to",
                            str(tmp_path / "proj"), "--no-seed", "--json", "--timeout", "90")
            for e in read_events(proc):
                if e.get("event") == "progress" and _job(e)["progress"] > 0.3:
                    break
        finally:
            seed.stop()
        assert proc.wait(90) == 0, proc.stderr.read() if proc.stderr else ""
    _same_files(top, tmp_path / "proj")


def test_every_mirror_fails_the_peer_finishes(md, tmp_path):
    top = _model(tmp_path, 8 * MiB)
    t = tmp_path / "m.torrent"
    make_torrent(top, t)
    with FaultyServer(tmp_path / "www", "status:500") as bad, \
            LtPeer("seed", t, tmp_path / "www", tmp_path, upload_limit=4 * MiB) as seed:
        r = md.run("get", _magnet(t, peer=seed.port, seeds=[bad.url + "/"]), "--to", str(tmp_path / "proj"),
                   "--no-seed", "--json", "--timeout", "60")
        assert bad.gets() > 0
    assert r.code == 0, r.stderr
    _same_files(top, tmp_path / "proj")


def test_a_web_seed_that_redirects_in_a_loop_is_dropped_at_once(md, tmp_path):
    """Before, each request followed 30 redirects and the seed was asked again: 1,240 requests in 20 s.
    Now a loop is 8 redirects at most and ends that seed for the job; the peer brings the files."""
    top = _model(tmp_path, 8 * MiB)
    t = tmp_path / "m.torrent"
    make_torrent(top, t)
    with FaultyServer(tmp_path / "www", "loop") as looping, \
            LtPeer("seed", t, tmp_path / "www", tmp_path, upload_limit=4 * MiB) as seed:
        r = md.run("get", _magnet(t, peer=seed.port, seeds=[looping.url + "/"]), "--to", str(tmp_path / "proj"),
                   "--no-seed", "--json", "--timeout", "60")
        asked = looping.gets()
    assert r.code == 0, r.stderr
    _same_files(top, tmp_path / "proj")
    assert 0 < asked <= 16 * 9, f"the looping seed kept being asked ({asked} requests)"


def test_a_web_seed_whose_bodies_have_no_end_is_read_no_further_than_asked(md, tmp_path):
    """A seed that answers each range with no length and goes on sending: each request reads its range,
    then hangs up; the job takes no more from it than about the torrent's size."""
    top = _model(tmp_path, 8 * MiB)
    t = tmp_path / "m.torrent"
    with FaultyServer(tmp_path / "www", "endless") as endless:
        make_torrent(top, t, web_seeds=[endless.url + "/"])
        r = md.run("get", str(t), "--to", str(tmp_path / "proj"), "--no-seed", "--json", "--timeout", "60")
        sent = endless.endless_sent
    assert r.code == 0, r.stderr
    _same_files(top, tmp_path / "proj")
    # What the server got into its socket before the client hung up: the ranges, plus what the kernel's
    # buffers took of the rest (67 MiB over the 32 pieces here), never the 64 MiB per request it offered
    # (2 GiB for the 32 pieces).
    assert sent < 8 * MiB + 16 * 8 * MiB, f"{sent / MiB:.0f} MiB pushed for an 8 MiB torrent"


def test_a_lone_lying_web_seed_is_named_when_the_job_stalls(md, tmp_path):
    """Its only web seed flips bytes and no peer answers: the job gives up naming the dropped seed and
    why, not only "no data from any peer"."""
    top = _model(tmp_path, 4 * MiB)
    t = tmp_path / "m.torrent"
    with FaultyServer(tmp_path / "www", "flip") as liar:
        make_torrent(top, t, web_seeds=[liar.url + "/"])
        r = md.run("get", str(t), "--to", str(tmp_path / "proj"), "--no-seed", "--timeout", "8")
    assert r.code == 3, r.stdout[-1000:] + r.stderr
    assert "Mirrors dropped: " in r.stderr and liar.url in r.stderr and "bad data" in r.stderr, r.stderr


def test_a_lying_mirror_is_found_and_dropped(md, tmp_path):
    """One mirror flips bytes: its pieces fail libtorrent's hash check, it is dropped after two, and the
    good mirror finishes with the right bytes."""
    top = _model(tmp_path, 8 * MiB)
    t = tmp_path / "m.torrent"
    with FaultyServer(tmp_path / "www", "flip") as liar, Nginx(tmp_path / "www", tmp_path / "nginx") as good:
        make_torrent(top, t, web_seeds=[liar.url + "/", good.url + "/"])
        r = md.run("get", str(t), "--to", str(tmp_path / "proj"), "--no-seed", "--json", "--timeout", "90",
                   "--verbose")
        lied = liar.gets()
    assert r.code == 0, r.stderr
    _same_files(top, tmp_path / "proj")
    assert "failed its hash check" in r.stderr
    assert lied <= 2 * 8 + 2, f"the liar kept being asked ({lied} requests)"


@pytest.mark.timing
def test_kill_and_run_again_resumes_from_both(md, tmp_path):
    top = _model(tmp_path, 24 * MiB)
    t = tmp_path / "m.torrent"
    make_torrent(top, t)
    with Nginx(tmp_path / "www", tmp_path / "nginx") as web, ShapingProxy(web.port, total_rate=2 * MiB) as thin, \
            LtPeer("seed", t, tmp_path / "www", tmp_path, upload_limit=2 * MiB) as seed:
        args = ("get", _magnet(t, peer=seed.port, seeds=[thin.url + "/"]), "--to", str(tmp_path / "proj"),
                "--no-seed", "--json", "--timeout", "90")
        proc = md.popen(*args)
        for e in read_events(proc):
            if e.get("event") == "progress" and _job(e)["progress"] > 0.4:
                break
        # Resume data is saved every second while active; on a loaded machine the last save lagged
        # what progress showed by more than 0.1 of the file (CI). Give it two saves' time, then kill.
        time.sleep(2.5)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
        first = web.settled_bytes_served()  # the killed run's requests are logged as nginx sees them end
        kept = sorted((p.name, p.stat().st_size) for p in default_paths(md.environ()).resume_dir.glob("*"))
        r = md.run(*args)
        second = web.bytes_served() - first
    assert r.code == 0, r.stderr
    _same_files(top, tmp_path / "proj")
    # The first look after libtorrent has read the resume data (while checking it, it counts nothing done).
    jobs = [_job(e) for e in r.events if e.get("event") == "progress"]
    after_check = [j for j in jobs if j["state"] not in ("checking", "metadata")]
    seen = [(j["state"], j["total_done"]) for j in jobs[:6]]
    assert after_check and after_check[0]["total_done"] > 0.3 * 24 * MiB, \
        f"the second run starts from what the first kept; resume data before it: {kept}; its first looks: {seen}"
    assert second < 0.7 * 24 * MiB


def test_mktorrent_url_list(md, tmp_path):
    """A foreign maker's torrent (mktorrent -w) with a single-file url-list entry."""
    from tests.helpers.tools import require_tool

    mk = require_tool("mktorrent")
    www = tmp_path / "www"
    www.mkdir()
    payload = www / "weights.bin"
    payload.write_bytes(hashlib.sha256(b"x").digest() * (3 * MiB // 32 + 5))
    with Nginx(www, tmp_path / "nginx") as web:
        t = tmp_path / "w.torrent"
        import subprocess

        subprocess.run([mk, "-l", "18", "-w", f"{web.url}/weights.bin", "-o", str(t), str(payload)],
                       check=True, capture_output=True)
        r = md.run("get", str(t), "--to", str(tmp_path / "proj"), "--no-seed", "--json", "--timeout", "60")
        assert web.requests_served() > 0
    assert r.code == 0, r.stderr
    assert (tmp_path / "proj" / "weights.bin").read_bytes() == payload.read_bytes()


def _hub_torrent(hub, repo: str, tmp_path: Path, flip: str | None = None, trackers=()) -> tuple[Path, str, str]:
    """A torrent of `repo` as the hub serves it, named by its commit (tmp_path/t/COMMIT) and naming that
    repo and commit outside the info dictionary, as `publish` writes it; with `flip`, one byte of that
    file differs from the repo's. Returns the .torrent, the commit and the v1 info-hash."""
    commit = hub.commit(repo)
    folder = tmp_path / "t" / commit
    shutil.copytree(hub.root / repo, folder)
    if flip:
        data = bytearray((folder / flip).read_bytes())
        data[len(data) // 2] ^= 0xFF
        (folder / flip).write_bytes(bytes(data))
    t = tmp_path / "m.torrent"
    ih = make_torrent(folder, t, piece_size=64 * KiB, trackers=trackers)
    decoded = lt.bdecode(t.read_bytes())
    decoded[b"modeldesk"] = {b"repo": repo.encode(), b"commit": commit.encode()}
    t.write_bytes(lt.bencode(decoded))
    return t, commit, ih


def _job(e: dict) -> dict:
    return e["jobs"][0] if "jobs" in e else e


def _fresh_machine(tmp_path: Path, name: str, lock: str) -> tuple[MdHome, Path]:
    """Another machine: an empty library, and a project holding only the lock from version control."""
    home = MdHome(tmp_path / f"home-{name}")
    home.configure(listen_interfaces=f"127.0.0.1:{free_port()}")
    (tmp_path / name).mkdir()
    (tmp_path / name / "modeldesk.lock").write_text(lock)
    return home, tmp_path / name


def _from_peers(r, ih: str, at_least: int) -> None:
    jobs = [_job(e) for e in r.events if e.get("event") == "progress"]
    assert jobs and all(j["job_id"] == ih for j in jobs), {j["job_id"] for j in jobs}
    assert jobs[-1]["downloaded"] - jobs[-1]["mirror_downloaded"] >= at_least, "the LFS file came from the peer"


def test_a_fresh_machine_joins_the_swarm_its_projects_lock_names(md, tmp_path):
    """A project locked with the torrent of its hub model (the magnet names the lab's tracker). On machines
    whose library is empty, `sync` of the project and `get hf://` of that repo into it take the metadata
    from the swarm and the LFS file from the lab's seed while the hub's CDN trickles, the files checked
    against the hub. With no peer in the swarm, `sync` gets the files from the hub after a short wait."""
    from tests.helpers.hub_server import HubServer

    hub_root = tmp_path / "hub"
    repo = hub_root / "acme" / "tts"
    make_model(repo.parent, "tts", sizes={"model.safetensors": 12 * MiB + 5, "config.json": 321})
    tracker = OpenTracker(tmp_path)
    md.configure(listen_interfaces=f"127.0.0.1:{free_port()}")
    with HubServer(hub_root, cdn_mode="trickle") as hub:
        t, commit, ih = _hub_torrent(hub, "acme/tts", tmp_path, trackers=[tracker.announce])
        tracker.start(ih)
        try:
            with LtPeer("seed", t, tmp_path / "t", tmp_path):
                ok(md.run("get", str(t), "--to", str(tmp_path / "a" / "models" / "tts"), "--no-seed",
                          "--timeout", "60"))
                ok(md.run("lock", str(tmp_path / "a")))
                locked = (tmp_path / "a" / "modeldesk.lock").read_text()
                assert "magnet:" in locked and commit in locked
                other, b = _fresh_machine(tmp_path, "b", locked)
                synced = other.run("sync", str(b), "--mirror", hub.url, "--json", "--timeout", "60")
                third, c = _fresh_machine(tmp_path, "c", locked)
                got = third.run("get", "hf://acme/tts", "--mirror", hub.url, "--to", str(c / "models" / "tts"),
                                "--no-seed", "--json", "--timeout", "60")
        finally:
            tracker.stop()
        for r, project in ((synced, b), (got, c)):
            assert r.code == 0, r.stderr
            for rel in ("model.safetensors", "config.json"):
                assert sha(project / "models" / "tts" / rel) == sha(repo / rel)
            _from_peers(r, ih, 12 * MiB)
        assert sum(f"/api/models/acme/tts/tree/{commit}" in p for p in hub.requests) >= 2, "checked against the hub"
    # No peer: the hub alone, after the wait for metadata (a hub that does not trickle this time).
    with HubServer(hub_root) as hub2:
        fourth, d = _fresh_machine(tmp_path, "d", locked)
        started = time.monotonic()
        r = fourth.run("sync", str(d), "--mirror", hub2.url, "--json", "--timeout", "60")
        assert r.code == 0, r.stderr
        assert time.monotonic() - started < 40
    assert sha(d / "models" / "tts" / "model.safetensors") == sha(repo / "model.safetensors")
    assert all(_job(e)["job_id"].startswith("hf-") for e in r.events if e.get("event") == "progress")


def test_json_reports_peer_and_mirror_rates(md, tmp_path):
    top = _model(tmp_path, 4 * MiB)
    t = tmp_path / "m.torrent"
    with Nginx(tmp_path / "www", tmp_path / "nginx") as web, ShapingProxy(web.port, total_rate=1 * MiB) as thin:
        make_torrent(top, t, web_seeds=[thin.url + "/"])
        r = md.run("get", str(t), "--to", str(tmp_path / "proj"), "--no-seed", "--json", "--timeout", "60")
    assert r.code == 0, r.stderr
    rates = [_job(e) for e in r.events if e.get("event") == "progress"]
    assert any(j["mirror_rate"] > 0 and j["peer_rate"] == j["down_rate"] - j["mirror_rate"] for j in rates), \
        json.dumps(rates[-3:])


def test_a_model_torrent_naming_its_repo_uses_the_users_hub_mirrors(md, tmp_path):
    """No url-list and no peer: the torrent names its hub repo and commit (outside the info dictionary),
    so the hub mirror given with --mirror serves its files (resolve URLs, 302 to the CDN, ranges)."""
    from tests.helpers.hub_server import HubServer

    repo = tmp_path / "hub" / "acme" / "tts"
    make_model(repo.parent, "tts", sizes={"model.safetensors": 3 * MiB + 5, "config.json": 321})
    with HubServer(tmp_path / "hub") as hub:
        t, commit, _ = _hub_torrent(hub, "acme/tts", tmp_path)
        r = md.run("get", str(t), "--mirror", hub.url, "--to", str(tmp_path / "proj"), "--no-seed", "--json",
                   "--timeout", "60")
        resolved = [p for p in hub.requests if "/resolve/" in p]
        listed = [p for p in hub.requests if f"/api/models/acme/tts/tree/{commit}" in p]
    assert r.code == 0, r.stderr
    for rel in ("model.safetensors", "config.json"):  # in the folder itself, as `get hf://` puts them
        assert sha(tmp_path / "proj" / rel) == sha(repo / rel)
    assert not (tmp_path / "proj" / commit).exists()
    assert r.last("metadata")["name"] == "acme/tts"
    assert any(f"/acme/tts/resolve/{commit}/model.safetensors" in p for p in resolved), resolved[:5]
    assert listed, "the finished files were checked against the commit's listing"


@pytest.mark.parametrize("changed", ["config.json", "model.safetensors"])
def test_a_torrent_that_is_not_the_repo_it_names_is_refused(md, tmp_path, changed):
    """The torrent names acme/tts at a commit, but one of its files is not that commit's (a git file, or
    an LFS file of the same size): its pieces verify (a peer seeds it), the hub's listing does not
    match, and no file gets its final name."""
    from tests.helpers.hub_server import HubServer

    repo = tmp_path / "hub" / "acme" / "tts"
    make_model(repo.parent, "tts", sizes={"model.safetensors": 3 * MiB + 5, "config.json": 321})
    with HubServer(tmp_path / "hub") as hub:
        t, commit, _ = _hub_torrent(hub, "acme/tts", tmp_path, flip=changed)
        port = free_port()
        md.configure(listen_interfaces=f"127.0.0.1:{port}")
        with LtPeer("seed", t, tmp_path / "t", tmp_path, peers=[f"127.0.0.1:{port}"]):  # the seed dials us
            r = md.run("get", str(t), "--mirror", hub.url, "--to", str(tmp_path / "proj"), "--no-seed",
                       "--timeout", "60")
        again = md.run("get", "hf://acme/tts", "--mirror", hub.url, "--to", str(tmp_path / "hf"), "--json",
                       "--timeout", "60")
    proj = tmp_path / "proj"
    assert r.code == 3, (r.code, r.stderr)
    assert "disagree" in r.stderr and changed in r.stderr and "acme/tts" in r.stderr, r.stderr
    for rel in ("model.safetensors", "config.json"):
        assert not (proj / rel).exists(), f"{rel} got its final name"
        assert (proj / (rel + ".mdpart")).is_file(), sorted(p.name for p in proj.iterdir())
    assert sha(proj / (changed + ".mdpart")) == sha(tmp_path / "t" / commit / changed), \
        "the torrent's own bytes, verified"
    assert again.code == 0, again.stderr
    assert sha(tmp_path / "hf" / changed) == sha(repo / changed)
    assert all(_job(e)["job_id"].startswith("hf-") for e in again.events if e.get("event") == "progress"), \
        "a torrent that failed the check is not the repo's swarm"


@pytest.mark.parametrize("changed", [None, "model.safetensors"])
def test_a_published_hub_model_by_magnet_is_named_placed_and_checked_as_its_torrent(md, tmp_path, changed):
    """The magnet `publish` prints (dn=acme/tts, the metadata from a peer, named by the commit): the job is
    named by the repo and its files land in the folder itself, as the .torrent's; one whose bytes are not
    the commit's is refused against the hub's listing (it completed with the tampered bytes, exit 0)."""
    from tests.helpers.hub_server import HubServer

    repo = tmp_path / "hub" / "acme" / "tts"
    make_model(repo.parent, "tts", sizes={"model.safetensors": 3 * MiB + 5, "config.json": 321})
    proj = tmp_path / "proj"
    with HubServer(tmp_path / "hub") as hub:
        t, commit, ih = _hub_torrent(hub, "acme/tts", tmp_path, flip=changed)
        with LtPeer("seed", t, tmp_path / "t", tmp_path) as seed:
            magnet = f"magnet:?xt=urn:btih:{ih}&dn=acme%2Ftts&x.pe=127.0.0.1:{seed.port}"
            r = md.run("get", magnet, "--mirror", hub.url, "--to", str(proj), "--no-seed", "--json",
                       "--timeout", "60")
    if changed is None:
        assert r.code == 0, r.stderr
        for rel in ("model.safetensors", "config.json"):
            assert sha(proj / rel) == sha(repo / rel), rel
        assert not (proj / commit).exists(), "the files went into a folder named by the commit"
        assert r.last("finished") and json.loads(md.run("list", "--json").stdout)[0]["name"] == "acme/tts"
    else:
        assert r.code == 3, (r.code, r.stderr)
        assert "disagree" in r.stderr and changed in r.stderr and "acme/tts" in r.stderr, r.stderr
        assert not (proj / changed).exists() and not (proj / commit / changed).exists()


def test_get_hf_joins_the_swarm_of_a_commit_the_library_knows(md, tmp_path):
    """The library knows a torrent for acme/tts at its commit (fetched once, its folder deleted since):
    `get hf://acme/tts` is then that torrent, its files in the folder itself. The hub's CDN trickles,
    so the LFS file can only come from the peer seeding that commit; a repo the library has no torrent
    for stays a hub download."""
    from tests.helpers.hub_server import HubServer

    hub_root = tmp_path / "hub"
    repo = hub_root / "acme" / "tts"
    make_model(repo.parent, "tts", sizes={"model.safetensors": 12 * MiB + 5, "config.json": 321})
    make_model(hub_root / "acme", "other", sizes={"config.json": 99})
    port = free_port()
    md.configure(listen_interfaces=f"127.0.0.1:{port}")
    with HubServer(hub_root, cdn_mode="trickle") as hub:
        t, commit, ih = _hub_torrent(hub, "acme/tts", tmp_path)
        with LtPeer("seed", t, tmp_path / "t", tmp_path, peers=[f"127.0.0.1:{port}"]):
            first = md.run("get", str(t), "--to", str(tmp_path / "a"), "--no-seed", "--timeout", "60")
        assert first.code == 0, first.stderr
        shutil.rmtree(tmp_path / "a")
        # A seed process of its own: one that met us as a seed would not dial us again.
        with LtPeer("seed", t, tmp_path / "t", tmp_path, peers=[f"127.0.0.1:{port}"]):
            r = md.run("get", "hf://acme/tts", "--mirror", hub.url, "--to", str(tmp_path / "b"), "--json",
                       "--timeout", "60")
        other = md.run("get", "hf://acme/other", "--mirror", hub.url, "--to", str(tmp_path / "c"), "--json",
                       "--timeout", "60")
    assert r.code == 0, r.stderr
    for rel in ("model.safetensors", "config.json"):
        assert sha(tmp_path / "b" / rel) == sha(repo / rel)
    _from_peers(r, ih, 12 * MiB)
    assert other.code == 0, other.stderr
    assert all(_job(e)["job_id"].startswith("hf-") for e in other.events if e.get("event") == "progress")


@pytest.mark.timing
def test_sync_waits_for_its_locked_swarms_together(md, tmp_path):
    """A project locked with two hub models, each with the magnet of its torrent, and no peer in either
    swarm: `sync` on a fresh machine asks both swarms at once, so the two wait for metadata together
    (one wait, not two) before the hub serves the files. The machine waits 5 s (not the default 10) for
    each swarm: under 10 s in all is one wait (it measured 7-8 s); two would be 10 s and the rest."""
    from tests.helpers.hub_server import HubServer

    wait = 5.0

    hub_root = tmp_path / "hub"
    names = ("tts", "asr")
    for name in names:
        make_model(hub_root / "acme", name, sizes={"model.safetensors": 2 * MiB + 7, "config.json": 99})
    md.configure(listen_interfaces=f"127.0.0.1:{free_port()}")
    with HubServer(hub_root) as hub:
        for name in names:
            t, _commit, _ih = _hub_torrent(hub, f"acme/{name}", tmp_path)
            ok(md.run("get", str(t), "--to", str(tmp_path / "a" / "models" / name), "--mirror", hub.url,
                      "--no-seed", "--timeout", "60"))
        ok(md.run("lock", str(tmp_path / "a")))
        locked = (tmp_path / "a" / "modeldesk.lock").read_text()
        assert locked.count("magnet:") == 2
        other, b = _fresh_machine(tmp_path, "b", locked)
        other.env["MODELDESK_SWARM_WAIT_S"] = str(wait)
        started = time.monotonic()
        r = other.run("sync", str(b), "--mirror", hub.url, "--json", "--timeout", "60")
        took = time.monotonic() - started
    assert r.code == 0, r.stderr
    for name in names:
        assert sha(b / "models" / name / "model.safetensors") == sha(hub_root / "acme" / name / "model.safetensors")
    assert wait <= took < 2 * wait, f"sync took {took:.1f} s"
