"""Mirror probing: `modeldesk mirrors probe` ranks real mirrors, hub jobs list the fastest mirror
first, and a long download looks again at a mirror it gave up on."""

from __future__ import annotations

import hashlib
import json
import threading
import time

import pytest

from modeldesk.core.http import downloader, mirrors
from modeldesk.core.http.downloader import FileDownload, FileSpec
from modeldesk.core.http.prober import probe_all
from tests.helpers.faulty_http import FaultyServer
from tests.helpers.ports import free_port
from tests.helpers.hub_server import HubServer
from tests.helpers.nginx import Nginx
from tests.helpers.swarm import write_random

pytestmark = pytest.mark.integration

MiB = 1024 * 1024


def test_probe_ranks_plain_mirrors(md, tmp_path):
    www = tmp_path / "www"
    write_random(www / "model.bin", 4 * MiB)
    with Nginx(www, tmp_path / "fast") as fast, Nginx(www, tmp_path / "slow", "limit_rate 256k;") as slow, \
            FaultyServer(www, "status:500") as broken:
        r = md.run("mirrors", "probe", f"{slow.url}/model.bin", "--url", f"{broken.url}/model.bin",
                   "--url", f"{fast.url}/model.bin", "--json", check_json=False)
        table = md.run("mirrors", "probe", f"{slow.url}/model.bin", "--url", f"{fast.url}/model.bin",
                       check_json=False)
    assert r.code == 0, r.stderr
    rows = json.loads(r.stdout)
    assert [row["url"].split("/")[2] for row in rows] == [fast.url[7:], slow.url[7:], broken.url[7:]]
    assert rows[0]["rank"] == 1 and rows[0]["throughput"] > 4 * rows[1]["throughput"]
    assert rows[2]["rank"] is None and rows[2]["health"] == "HTTP 500"
    assert table.code == 0 and "first byte" in table.stdout and fast.url[7:] in table.stdout.splitlines()[2]


def test_probe_of_a_hub_repo_uses_its_biggest_file(md, tmp_path):
    root = tmp_path / "hub"
    write_random(root / "acme" / "m" / "model.safetensors", 3 * MiB)
    (root / "acme" / "m" / "config.json").write_text("{}\n")
    dead = f"http://127.0.0.1:{free_port()}"
    with HubServer(root) as hub:
        r = md.run("mirrors", "probe", "hf://acme/m", "--mirror", dead, "--mirror", hub.url, check_json=False)
    assert r.code == 0, r.stderr
    lines = r.stdout.splitlines()
    assert "acme/m/model.safetensors" in lines[0]
    assert lines[2].split()[0] == "1" and hub.url[7:] in lines[2]
    assert dead[7:] in lines[3] and "ConnectionError" in lines[3]


def test_a_given_up_mirror_rejoins_after_a_reprobe(tmp_path, monkeypatch):
    monkeypatch.setattr(mirrors, "MAX_CONSECUTIVE_FAILURES", 1)
    monkeypatch.setattr(downloader, "PROBE_EVERY_S", 1.0)
    www = tmp_path / "www"
    f = www / "model.bin"
    write_random(f, 12 * MiB)
    sha = hashlib.sha256(f.read_bytes()).hexdigest()
    with FaultyServer(www, "status:500") as flaky, Nginx(www, tmp_path / "slow", "limit_rate 1m;") as slow:
        spec = FileSpec((f"{flaky.url}/model.bin", f"{slow.url}/model.bin"), tmp_path / "out" / "model.bin",
                        f.stat().st_size, sha)
        dl = FileDownload(spec, connections=2)
        t = threading.Thread(target=dl.run)
        t.start()
        deadline = time.monotonic() + 10
        while not dl.mirrors.mirrors[0].failures and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not dl.mirrors.mirrors[0].usable, "the failing mirror was given up"
        flaky.mode = "ok"  # it recovers
        t.join(60)
    assert not t.is_alive()
    assert (tmp_path / "out" / "model.bin").read_bytes() == f.read_bytes()
    assert dl.mirrors.mirrors[0].bytes_served > 0, "the recovered mirror carried part of the file again"


@pytest.mark.timing
def test_a_burst_at_the_start_of_a_request_does_not_fool_the_ranking(tmp_path):
    """nginx's limit_rate sends each request's first 2 MiB at once: a probe that stops early rated a
    4 MiB/s-per-connection mirror above an unthrottled one in 2 of 5 trials. Rated past the burst,
    the unthrottled one is first every time, and a probe of both takes at most 2 s."""
    www = tmp_path / "www"
    write_random(www / "model.bin", 64 * MiB)
    with Nginx(www, tmp_path / "fast") as fast, Nginx(www, tmp_path / "capped", "limit_rate 4m;") as capped:
        for _ in range(5):
            t0 = time.monotonic()
            ranked = probe_all([f"{capped.url}/model.bin", f"{fast.url}/model.bin"])
            took = time.monotonic() - t0
            assert [r.url for r in ranked] == [f"{fast.url}/model.bin", f"{capped.url}/model.bin"], ranked
            assert took < 2.0, f"the probe took {took:.1f} s"
            assert ranked[1].throughput < 8 * MiB, f"the capped mirror rated {ranked[1].throughput / MiB:.0f} MiB/s"


def test_a_trickling_mirror_is_not_called_healthy(tmp_path):
    """Two bytes a second: it answers, so it looked "ok" beside a real mirror. It is ranked last, named
    too slow, and given no rank."""
    www = tmp_path / "www"
    write_random(www / "model.bin", 4 * MiB)
    with Nginx(www, tmp_path / "good") as good, FaultyServer(www, "trickle") as trickle:
        ranked = probe_all([f"{trickle.url}/model.bin", f"{good.url}/model.bin"])
    assert [r.url for r in ranked] == [f"{good.url}/model.bin", f"{trickle.url}/model.bin"]
    assert ranked[0].healthy and not ranked[1].healthy and ranked[1].health.startswith("too slow"), ranked
