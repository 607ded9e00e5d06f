"""`modeldesk get URL`: many connections, many mirrors, resume, sha256, and mirrors that misbehave.
nginx for honest mirrors, tests/helpers/faulty_http.py for the faults; all on 127.0.0.1."""

from __future__ import annotations

import hashlib
import signal

import pytest

from tests.helpers.cli import read_events
from tests.helpers.faulty_http import FaultyServer
from tests.helpers.nginx import Nginx
from tests.helpers.swarm import random_payload

pytestmark = pytest.mark.integration

MiB = 1024 * 1024


@pytest.fixture
def payload(tmp_path):
    return random_payload(tmp_path / "www", 24 * MiB + 12345)


def leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if p.name != "model.safetensors")


def test_many_connections_one_mirror_verified(md, tmp_path, payload):
    www, f, sha = payload
    with Nginx(www, tmp_path / "ngx") as web:
        r = md.run("get", f"{web.url}/model.safetensors", "--to", str(tmp_path / "proj"), "--sha256", sha,
                   "--connections", "6", "--json")
        gets = web.requests_served()
    assert r.code == 0, r.stderr
    out = tmp_path / "proj"
    assert (out / "model.safetensors").read_bytes() == f.read_bytes()
    assert leftovers(out) == [], "no .mdpart or segment map left behind"
    assert gets >= 6, "six connections means at least six ranged requests"
    assert r.last("progress")["state"] == "finished"


def test_fast_and_slow_mirror_share_the_work(md, tmp_path, payload):
    www, f, sha = payload
    with Nginx(www, tmp_path / "fast") as fast, Nginx(www, tmp_path / "slow", "limit_rate 512k;") as slow:
        r = md.run("get", f"{slow.url}/model.safetensors", "--url", f"{fast.url}/model.safetensors",
                   "--to", str(tmp_path / "proj"), "--sha256", sha, "--json", "--connections", "4")
        fast_n, slow_n = fast.requests_served(), slow.requests_served()
    assert r.code == 0, r.stderr
    assert (tmp_path / "proj" / "model.safetensors").read_bytes() == f.read_bytes()
    assert fast_n > slow_n, (fast_n, slow_n)


def test_mirror_sending_flipped_bytes_is_caught_and_replaced(md, tmp_path, payload):
    www, f, sha = payload
    with FaultyServer(www, "flip") as liar, Nginx(www, tmp_path / "ngx") as honest:
        r = md.run("get", f"{liar.url}/model.safetensors", "--url", f"{honest.url}/model.safetensors",
                   "--to", str(tmp_path / "proj"), "--sha256", sha, "--json", "--connections", "4")
        assert liar.gets() > 0, "the liar must have been used, or this proves nothing"
    assert r.code == 0, r.stderr
    assert hashlib.sha256((tmp_path / "proj" / "model.safetensors").read_bytes()).hexdigest() == sha


def test_only_a_lying_mirror_fails_without_a_final_name(md, tmp_path, payload):
    www, f, sha = payload
    with FaultyServer(www, "flip") as liar:
        r = md.run("get", f"{liar.url}/model.safetensors", "--to", str(tmp_path / "proj"), "--sha256", sha)
    assert r.code == 3, r.stderr
    assert "sha256" in r.stderr and "Traceback" not in r.stderr
    assert list((tmp_path / "proj").iterdir()) == [], "a file that fails verification never gets its name"


@pytest.mark.parametrize("mode", ["status:500", "status:429", "norange", "truncate"])
def test_faulty_mirror_with_a_good_one_still_completes(md, tmp_path, payload, mode):
    www, f, sha = payload
    with FaultyServer(www, mode) as bad, Nginx(www, tmp_path / "ngx") as good:
        r = md.run("get", f"{bad.url}/model.safetensors", "--url", f"{good.url}/model.safetensors",
                   "--to", str(tmp_path / "proj"), "--sha256", sha, "--json", "--connections", "4")
        assert bad.gets() > 0
    assert r.code == 0, r.stderr
    assert (tmp_path / "proj" / "model.safetensors").read_bytes() == f.read_bytes()


def test_stalled_connection_is_dropped_and_reassigned(md, tmp_path, payload):
    www, f, sha = payload
    with FaultyServer(www, "stall") as staller, Nginx(www, tmp_path / "ngx") as good:
        r = md.run("get", f"{staller.url}/model.safetensors", "--url", f"{good.url}/model.safetensors",
                   "--to", str(tmp_path / "proj"), "--sha256", sha, "--stall-timeout", "2", "--connections", "4")
    assert r.code == 0, r.stderr
    assert (tmp_path / "proj" / "model.safetensors").read_bytes() == f.read_bytes()


def test_not_found_everywhere_is_bad_input(md, tmp_path, payload):
    www, _, _ = payload
    with Nginx(www, tmp_path / "ngx") as web:
        r = md.run("get", f"{web.url}/nope.bin", "--to", str(tmp_path / "proj"))
    assert r.code == 2
    assert "not found" in r.stderr and "404" in r.stderr and "Traceback" not in r.stderr


def test_unreachable_mirror_is_a_network_error(md, tmp_path):
    from tests.helpers.ports import free_port

    r = md.run("get", f"http://127.0.0.1:{free_port()}/model.bin", "--to", str(tmp_path / "proj"))
    assert r.code == 3 and "no mirror could serve" in r.stderr.lower()


def test_sigkill_then_rerun_fetches_only_the_rest(md, tmp_path, payload):
    www, f, sha = payload
    out = tmp_path / "proj"
    # 4 connections x 1 MiB/s: slow enough to cut off mid-way.
    with Nginx(www, tmp_path / "ngx", "limit_rate 1m;") as slow:
        args = ["get", f"{slow.url}/model.safetensors", "--to", str(out), "--sha256", sha, "--json",
                "--connections", "4"]
        proc = md.popen(*args)
        done_at_kill = 0
        try:
            for e in read_events(proc):
                if e["event"] == "progress":
                    done_at_kill = e["total_done"]
                    if e["progress"] > 0.3:
                        break
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.wait(10)
        assert 0 < done_at_kill < f.stat().st_size
        assert not (out / "model.safetensors").exists()
    with Nginx(www, tmp_path / "ngx2") as fast:
        r = md.run("get", f"{fast.url}/model.safetensors", "--to", str(out), "--sha256", sha, "--json")
    assert r.code == 0, r.stderr
    again = r.last("progress")["session_downloaded"]
    remaining = f.stat().st_size - done_at_kill
    # Lost to the kill: at most what arrived since the last segment-map save (1 s at 4 MiB/s).
    assert again <= remaining + 4 * MiB, (again, remaining)
    assert (out / "model.safetensors").read_bytes() == f.read_bytes()
    assert leftovers(out) == []
