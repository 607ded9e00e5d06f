"""A running `seed --all` owns the library, and takes the models added while it runs: a `seed` or a
`get` started meanwhile hands its request over the service's socket and exits, and the service seeds
(or downloads, then seeds) them. Real processes and real libtorrent peers on 127.0.0.1."""

from __future__ import annotations

import json
import signal
import time

import pytest

from tests.helpers.cli import read_events
from tests.helpers.swarm import LtPeer, make_model, make_torrent, sha

pytestmark = pytest.mark.integration


def _model(tmp_path, tag: str, size: int):
    top = make_model(tmp_path / f"{tag}-data", name=f"{tag}-model", sizes={"weights.bin": size})
    torrent = tmp_path / f"{tag}.torrent"
    return top, torrent, make_torrent(top, torrent)


def _wait_for(path, digest: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.is_file() and sha(path) == digest:
            return
        time.sleep(0.3)
    raise AssertionError(f"{path} did not arrive")


def test_seed_all_takes_models_handed_over_while_it_runs(md, tmp_path):
    a_top, a_torrent, a_ih = _model(tmp_path, "a", 2 * 1024 * 1024)
    with LtPeer("seed", a_torrent, a_top.parent, tmp_path) as origin:
        got = md.run("get", f"magnet:?xt=urn:btih:{a_ih}&x.pe=127.0.0.1:{origin.port}", "--to",
                     str(tmp_path / "lab"), "--no-seed", "--json", "--timeout", "30")
        assert got.code == 0, got.stderr
    service = md.popen("seed", "--all", "--json")
    try:
        port = None
        for e in read_events(service):
            port = e.get("port", port) if e["event"] == "listening" else port
            if e["event"] == "finished":
                break
        assert port, service.stderr.read()

        # `seed FILE --from DIR` while the service runs: handed over, then served by the service.
        b_top, b_torrent, _ = _model(tmp_path, "b", 3 * 1024 * 1024)
        r = md.run("seed", str(b_torrent), "--from", str(b_top.parent), "--json", timeout=60)
        assert r.code == 0, r.stderr
        handed = r.last("handed_over")
        assert handed["pid"] == service.pid and handed["jobs"][0]["name"] == "b-model", handed
        with LtPeer("leech", b_torrent, tmp_path / "student", tmp_path, peers=[f"127.0.0.1:{port}"]) as leech:
            assert leech.proc.wait(60) == 0
        assert sha(tmp_path / "student" / "b-model" / "weights.bin") == sha(b_top / "weights.bin")

        # `get` of a magnet: the service downloads it into the project folder.
        c_top, c_torrent, c_ih = _model(tmp_path, "c", 2 * 1024 * 1024 + 7)
        with LtPeer("seed", c_torrent, c_top.parent, tmp_path) as c_origin:
            r = md.run("get", f"magnet:?xt=urn:btih:{c_ih}&x.pe=127.0.0.1:{c_origin.port}",
                       "--to", "proj", "--json", timeout=60, cwd=tmp_path)
            assert r.code == 0, r.stderr
            assert r.last("handed_over")["jobs"][0]["folder"] == str(tmp_path / "proj")
            _wait_for(tmp_path / "proj" / "c-model" / "weights.bin", sha(c_top / "weights.bin"))

        # A hand-over the service cannot take is refused with its reason, and the service goes on.
        bad = md.run("seed", str(tmp_path / "missing.torrent"), "--from", str(tmp_path), timeout=60)
        assert bad.code == 2 and "missing.torrent" in bad.stderr, bad.stderr
        assert service.poll() is None

        service.send_signal(signal.SIGTERM)
        assert service.wait(30) == 130, service.stderr.read()
    finally:
        if service.poll() is None:
            service.kill()
            service.wait()
    rows = {row["name"]: row for row in json.loads(md.run("list", "--json").stdout)}
    assert {"a-model", "b-model", "c-model"} <= set(rows), rows
    assert rows["c-model"]["project_dir"] == str(tmp_path / "proj")


def test_without_a_service_a_busy_library_is_still_refused(md, tmp_path):
    """No hand-over socket (the owner is a plain `get`): the old clear refusal, nothing handed anywhere."""
    waiting = md.popen("get", "magnet:?xt=urn:btih:" + "cd" * 20, "--to", str(tmp_path / "A"), "--json")
    try:
        assert any(e["event"] == "added" for e in read_events(waiting))
        top, torrent, _ = _model(tmp_path, "b", 1024 * 1024)
        r = md.run("seed", str(torrent), "--from", str(top.parent), timeout=60)
        assert r.code == 2 and "another modeldesk" in r.stderr.lower(), r.stderr
    finally:
        waiting.send_signal(signal.SIGINT)
        waiting.wait(20)
