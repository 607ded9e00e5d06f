"""Torrents that involve HTTP: a .torrent fetched from a URL, and web seeds (BEP 19) on nginx."""

from __future__ import annotations

import pytest

from tests.helpers.nginx import Nginx
from tests.helpers.swarm import make_model, make_torrent

pytestmark = pytest.mark.integration

FILES = ["models/weights.safetensors", "models/config.json", "samples/demo.wav", "README.md"]


def test_web_seed_only_no_peers(md, tmp_path):
    """No peer anywhere: every byte comes from the torrent's web seed, and is verified."""
    data = tmp_path / "www"
    top = make_model(data)
    web = Nginx(data, tmp_path / "nginx")
    with web:
        t = tmp_path / "m.torrent"
        make_torrent(top, t, web_seeds=[web.url + "/"])
        r = md.run("get", str(t), "--to", str(tmp_path / "proj"), "--no-seed", "--json", "--timeout", "30")
        assert web.requests_served() > 0
    assert r.code == 0, r.stderr
    for rel in FILES:
        assert (tmp_path / "proj" / "tts-model" / rel).read_bytes() == (top / rel).read_bytes()


def test_torrent_from_url_and_a_404(md, tmp_path):
    data = tmp_path / "www"
    top = make_model(data)
    with Nginx(data, tmp_path / "nginx") as web:
        make_torrent(top, data / "m.torrent", web_seeds=[web.url + "/"])
        r = md.run("get", f"{web.url}/m.torrent", "--to", str(tmp_path / "proj"), "--no-seed", "--json",
                   "--timeout", "30")
        missing = md.run("get", f"{web.url}/nope.torrent", "--to", str(tmp_path / "proj2"))
    assert r.code == 0, r.stderr
    assert (tmp_path / "proj" / "tts-model" / "README.md").read_bytes() == (top / "README.md").read_bytes()
    assert missing.code == 2
    assert "404" in missing.stderr and "Traceback" not in missing.stderr
    assert not (tmp_path / "proj2").exists(), "nothing is created for a source that failed"


def test_unreachable_torrent_url_is_a_network_error(md, tmp_path):
    from tests.helpers.ports import free_port

    r = md.run("get", f"http://127.0.0.1:{free_port()}/m.torrent", "--to", str(tmp_path / "p"))
    assert r.code == 3, r.stderr
    assert "could not fetch" in r.stderr.lower()
