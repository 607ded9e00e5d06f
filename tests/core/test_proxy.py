"""The proxy in force: its URL for requests (credentials quoted), libtorrent's settings for it, and how
requests sessions follow it or the environment."""

from __future__ import annotations

import json

import libtorrent as lt

from modeldesk.core.http.client import new_session
from modeldesk.core.config.proxy import Proxy
from modeldesk.core.config.settings import ProxySettings, load_settings
from modeldesk.core.torrent.session_config import proxy_pack

SOCKS = ProxySettings(kind="socks5", host="10.0.0.2", port=1080, username="lab user", hostnames=True)


def test_the_url_quotes_credentials_and_repr_hides_the_password():
    p = Proxy(SOCKS, "p@ss:w/rd")
    assert p.url() == "socks5h://lab%20user:p%40ss%3Aw%2Frd@10.0.0.2:1080"
    assert "p@ss" not in repr(p) and "w/rd" not in repr(p)
    assert p.label() == "SOCKS5 proxy 10.0.0.2:1080"
    local_names = Proxy(ProxySettings(kind="socks5", host="::1", port=9050, hostnames=False))
    assert local_names.url() == "socks5://[::1]:9050"
    assert Proxy(ProxySettings(kind="http", host="proxy.lab", port=3128)).requests_proxies() == {
        "http": "http://proxy.lab:3128", "https": "http://proxy.lab:3128"}


def test_an_explicit_kind_without_an_address_is_no_proxy():
    assert Proxy(ProxySettings(kind="http", host=" ", port=3128)).kind == "none"
    assert Proxy(ProxySettings(kind="none")).requests_proxies() == {}
    assert Proxy().requests_proxies() is None  # system: the environment decides


def test_libtorrent_gets_the_authenticated_kind_and_system_means_direct():
    pack = proxy_pack(Proxy(SOCKS, "pw"))
    assert pack["proxy_type"] == int(lt.proxy_type_t.socks5_pw)
    assert (pack["proxy_hostname"], pack["proxy_port"], pack["proxy_username"], pack["proxy_password"]) == (
        "10.0.0.2", 1080, "lab user", "pw")
    http = proxy_pack(Proxy(ProxySettings(kind="http", host="h", port=1, peers=False)))
    assert http["proxy_type"] == int(lt.proxy_type_t.http) and http["proxy_peer_connections"] is False
    assert proxy_pack(Proxy())["proxy_type"] == int(lt.proxy_type_t.none)
    ses = lt.session({"listen_interfaces": "127.0.0.1:0", "enable_dht": False, **pack})
    assert ses.get_settings()["proxy_type"] == int(lt.proxy_type_t.socks5_pw), "libtorrent takes the pack"


def test_sessions_follow_the_environment_only_in_system_mode(monkeypatch):
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:9")
    with new_session() as s:
        assert s.trust_env and s.proxies == {}
    with new_session(proxy=Proxy(ProxySettings(kind="none"))) as s:
        assert not s.trust_env and s.proxies == {}
    with new_session(proxy=Proxy(SOCKS, "pw")) as s:
        assert not s.trust_env and s.proxies["https"].startswith("socks5h://lab%20user:pw@")


def test_a_hand_edited_unknown_kind_falls_back_to_system(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"schema_version": 1, "proxy": {"kind": "tor", "host": "x", "port": 9050}}))
    s = load_settings(path)
    assert s.proxy.kind == "system" and s.proxy.host == "x"
