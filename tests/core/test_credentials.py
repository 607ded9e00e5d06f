"""Token scoping: which URL gets which token; HF_TOKEN only for the official hub; nothing leaks in repr."""

from __future__ import annotations

from modeldesk.core.credentials import Credentials, mask, normalize_host
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
