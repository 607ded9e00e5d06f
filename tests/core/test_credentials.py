"""Token scoping: which URL gets which token; HF_TOKEN only for the official hub; nothing leaks in repr."""

from __future__ import annotations

import pytest

from modeldesk.core.credentials import Credentials, mask, normalize_host
from modeldesk.core.errors import BadInputError
from modeldesk.core.secrets import load_credentials


def test_hosts_are_normalized():
    assert normalize_host("https://Mirror.Example:8443/some/path") == "mirror.example:8443"
    assert normalize_host("hf-mirror.com") == "hf-mirror.com"
    assert normalize_host("user:pw@host.example") == "host.example"


def test_a_token_goes_only_to_its_host():
    c = Credentials({"huggingface.co": "hf_aaaaaaaaaaaa", "127.0.0.1:8080": "hf_bbbbbbbbbbbb"})
    assert c.token_for("https://huggingface.co/api/models/x") == "hf_aaaaaaaaaaaa"
    assert c.token_for("https://huggingface.co:443/x") == "hf_aaaaaaaaaaaa"  # no port given: any port
    assert c.token_for("https://cdn-lfs.huggingface.co/x") is None  # not a subdomain wildcard
    assert c.token_for("https://huggingface.co.evil.example/x") is None
    assert c.token_for("http://127.0.0.1:8080/x") == "hf_bbbbbbbbbbbb"
    assert c.token_for("http://127.0.0.1:9090/x") is None  # a port was given: that port only
    assert c.token_for("http://localhost:8080/x") is None


def test_repr_and_mask_hide_tokens():
    c = Credentials({"huggingface.co": "hf_secretsecret1234"})
    assert "secret" not in repr(c) and "huggingface.co" in repr(c)
    assert mask("hf_secretsecret1234") == "hf_…1234"
    assert mask("short") == "…"


def test_hf_token_is_for_the_official_hub_only(monkeypatch, tmp_path):
    monkeypatch.setenv("HF_TOKEN", "hf_fromenvironment99")
    monkeypatch.setenv("HF_HOME", str(tmp_path))
    c = load_credentials(())
    assert c.hosts() == ["huggingface.co"]
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
    monkeypatch.setenv("MODELDESK_TOKENS", "mirror.lab:8080=lab_tok_123456, https://hf-mirror.com=m_tok_987654")
    (tmp_path / "tokens").write_text("# lab tokens\ncache.lab=file_tok_24680\n")
    monkeypatch.setenv("MODELDESK_TOKEN_FILE", str(tmp_path / "tokens"))
    c = load_credentials(())
    assert c.hosts() == ["cache.lab", "hf-mirror.com", "mirror.lab:8080"]
    assert c.token_for("http://mirror.lab:8080/a/b") == "lab_tok_123456"
    assert c.token_for("http://mirror.lab:9090/a/b") is None and c.token_for("https://huggingface.co/x") is None
    assert c.token_for("https://cache.lab/x") == "file_tok_24680"
    monkeypatch.setenv("MODELDESK_TOKENS", "justatoken_abcdef123")
    with pytest.raises(BadInputError) as err:
        load_credentials(())
    assert "justatoken" not in str(err.value) and "host=token" in str(err.value)
