"""Proxy settings on real parts, all on 127.0.0.1: microsocks (SOCKS5) and tinyproxy (HTTP), both
asking for a user and password; the password lives in a real Secret Service keyring. Mirror downloads
and BitTorrent peer connections go through the proxy, a wrong password fails with a message that names
the proxy (and never the password), and nothing falls back to a direct connection."""

from __future__ import annotations

import dataclasses
import queue
import sys

import pytest

from modeldesk.core.contracts import events as ev
from modeldesk.core.sources.adds import HttpAdd, TorrentAdd
from modeldesk.core.runtime.manager import Manager
from modeldesk.core.config.paths import default_paths
from modeldesk.core.config.secrets import set_proxy_password
from modeldesk.core.config.settings import ProxySettings, load_settings, save_settings
from modeldesk.core.torrent.sources import parse_magnet, parse_torrent_file
from tests.core.torrent.test_engine import wait_for
from tests.helpers.keyring_session import KeyringSession, files_containing
from tests.helpers.nginx import Nginx
from tests.helpers.proxies import MicroSocks, TinyProxy
from tests.helpers.swarm import LtPeer, make_model, make_torrent, random_payload, sha

pytestmark = pytest.mark.integration

MiB = 1024 * 1024
SECRET = "s3cret-proxy-pw"


def run_job(md, proxy: ProxySettings, password: str, add, until: type, timeout: float):
    """Save settings with this proxy (its password in the keyring first), start a Manager from them,
    add the job and return its first `until` event (JobFinished or JobFailed); the Manager stops."""
    paths = default_paths({"MODELDESK_HOME": str(md.root)})
    settings = dataclasses.replace(load_settings(paths.ensure().settings_file), proxy=proxy)
    save_settings(paths.settings_file, settings)
    set_proxy_password(proxy, password)
    events: queue.Queue = queue.Queue()
    m = Manager(paths, settings, events.put)
    m.start()
    try:
        job = m.add(add).result(10)
        return wait_for(events, lambda e: isinstance(e, until) and e.job_id == job, timeout)
    finally:
        assert m.stop(10)


def modeldesk(*args: str) -> list[str]:
    return [sys.executable, "-m", "modeldesk", *args]



def test_mirror_downloads_go_through_a_socks5_proxy_with_the_keyring_password(md, tmp_path, keyring_daemon):
    www, f, digest = random_payload(tmp_path / "www", 8 * MiB)
    with Nginx(www, tmp_path / "ngx") as web, MicroSocks("md", SECRET) as socks:
        proxy = ProxySettings(kind="socks5", host="127.0.0.1", port=socks.port, username="md")
        add = HttpAdd((f"{web.url}/{f.name}",), str(tmp_path / "proj"), digest, connections=4)
        run_job(md, proxy, SECRET, add, ev.JobFinished, 30)
        log = socks.stop()
    assert sha(tmp_path / "proj" / f.name) == digest
    assert f"connected to 127.0.0.1:{web.port}" in log, log
    assert files_containing(md.root, SECRET) == [], "the password is in the keyring only"


def test_a_wrong_password_fails_naming_the_proxy_and_nothing_goes_direct(md, tmp_path, keyring_daemon):
    www, f, digest = random_payload(tmp_path / "www", 1 * MiB)
    with Nginx(www, tmp_path / "ngx") as web, MicroSocks("md", SECRET) as socks:
        proxy = ProxySettings(kind="socks5", host="127.0.0.1", port=socks.port, username="md")
        add = HttpAdd((f"{web.url}/{f.name}",), str(tmp_path / "proj"), digest)
        failed = run_job(md, proxy, "not-the-password", add, ev.JobFailed, 60)
        served = web.requests_served()
    reason = str(failed.reason)
    assert f"SOCKS5 proxy 127.0.0.1:{socks.port}" in reason and "Settings" in reason, reason
    assert "not-the-password" not in reason and "not-the-password" not in failed.reason.stored()
    assert served == 0, "no request reached the mirror around the proxy"
    assert not (tmp_path / "proj" / f.name).exists()


def test_mirror_downloads_go_through_an_http_proxy_with_basic_auth(md, tmp_path, keyring_daemon):
    www, f, digest = random_payload(tmp_path / "www", 8 * MiB)
    with Nginx(www, tmp_path / "ngx") as web, TinyProxy(tmp_path / "tp", "md", SECRET) as tp:
        proxy = ProxySettings(kind="http", host="127.0.0.1", port=tp.port, username="md")
        add = HttpAdd((f"{web.url}/{f.name}",), str(tmp_path / "proj"), digest, connections=4)
        run_job(md, proxy, SECRET, add, ev.JobFinished, 30)
        log = tp.log()
    assert sha(tmp_path / "proj" / f.name) == digest
    assert f"127.0.0.1:{web.port}/{f.name}" in log, log


def test_torrent_peers_are_reached_through_the_socks5_proxy(md, tmp_path, keyring_daemon):
    top = make_model(tmp_path / "seed")
    make_torrent(top, tmp_path / "m.torrent")
    ih = parse_torrent_file(str(tmp_path / "m.torrent")).job_id
    with LtPeer("seed", tmp_path / "m.torrent", top.parent, tmp_path) as seed, MicroSocks("md", SECRET) as socks:
        proxy = ProxySettings(kind="socks5", host="127.0.0.1", port=socks.port, username="md")
        magnet = parse_magnet(f"magnet:?xt=urn:btih:{ih}&x.pe=127.0.0.1:{seed.port}")
        run_job(md, proxy, SECRET, TorrentAdd(magnet, str(tmp_path / "proj"), seed=False), ev.JobFinished, 60)
        log = socks.stop()
    got = tmp_path / "proj" / "tts-model/models/weights.safetensors"
    assert sha(got) == sha(top / "models/weights.safetensors")
    assert f"connected to 127.0.0.1:{seed.port}" in log, log


def test_the_cli_sets_the_proxy_and_get_goes_through_it(md, tmp_path):
    """`modeldesk proxy set` (password from stdin into a real keyring), then `modeldesk get` uses it."""
    www, f, digest = random_payload(tmp_path / "www", 4 * MiB)
    kr = KeyringSession(tmp_path / "krhome")
    with Nginx(www, tmp_path / "ngx") as web, MicroSocks("md", SECRET) as socks:
        r = kr.run(md.environ(), *modeldesk("proxy", "set", f"socks5h://md@127.0.0.1:{socks.port}"),
                   stdin=SECRET + "\n")
        assert r.returncode == 0, r.stderr
        assert f"SOCKS5 proxy 127.0.0.1:{socks.port} as md" in r.stdout and SECRET not in r.stdout
        r = kr.run(md.environ(), *modeldesk("get", f"{web.url}/{f.name}", "--to", str(tmp_path / "out"),
                                            "--sha256", digest))
        assert r.returncode == 0, r.stderr
        log = socks.stop()
    assert f"connected to 127.0.0.1:{web.port}" in log, log
    assert files_containing(md.root, SECRET) == []
    bad = md.run("proxy", "set", "socks5://md:inline@127.0.0.1:1080")
    assert bad.code == 2 and "Leave the password out" in bad.stderr and "inline" not in bad.stderr
    off = md.run("proxy", "off")
    assert off.code == 0 and "every connection is direct" in off.stdout
    assert load_settings(md.root / "config" / "settings.json").proxy.kind == "none"
