"""Pull-through: a repo the library lacks is fetched once from the server's mirror into the library and
streamed to every client as its bytes arrive. Four official clients at once cause one download (the
upstream's bytes counted at its nginx); the first bytes reach a client long before the file is whole;
afterwards the repo is the library's (served with the mirror stopped); --offline says so and fetches
nothing."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import huggingface_hub
import pytest
import requests

from modeldesk.core.http.downloader import SIDECAR_SAVE_S

from tests.helpers.hub_server import HubServer
from tests.helpers.nginx import Nginx
from tests.helpers.shaping_proxy import ShapingProxy
from tests.helpers.swarm import make_model, sha
from tests.integration.test_serve import Served

pytestmark = pytest.mark.integration

MiB = 1024 * 1024
SIZES = {"model.safetensors": 12 * MiB + 3, "config.json": 123, "tokenizer.json": 20 * 1024}


@pytest.mark.timing  # when the first byte arrives against the whole download: wall clock, so run alone
def test_four_clients_one_download_streamed_as_it_arrives(md, tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_DISABLE_TELEMETRY", "1")
    repo = make_model(tmp_path / "hub" / "acme", "tts", sizes=SIZES)
    with HubServer(tmp_path / "hub") as hub, Nginx(hub.cdn_dir, tmp_path / "cdn") as cdn, \
            ShapingProxy(cdn.port, total_rate=2 * MiB) as thin, Served(md, "--mirror", hub.url) as lab:
        hub.cdn_base = thin.url  # the LFS file comes in at 2 MiB/s upstream, whatever the connections
        url = f"{lab.url}/acme/tts/resolve/main/model.safetensors"
        head = requests.head(url, timeout=10)
        started = time.monotonic()
        first_byte: list[float] = []

        def stream_one():
            with requests.get(url, stream=True, timeout=60) as r:
                for _ in r.iter_content(64 * 1024):
                    first_byte.append(time.monotonic() - started)
                    break

        results: dict[int, str] = {}

        def client(i: int) -> None:
            results[i] = huggingface_hub.snapshot_download("acme/tts", endpoint=lab.url,
                                                           cache_dir=tmp_path / f"cache{i}")

        streamer = threading.Thread(target=stream_one)
        streamer.start()
        clients = [threading.Thread(target=client, args=(i,)) for i in range(4)]
        for c in clients:
            c.start()
        for c in [streamer, *clients]:
            c.join(120)
        took = time.monotonic() - started
        upstream = cdn.settled_bytes_served()
    assert head.status_code == 200 and int(head.headers["X-Linked-Size"]) == SIZES["model.safetensors"]
    assert head.headers["X-Repo-Commit"] == hub.commit("acme/tts")
    assert len(results) == 4, "every client finished"
    for folder in results.values():
        for rel in SIZES:
            assert sha(Path(folder) / rel) == sha(repo / rel), rel
    assert upstream < 1.5 * SIZES["model.safetensors"], f"{upstream} bytes upstream for 4 clients: not one download"
    assert first_byte and first_byte[0] < took / 2, f"first byte after {first_byte} s of {took:.1f} s"

    # the repo is now the library's: served with every mirror gone
    with Served(md) as lab:
        again = huggingface_hub.snapshot_download("acme/tts", endpoint=lab.url, cache_dir=tmp_path / "after")
    assert sha(Path(again) / "model.safetensors") == sha(repo / "model.safetensors")


def test_offline_serves_the_library_only_and_says_so(md, tmp_path):
    make_model(tmp_path / "hub" / "acme", "tts", sizes={"config.json": 10})
    with HubServer(tmp_path / "hub") as hub, Served(md, "--mirror", hub.url, "--offline") as lab:
        r = requests.get(f"{lab.url}/api/models/acme/tts/revision/main", timeout=10)
        asked = [p for p in hub.requests if "acme/tts" in p]
    assert r.status_code == 404 and "--offline" in r.json()["error"]
    assert asked == [], "an offline server asks no mirror"


def test_a_branch_is_the_mirrors_commit_when_they_answer_and_the_librarys_when_not(md, tmp_path):
    """The library fetched acme/tts's main at commit A; the hub has moved main to B. Online, main is B (as
    the hub says now); with no mirror answering, main is A (as the official client reads it offline)."""
    make_model(tmp_path / "hub" / "acme", "tts", sizes={"config.json": 10, "model.safetensors": 64 * 1024})
    with HubServer(tmp_path / "hub") as hub:
        old = hub.commit("acme/tts")
        assert md.run("get", "hf://acme/tts", "--mirror", hub.url, "--to", str(tmp_path / "m"), "--no-seed").code == 0
    (tmp_path / "hub" / "acme" / "tts" / "config.json").write_text('{"v": 2}')
    with HubServer(tmp_path / "hub") as hub, Served(md, "--mirror", hub.url) as lab:
        new = hub.commit("acme/tts")
        online = requests.get(f"{lab.url}/api/models/acme/tts/revision/main", timeout=10).json()["sha"]
        pinned = requests.get(f"{lab.url}/acme/tts/resolve/{old}/config.json", timeout=10)
    with Served(md) as lab:
        offline = requests.get(f"{lab.url}/api/models/acme/tts/revision/main", timeout=10).json()["sha"]
    assert new != old and online == new and offline == old
    assert pinned.status_code == 200 and pinned.content == (tmp_path / "m" / "config.json").read_bytes(), \
        "the old commit is still the library's, served from it"


def _saved_bytes(cache: Path) -> int:
    """What the maps of finished ranges of the partial files under `cache` say is on disk."""
    return sum(b - a for m in cache.rglob("*.map") for a, b, _src in json.loads(m.read_text())["done"])


def test_a_pull_through_killed_midway_resumes_on_the_next_request(md, tmp_path):
    """kill -9 of the server while it pulls a repo through; the restarted server resumes the library's
    job from what was on disk, with no client asking: it fetches what its map of finished ranges lacked,
    and that map was at most about a save interval behind. Bytes are counted where they reach the server
    (the proxy's writes to it): nginx's own count also holds what sat in the kernel's buffers between
    nginx and the proxy when the server died (up to 5.5 MB over 16 connections in one CI run)."""
    import signal

    make_model(tmp_path / "hub" / "acme", "big", sizes={"model.safetensors": 12 * MiB, "config.json": 7})
    weights = tmp_path / "hub" / "acme" / "big" / "model.safetensors"
    cache = md.root / "data" / "lab-cache"
    with HubServer(tmp_path / "hub") as hub, Nginx(hub.cdn_dir, tmp_path / "cdn") as cdn, \
            ShapingProxy(cdn.port, total_rate=2 * MiB) as thin:
        hub.cdn_base = thin.url
        first = Served(md, "--mirror", hub.url)
        url = f"{first.url}/acme/big/resolve/main/model.safetensors"
        # Killed once half the model has reached it. (A client that waits for its first 4 MiB waits for
        # nearly all of it: the server fetches the file's parts side by side, over many connections.)
        with requests.get(url, stream=True, timeout=60):
            deadline = time.monotonic() + 30
            while thin.delivered < 6 * MiB and time.monotonic() < deadline:
                time.sleep(0.05)
            first.proc.send_signal(signal.SIGKILL)
            first.proc.wait(10)
        before, saved = thin.delivered, _saved_bytes(cache)
        with Served(md, "--mirror", hub.url) as again:
            deadline = time.monotonic() + 60
            while not list(cache.rglob("model.safetensors")) and time.monotonic() < deadline:
                time.sleep(0.2)  # resumed by the restart itself
            assert list(cache.rglob("model.safetensors")), "not resumed at restart"
            body = requests.get(f"{again.url}/acme/big/resolve/main/model.safetensors", timeout=120).content
        again_bytes = thin.delivered - before
        left_nginx = cdn.settled_bytes_served()
    print(f"pull-through killed midway: {before / MiB:.1f} MiB reached the server, its map held {saved / MiB:.1f}; "
          f"after the restart it took in {again_bytes / MiB:.1f} MiB; {left_nginx / MiB:.1f} MiB left nginx")
    assert body == weights.read_bytes()
    assert 6 * MiB <= before < 10 * MiB, f"killed after {before} bytes, not midway"
    # Measured: 6.0 MiB in, 4.0 in the map (saved once a second, at the proxy's 2 MiB/s); after the
    # restart 8.8-9.0 MiB, 0.8-1.0 more than was missing (requests cut short as the connections are tuned).
    # Fetched again from the start, it would be 12.
    assert 2 * MiB <= saved and before - saved <= 2 * SIDECAR_SAVE_S * 2 * MiB, \
        f"the map held {saved} bytes of the {before} that had come: more than 2 save intervals behind"
    assert again_bytes < 12 * MiB - saved + 2 * MiB, \
        f"after the restart the server took in {again_bytes} bytes, and only {12 * MiB - saved} were missing"


def test_a_full_disk_is_said_before_a_byte_and_the_library_is_still_served(md, tmp_path):
    """The lab-cache on a 2 MiB file system: a 12 MiB repo pulled through is answered 507 with the room it
    needs (not a stream that breaks off), nothing is written for it, and the server serves on; the
    official client shows the server's sentence."""
    from huggingface_hub.errors import HfHubHTTPError

    from tests.helpers.disk import small_disk

    make_model(tmp_path / "hub" / "acme", "tts", sizes=SIZES)
    make_model(tmp_path / "hub" / "acme", "small", sizes={"config.json": 64})
    with small_disk(md.root / "data" / "lab-cache", 2 * 1024) as cache, HubServer(tmp_path / "hub") as hub, \
            Served(md, "--mirror", hub.url) as lab:
        full = requests.get(f"{lab.url}/acme/tts/resolve/main/config.json", timeout=30)
        with pytest.raises(HfHubHTTPError) as raised:
            huggingface_hub.hf_hub_download("acme/tts", "model.safetensors", endpoint=lab.url,
                                            cache_dir=tmp_path / "c")
        small = requests.get(f"{lab.url}/acme/small/resolve/main/config.json", timeout=30)
        written = sorted(p.name for p in cache.rglob("*") if p.is_file())
    assert full.status_code == 507 and "no room" in full.json()["error"] and "12.0 MiB" in full.json()["error"]
    assert "no room" in str(raised.value)
    assert not any(n.startswith(("model.safetensors", "tokenizer.json")) for n in written), written
    assert small.status_code == 200
    assert small.content == (tmp_path / "hub" / "acme" / "small" / "config.json").read_bytes()
