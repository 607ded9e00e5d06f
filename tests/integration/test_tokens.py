"""Tokens: kept in a real Secret Service keyring, sent only to the host they are scoped to (never to
another mirror, never after a redirect to a CDN), and never written to logs, settings or output."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.helpers.hosts_file import loopback_names_prefix
from tests.helpers.hub_server import HubServer
from tests.helpers.keyring_session import KeyringSession, files_containing
from tests.helpers.swarm import write_random

pytestmark = pytest.mark.integration
TOKEN = "hf_test_Tk9f3LqZ0aXw7Vb2"


@pytest.fixture
def hub_root(tmp_path):
    repo = tmp_path / "hub" / "acme" / "gated-tts"
    write_random(repo / "model.safetensors", 3 * 1024 * 1024 + 11)
    (repo / "config.json").write_text('{"sample_rate": 22050}\n')
    return tmp_path / "hub"


def modeldesk(*args: str) -> list[str]:
    return [sys.executable, "-m", "modeldesk", *args]


def test_set_list_delete_in_the_os_keyring(md, tmp_path):
    kr = KeyringSession(tmp_path / "krhome")
    r = kr.run(md.environ(), *modeldesk("token", "set", "--host", "https://Mirror.Example:8443/"), stdin=TOKEN + "\n")
    assert r.returncode == 0, r.stderr
    assert "https://mirror.example:8443 only" in r.stdout and TOKEN not in r.stdout
    r = kr.run(md.environ(), *modeldesk("token", "list"))
    assert "https://mirror.example:8443" in r.stdout and TOKEN[-4:] in r.stdout and TOKEN not in r.stdout
    assert "exactly this scheme, host and port" in r.stdout
    assert files_containing(md.root, TOKEN) == []  # the settings keep the host name only
    r = kr.run(md.environ(), *modeldesk("token", "delete", "--host", "mirror.example:8443"))
    assert r.returncode == 0
    r = kr.run(md.environ(), *modeldesk("token", "list"))
    assert "No tokens stored" in r.stdout


def test_without_a_keyring_the_token_is_refused_not_written_to_a_file(md, tmp_path):
    env = {**md.environ(), "HOME": str(tmp_path / "nokr")}
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    r = subprocess.run(modeldesk("token", "set"), input=TOKEN + "\n", env=env, capture_output=True, text=True,
                       timeout=60)
    assert r.returncode == 2
    assert "No OS keyring" in r.stderr and "HF_TOKEN" in r.stderr
    assert files_containing(md.root, TOKEN) == [] and files_containing(tmp_path / "nokr", TOKEN) == []


def test_the_token_reaches_only_its_host(md, tmp_path, hub_root):
    """Untrusted mirror first (localhost), trusted hub second (127.0.0.1:PORT): the gated repo downloads
    through the trusted hub; neither the other mirror nor the hub's CDN ever sees the token."""
    kr = KeyringSession(tmp_path / "krhome")
    out = tmp_path / "projects" / "tts"
    with HubServer(hub_root, gated={"acme/gated-tts": TOKEN}) as trusted, \
            HubServer(hub_root, gated={"acme/gated-tts": TOKEN}) as other:
        trusted_host = trusted.url  # http://127.0.0.1:PORT: a plain-http mirror is trusted by writing it out
        untrusted_url = other.url.replace("127.0.0.1", "localhost")
        r = kr.run(md.environ(), *modeldesk("token", "set", "--host", trusted_host), stdin=TOKEN + "\n")
        assert r.returncode == 0, r.stderr
        r = kr.run(md.environ(), *modeldesk("get", "hf://acme/gated-tts", "--mirror", untrusted_url,
                                            "--mirror", trusted.url, "--to", str(out), "--json"))
        assert r.returncode == 0, r.stdout[-2000:] + r.stderr
        assert (out / "model.safetensors").read_bytes() == (hub_root / "acme/gated-tts/model.safetensors").read_bytes()
        assert trusted.auth_seen and all(a == f"Bearer {TOKEN}" for _p, a in trusted.auth_seen)
        assert other.requests, "the untrusted mirror was never asked, so the test proves nothing"
        assert other.auth_seen == [] and other.cdn.auth_seen == []
        assert trusted.cdn.requests, "no redirect to the CDN happened, so the test proves nothing"
        assert trusted.cdn.auth_seen == [], "the token followed a redirect to the CDN"
    assert TOKEN not in r.stdout and TOKEN not in r.stderr
    assert files_containing(md.root, TOKEN) == [] and files_containing(out, TOKEN) == []


def test_without_a_keyring_a_mirror_token_comes_from_the_environment_and_stays_with_its_host(md, tmp_path, hub_root):
    """A server or container: no Secret Service. MODELDESK_TOKENS gives the trusted mirror its token for
    this run; the other mirror and the CDN never see it, and nothing on disk holds it."""
    out = tmp_path / "p"
    with HubServer(hub_root, gated={"acme/gated-tts": TOKEN}) as trusted, \
            HubServer(hub_root, gated={"acme/gated-tts": TOKEN}) as other:
        md.env.update({"MODELDESK_TOKENS": f"{trusted.url}={TOKEN}",
                       "DBUS_SESSION_BUS_ADDRESS": "unix:path=/nonexistent"})
        untrusted_url = other.url.replace("127.0.0.1", "localhost")
        r = md.run("get", "hf://acme/gated-tts", "--mirror", untrusted_url, "--mirror", trusted.url,
                   "--to", str(out), "--no-seed")
        assert r.code == 0, r.stderr
        assert trusted.auth_seen and other.requests and other.auth_seen == [] and trusted.cdn.auth_seen == []
    assert TOKEN not in r.stdout + r.stderr
    assert files_containing(md.root, TOKEN) == [] and files_containing(out, TOKEN) == []


def test_the_hub_token_never_goes_to_another_port_or_over_http(md, tmp_path, hub_root):
    """HF_TOKEN is for https://huggingface.co. A mirror named http://huggingface.co:PORT (by --mirror, a
    project's modeldesk.toml, a lock or a torrent's url-list) is another origin: it gets no token.
    `huggingface.co` resolves to a recorder on 127.0.0.1 inside this test's private /etc/hosts."""
    md.prefix = loopback_names_prefix(tmp_path, "huggingface.co")
    with HubServer(hub_root, gated={"acme/gated-tts": TOKEN}) as recorder:
        port = recorder.url.rsplit(":", 1)[1]
        md.env["HF_TOKEN"] = TOKEN
        project = tmp_path / "proj"
        project.mkdir()
        (project / "modeldesk.toml").write_text(f'[hub]\nmirrors = ["http://huggingface.co:{port}"]\n')
        r = md.run("get", "hf://acme/gated-tts", "--to", str(project / "models" / "tts"), "--no-seed",
                   cwd=project)
        assert recorder.requests, "the mirror was never asked, so the test proves nothing"
        assert recorder.auth_seen == [] and recorder.cdn.auth_seen == []
        assert r.code != 0 and "huggingface.co:" + port in r.stderr
        assert TOKEN not in r.stdout + r.stderr
        # The same origin trusted by writing it out gets its token, and the repo comes down.
        md.env["MODELDESK_TOKENS"] = f"http://huggingface.co:{port}={TOKEN}"
        r = md.run("get", "hf://acme/gated-tts", "--to", str(project / "models" / "tts"), "--no-seed",
                   cwd=project)
        assert r.code == 0, r.stderr
        assert recorder.auth_seen and all(a == f"Bearer {TOKEN}" for _p, a in recorder.auth_seen)
