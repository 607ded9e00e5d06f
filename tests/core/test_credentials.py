"""Token scoping: which URL gets which token; HF_TOKEN only for the official hub; nothing leaks in repr."""

from __future__ import annotations

import pytest

from modeldesk.core.config.credentials import Credentials, mask, normalize_host
from modeldesk.core.base.errors import BadInputError
from modeldesk.core.config.secrets import load_credentials


def test_scopes_are_origins():
    assert normalize_host("https://Mirror.Example:8443/some/path") == "https://mirror.example:8443"
    assert normalize_host("hf-mirror.com") == "https://hf-mirror.com"  # no scheme: https, never cleartext
    assert normalize_host("mirror.lab:8080") == "https://mirror.lab:8080"
    assert normalize_host("user:pw@host.example") == "https://host.example"
    assert normalize_host("https://huggingface.co:443") == "https://huggingface.co"
    assert normalize_host("HTTP://Lab:80/x") == "http://lab"
    assert normalize_host("http://[::1]:8080") == "http://[::1]:8080"
    for bad in ("", "   ", "ftp://host", "https://", "http://:8080", "https://host:99999", "a host"):
        with pytest.raises(BadInputError):
            normalize_host(bad)


def test_a_token_goes_only_to_its_scheme_host_and_port():
    c = Credentials({"huggingface.co": "hf_aaaaaaaaaaaa", "http://127.0.0.1:8080": "hf_bbbbbbbbbbbb"})
    assert c.token_for("https://huggingface.co/api/models/x") == "hf_aaaaaaaaaaaa"
    assert c.token_for("https://huggingface.co:443/x") == "hf_aaaaaaaaaaaa"  # the default port, written out
    assert c.token_for("http://huggingface.co:18080/x") is None  # the attack: cleartext on another port
    assert c.token_for("http://huggingface.co/x") is None  # an https token never goes over http
    assert c.token_for("https://huggingface.co:8443/x") is None  # nor to another port
    assert c.token_for("https://cdn-lfs.huggingface.co/x") is None  # not a subdomain wildcard
    assert c.token_for("https://huggingface.co.evil.example/x") is None
    assert c.token_for("http://127.0.0.1:8080/x") == "hf_bbbbbbbbbbbb"
    assert c.token_for("https://127.0.0.1:8080/x") is None  # the scheme is part of the scope
    assert c.token_for("http://127.0.0.1:9090/x") is None
    assert c.token_for("http://localhost:8080/x") is None
    assert c.token_for("not a url") is None and c.token_for("ftp://huggingface.co/x") is None


def test_repr_and_mask_hide_tokens():
    c = Credentials({"huggingface.co": "hf_secretsecret1234"})
    assert "secret" not in repr(c) and "huggingface.co" in repr(c)
    assert mask("hf_secretsecret1234") == "hf_…1234"
    assert mask("short") == "…"


def test_hf_token_is_for_the_official_hub_only(monkeypatch, tmp_path):
    monkeypatch.setenv("HF_TOKEN", "hf_fromenvironment99")
    monkeypatch.setenv("HF_HOME", str(tmp_path))
    c = load_credentials(())
    assert c.hosts() == ["https://huggingface.co"]
    assert c.token_for("http://huggingface.co:18080/x") is None
    assert c.token_for("https://hf-mirror.com/x") is None
    monkeypatch.delenv("HF_TOKEN")
    (tmp_path / "token").write_text("hf_fromtokenfile77\n")
    assert load_credentials(()).token_for("https://huggingface.co/x") == "hf_fromtokenfile77"


def test_the_hub_token_file_is_found_where_huggingface_hub_keeps_it(monkeypatch, tmp_path):
    for var in ("HF_TOKEN", "HF_HOME", "HF_TOKEN_PATH", "MODELDESK_TOKENS", "MODELDESK_TOKEN_FILE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    (tmp_path / "xdg" / "huggingface").mkdir(parents=True)
    (tmp_path / "xdg" / "huggingface" / "token").write_text("hf_fromxdgcache1234\n")
    assert load_credentials(()).token_for("https://huggingface.co/x") == "hf_fromxdgcache1234"
    (tmp_path / "elsewhere").write_text("hf_fromtokenpath5678")
    monkeypatch.setenv("HF_TOKEN_PATH", str(tmp_path / "elsewhere"))
    assert load_credentials(()).token_for("https://huggingface.co/x") == "hf_fromtokenpath5678"


def test_mirror_tokens_without_a_keyring_stay_with_their_hosts(monkeypatch, tmp_path):
    monkeypatch.delenv("HF_TOKEN", raising=False)
    monkeypatch.setenv("HF_HOME", str(tmp_path))
    monkeypatch.setenv("MODELDESK_TOKENS", "http://mirror.lab:8080=lab_tok_123456, https://hf-mirror.com=m_tok_987654")
    (tmp_path / "tokens").write_text("# lab tokens\ncache.lab=file_tok_24680\n")
    monkeypatch.setenv("MODELDESK_TOKEN_FILE", str(tmp_path / "tokens"))
    c = load_credentials(())
    assert c.hosts() == ["http://mirror.lab:8080", "https://cache.lab", "https://hf-mirror.com"]
    assert c.token_for("http://mirror.lab:8080/a/b") == "lab_tok_123456"
    assert c.token_for("http://mirror.lab:9090/a/b") is None and c.token_for("https://huggingface.co/x") is None
    assert c.token_for("https://cache.lab/x") == "file_tok_24680"
    monkeypatch.setenv("MODELDESK_TOKENS", "justatoken_abcdef123")
    with pytest.raises(BadInputError) as err:
        load_credentials(())
    assert "justatoken" not in str(err.value) and "host=token" in str(err.value)


def test_a_bare_host_stored_by_an_earlier_version_is_scoped_to_https_on_its_port(keyring_daemon, monkeypatch):
    """Earlier versions kept `mirror.lab:8443` (any scheme): it now means https://mirror.lab:8443 only."""
    import keyring

    for var in ("HF_TOKEN", "MODELDESK_TOKENS", "MODELDESK_TOKEN_FILE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("HF_TOKEN_PATH", "/nonexistent/token")
    keyring.set_password("modeldesk", "mirror.lab:8443", "old_tok_13579bdf")
    c = load_credentials(("mirror.lab:8443", "bad host name with spaces"))
    assert c.hosts() == ["https://mirror.lab:8443"]
    assert c.token_for("https://mirror.lab:8443/x") == "old_tok_13579bdf"
    assert c.token_for("http://mirror.lab:8443/x") is None and c.token_for("https://mirror.lab/x") is None
