"""Hostile and heavy use of the lab server: traversal in its URL forms and through a link planted in a
model's folder, many-part and past-the-end ranges, a thousand idle connections and a client that does
not read, and a pull-through whose only mirror lies: each gets a clear status, nothing outside the
library is read, and no client completes a file that is not the commit's."""

from __future__ import annotations

import http.client
import socket
import time

import pytest
import requests

from tests.helpers.hub_server import HubServer
from tests.helpers.swarm import make_model
from tests.integration.test_serve import SIZES, Served, held  # noqa: F401 (the fixture)

pytestmark = pytest.mark.integration

SECRET = b"root:x:0:0:the file outside the library\n"


def _raw_get(url: str, path: str) -> tuple[int, bytes]:
    """GET with the path sent exactly as written (no client-side normalising of '..' or '%2e')."""
    host, port = url.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=10)
    try:
        conn.putrequest("GET", path, skip_host=False, skip_accept_encoding=True)
        conn.endheaders()
        r = conn.getresponse()
        return r.status, r.read()
    finally:
        conn.close()


def test_traversal_in_every_form_reads_nothing_outside(md, tmp_path, held):  # noqa: F811
    _, commit, folder = held
    outside = tmp_path / "outside.txt"
    outside.write_bytes(SECRET)
    size = SIZES["config.json"]
    twin = tmp_path / "twin.json"  # the size the manifest expects: only the path check stops it
    twin.write_bytes(SECRET * (size // len(SECRET)) + SECRET[: size % len(SECRET)])
    (folder / "config.json").unlink()
    (folder / "config.json").symlink_to(twin)
    attempts = [f"/acme/tts/resolve/main/../../../{outside}", "/acme/tts/resolve/main/%2e%2e/%2e%2e/outside.txt",
                "/acme/tts/resolve/main/..%2f..%2f..%2foutside.txt", f"/acme/tts/resolve/main/{outside}",
                f"/acme/tts/resolve/main/%2F{str(outside).lstrip('/').replace('/', '%2F')}",
                "/acme/../../resolve/main/outside.txt", f"/api/models/acme/tts/tree/main/..%2f..%2f{tmp_path.name}",
                "/acme/tts/resolve/main/config.json", f"/acme/tts/resolve/{commit}/config.json"]
    with Served(md) as lab:
        answers = {a: _raw_get(lab.url, a) for a in attempts}
    for path, (status, body) in answers.items():
        assert status in (400, 404, 409, 410), (path, status)
        assert b"root:x" not in body, f"{path} read a file outside the library"


def test_ranges_idle_connections_and_a_reader_that_never_reads(md, tmp_path, held):  # noqa: F811
    repo, _, _ = held
    weights = (repo / "model.safetensors").read_bytes()
    with Served(md) as lab:
        url = f"{lab.url}/acme/tts/resolve/main/model.safetensors"
        many = requests.get(url, headers={"Range": "bytes=0-1,5-9"}, timeout=10)
        host, port = lab.url.removeprefix("http://").split(":")
        idle = [socket.create_connection((host, int(port)), timeout=10) for _ in range(1000)]
        stuck = socket.create_connection((host, int(port)), timeout=10)
        stuck.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        stuck.sendall(f"GET /acme/tts/resolve/main/model.safetensors HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
        time.sleep(0.5)
        started = time.monotonic()
        fine = requests.get(f"{lab.url}/acme/tts/resolve/main/config.json", timeout=10)
        took = time.monotonic() - started
        for s in (*idle, stuck):
            s.close()
    assert many.status_code == 200 and many.content == weights, "several ranges: the whole file, as RFC 9110 allows"
    assert fine.status_code == 200 and took < 3, f"a request beside 1,000 idle connections took {took:.1f} s"


def test_a_pull_through_from_a_lying_mirror_completes_no_client(md, tmp_path):
    make_model(tmp_path / "hub" / "acme", "bad", sizes={"model.safetensors": 2 * 1024 * 1024, "config.json": 5})
    with HubServer(tmp_path / "hub", cdn_mode="flip") as hub, Served(md, "--mirror", hub.url) as lab:
        r = requests.get(f"{lab.url}/acme/bad/resolve/main/model.safetensors", stream=True, timeout=60)
        expected = int(r.headers["Content-Length"])
        got = 0
        with pytest.raises(requests.exceptions.RequestException):
            for chunk in r.iter_content(64 * 1024):
                got += len(chunk)
    assert got < expected, "a client received a whole file that fails its sha256"
