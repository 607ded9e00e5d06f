"""`modeldesk publish`: a model folder becomes a deterministic hybrid torrent whose BEP 19 web seeds real
clients (bare libtorrent, transmission-cli, ModelDesk) download from with no peer at all, and which
ModelDesk seeds from the folder itself."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import libtorrent as lt
import pytest

from tests.helpers.cli import MdHome, read_events
from tests.helpers.foreign import QBittorrent, stop_process, transmission_leech
from tests.helpers.hub_server import HubServer
from tests.helpers.nginx import Nginx
from tests.helpers.swarm import HUB_SIZES, LtPeer, make_model, sha, write_random

pytestmark = pytest.mark.integration

MiB = 1024 * 1024
KiB = 1024
SIZES = HUB_SIZES


def _publish(md: MdHome, *args: str):
    r = md.run("publish", *args, "--json", "--no-seed", timeout=120)
    assert r.code == 0, r.stdout + r.stderr
    return r.last("published"), r


def test_same_bytes_give_the_same_torrent_whatever_the_file_times(tmp_path):
    """Two machines, two copies written in another order with other times and modes: one info-hash pair,
    one .torrent byte for byte; bookkeeping and partial files stay out of it."""
    results = []
    for n, order in enumerate((list(SIZES), list(reversed(SIZES)))):
        top = tmp_path / f"machine{n}" / "tts"
        for i, rel in enumerate(order):
            write_random(top / rel, SIZES[rel], seed=list(SIZES).index(rel))
            os.utime(top / rel, (1_000_000 + 5000 * n + i, 1_000_000 + 7000 * n + i))
        (top / "config.json").chmod(0o755 if n else 0o644)
        (top / ".modeldesk").mkdir()
        (top / ".modeldesk" / "notes.json").write_text("{}")
        (top / ".cache" / "huggingface").mkdir(parents=True)
        (top / ".cache" / "huggingface" / "x.metadata").write_text("x")
        (top / "model2.safetensors.mdpart").write_bytes(b"half" * n)
        md = MdHome(tmp_path / f"home{n}")
        md.configure()
        out = tmp_path / f"m{n}.torrent"
        published, _ = _publish(md, str(top), "--out", str(out))
        results.append((published, out.read_bytes()))
    (a, ta), (b, tb) = results
    assert (a["btih"], a["btmh"]) == (b["btih"], b["btmh"])
    assert ta == tb
    ti = lt.torrent_info(ta)
    names = sorted(ti.layout().file_path(i) for i in range(ti.num_files())
                   if not ti.layout().file_flags(i) & lt.file_storage.flag_pad_file)
    assert names == sorted(f"tts/{rel}" for rel in SIZES)
    assert ti.info_hashes().has_v1() and ti.info_hashes().has_v2()
    assert b"creation date" not in lt.bdecode(ta)
    assert a["magnet"].startswith(f"magnet:?xt=urn:btih:{a['btih']}&xt=urn:btmh:1220{a['btmh']}")


def test_publish_adds_the_job_to_the_library_as_complete(md, tmp_path):
    top = make_model(tmp_path, "tts", sizes=SIZES)
    published, r = _publish(md, str(top))
    assert published["torrent"] == str(tmp_path / "tts.torrent")
    assert r.last("finished")
    rows = md.run("list", "--json").stdout
    assert '"state": "finished"' in rows and published["btih"] in rows
    # Publishing again is harmless (same bytes, same file); another torrent there is not overwritten.
    again, _ = _publish(md, str(top))
    assert again["btih"] == published["btih"]
    write_random(top / "extra.bin", 1000)
    r = md.run("publish", str(top), "--no-seed")
    assert r.code == 2 and "already exists" in r.stderr, r.stderr


@pytest.fixture
def hub_model(md, tmp_path):
    """A model fetched from a local HF-compatible hub by ModelDesk (so its folder has our manifest), and
    the hub's repo folder it came from."""
    repo = tmp_path / "hub" / "acme" / "tts"
    make_model(repo.parent, "tts", sizes=SIZES)
    with HubServer(tmp_path / "hub") as hub:
        commit = hub.commit("acme/tts")
        r = md.run("get", "hf://acme/tts", "--mirror", hub.url, "--to", str(tmp_path / "fetched"), "--no-seed",
                   "--json")
    assert r.code == 0, r.stderr
    return tmp_path / "fetched", repo, commit


def _resolve_layout(www: Path, repo: Path, commit: str) -> None:
    """What an HF-compatible mirror serves, as plain files: /acme/tts/resolve/COMMIT/PATH."""
    shutil.copytree(repo, www / "acme" / "tts" / "resolve" / commit)


def test_a_hub_model_is_published_as_its_commit_and_downloads_from_web_seeds_alone(md, tmp_path, hub_model):
    folder, repo, commit = hub_model
    www = tmp_path / "www"
    _resolve_layout(www, repo, commit)
    with Nginx(www, tmp_path / "nginx") as web:
        published, _ = _publish(md, str(folder), "--web-seed", web.url, "--out", str(tmp_path / "tts.torrent"))
        t = tmp_path / "tts.torrent"
        decoded = lt.bdecode(t.read_bytes())
        assert decoded[b"info"][b"name"] == commit.encode()
        assert decoded[b"url-list"] in (f"{web.url}/acme/tts/resolve/".encode(),
                                        [f"{web.url}/acme/tts/resolve/".encode()])
        assert decoded[b"modeldesk"][b"repo"] == b"acme/tts"
        assert decoded[b"modeldesk"][b"sha256"][b"model.safetensors"] == sha(repo / "model.safetensors").encode()
        assert published["repo"] == "acme/tts" and published["commit"] == commit
        assert "dn=acme%2Ftts" in published["magnet"] and "&ws=" in published["magnet"]

        # A bare libtorrent session, no peer: libtorrent's own web-seed client, BEP 19 multi-file URLs.
        with LtPeer("leech", t, tmp_path / "lt", tmp_path) as leech:
            assert leech.proc.wait(60) == 0, leech.proc.stderr.read()
        # qBittorrent, no peer.
        with QBittorrent(tmp_path / "qbt") as qbt:
            qbt.add(t, tmp_path / "qb", skip_checking=False)
            qbt.wait_state({"uploading", "stalledUP", "queuedUP", "pausedUP", "stoppedUP"}, timeout=90)
        # transmission-cli 3 (Debian 12's) cannot read a v2 info dictionary: it gets the v1-only form.
        v1 = tmp_path / "tts-v1.torrent"
        published_v1, _ = _publish(md, str(folder), "--web-seed", web.url, "--v1-only", "--out", str(v1))
        assert published_v1["btmh"] is None and published_v1["btih"] != published["btih"]
        transmission_leech(v1, tmp_path / "tr", timeout=90)
        # ModelDesk on another machine (its own library): the files land in the folder itself, as
        # `get hf://` puts them.
        other = MdHome(tmp_path / "home2")
        other.configure()
        r = other.run("get", str(t), "--to", str(tmp_path / "md"), "--no-seed", "--json", "--timeout", "60")
        assert r.code == 0, r.stderr
        assert not [e for e in r.events if e["event"] == "placed"]
        # The publisher's own library places its copy instead.
        r = md.run("get", str(t), "--to", str(tmp_path / "md2"), "--no-seed", "--json", "--timeout", "60")
        assert r.code == 0, r.stderr
        assert sorted(Path(e["path"]).name for e in r.events if e["event"] == "placed") == sorted(
            Path(rel).name for rel in SIZES)
    for rel in SIZES:
        assert sha(tmp_path / "lt" / commit / rel) == sha(repo / rel)
        assert sha(tmp_path / "tr" / commit / rel) == sha(repo / rel)
        assert sha(tmp_path / "qb" / commit / rel) == sha(repo / rel)
        assert sha(tmp_path / "md" / rel) == sha(repo / rel)
        assert sha(tmp_path / "md2" / rel) == sha(repo / rel)
    assert other.run("verify", str(tmp_path / "md")).code == 0
    assert md.run("verify", str(tmp_path / "md2")).code == 0


def test_a_published_hub_model_is_seeded_from_its_folder(md, tmp_path, hub_model):
    """publish (seeding) serves the files where `get hf://` put them; a bare libtorrent peer fetches them."""
    folder, repo, commit = hub_model
    t = tmp_path / "tts.torrent"
    proc = md.popen("publish", str(folder), "--out", str(t), "--json")
    try:
        port = None
        for e in read_events(proc):
            if e["event"] == "listening":
                port = e["port"]
            if e["event"] == "finished":
                break
            assert e["event"] != "failed", e
        assert port
        with LtPeer("leech", t, tmp_path / "lt", tmp_path, peers=[f"127.0.0.1:{port}"]) as leech:
            assert leech.proc.wait(60) == 0, leech.proc.stderr.read()
    finally:
        stop_process(proc)
    for rel in SIZES:
        assert sha(tmp_path / "lt" / commit / rel) == sha(repo / rel)


def test_bad_publish_sources_get_a_sentence(md, tmp_path):
    empty = tmp_path / "empty"
    (empty / ".modeldesk").mkdir(parents=True)
    cases = {
        str(empty): "holds no file",
        str(tmp_path / "nothing-here"): "neither a folder nor a job",
    }
    for source, words in cases.items():
        r = md.run("publish", source, "--no-seed")
        assert r.code == 2 and words in r.stderr, r.stderr
        assert "Traceback" not in r.stderr
    top = make_model(tmp_path, "m", sizes={"a.bin": 10})
    r = md.run("publish", str(top), "--web-seed", "ftp://x/", "--no-seed")
    assert r.code == 2 and "http(s)" in r.stderr, r.stderr
    assert not (tmp_path / "m.torrent").exists()



def test_a_hub_folder_whose_file_was_changed_is_not_published_as_the_repo(md, tmp_path, hub_model):
    """One byte of a weight changed since `get hf://` (size and time kept): publishing it would seed the
    tampered bytes to everyone under the repo's name and commit. It is refused, naming the file."""
    folder, _repo, _commit = hub_model
    w = folder / "model.safetensors"
    st = w.stat()
    data = bytearray(w.read_bytes())
    data[len(data) // 2] ^= 0x01
    w.write_bytes(bytes(data))
    os.utime(w, ns=(st.st_atime_ns, st.st_mtime_ns))
    r = md.run("publish", str(folder), "--no-seed", "--out", str(tmp_path / "x.torrent"))
    assert r.code == 2 and "model.safetensors" in r.stderr and "no longer the file of acme/tts" in r.stderr, r.stderr
    assert not (tmp_path / "x.torrent").exists()
