"""The hub's environment as the official client reads it (HF_ENDPOINT, HF_HUB_OFFLINE), and the
`--local-dir` bookkeeping it keeps: after ModelDesk, `hf download --local-dir` fetches nothing."""

from __future__ import annotations

import json
import socket
import threading

import huggingface_hub
import pytest

from modeldesk.core.contracts.hub_refs import RepoRef
from modeldesk.core.http.hf_api import OFFICIAL_ENDPOINT
from modeldesk.core.http.hub_plan import hub_endpoints
from tests.helpers.cli import loopback_settings
from tests.helpers.hub_server import HubServer
from tests.integration.test_hub_urls import files_in, hub_root  # noqa: F401 (a fixture)

pytestmark = pytest.mark.integration


class DeadEndProxy:
    """An HTTP proxy on 127.0.0.1 that writes down each request line and forwards nothing: whatever a
    client would have sent past loopback is seen here and goes nowhere."""

    def __init__(self):
        self.seen: list[str] = []
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                conn.settimeout(5)
                try:
                    self.seen.append(conn.recv(4096).split(b"\r\n", 1)[0].decode(errors="replace"))
                    conn.sendall(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n")
                except OSError:
                    pass

    def close(self):
        self.sock.close()


def test_hf_endpoint_stands_in_for_the_official_hub(monkeypatch):
    monkeypatch.delenv("HF_ENDPOINT", raising=False)
    assert hub_endpoints(RepoRef("a/b"), (), True) == [OFFICIAL_ENDPOINT]
    monkeypatch.setenv("HF_ENDPOINT", "https://hf-mirror.com/")
    assert hub_endpoints(RepoRef("a/b"), ("http://lab:8080",), True) == ["http://lab:8080", "https://hf-mirror.com"]


def test_hf_endpoint_alone_is_asked_and_huggingface_co_never(md, tmp_path, hub_root):  # noqa: F811
    settings = loopback_settings()
    settings["http"]["use_official_hub"] = True  # as users run it: the official hub is on
    (md.root / "config" / "settings.json").write_text(json.dumps(settings))
    proxy = DeadEndProxy()
    try:
        with HubServer(hub_root) as hub:
            md.env.update({"HF_ENDPOINT": hub.url, "HTTPS_PROXY": proxy.url, "HTTP_PROXY": proxy.url,
                           "NO_PROXY": "127.0.0.1"})
            r = md.run("get", "hf://acme/tiny-tts", "--to", str(tmp_path / "p"), "--no-seed")
    finally:
        proxy.close()
    assert r.code == 0, r.stderr
    assert proxy.seen == [], "nothing went towards the official hub"
    assert files_in(tmp_path / "p") == ["config.json", "model.safetensors", "onnx/config.json", "onnx/model.onnx"]


def test_the_official_client_finds_our_download_current(md, tmp_path, hub_root, monkeypatch):  # noqa: F811
    out = tmp_path / "p"
    monkeypatch.setenv("HF_HUB_DISABLE_TELEMETRY", "1")
    monkeypatch.setenv("HF_HUB_DISABLE_XET", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf-home"))
    with HubServer(hub_root) as hub:
        assert md.run("get", "hf://acme/tiny-tts", "--mirror", hub.url, "--to", str(out), "--no-seed").code == 0
        before, cdn_before = len(hub.requests), hub.cdn.gets()
        huggingface_hub.snapshot_download("acme/tiny-tts", endpoint=hub.url, local_dir=out)
        one = huggingface_hub.hf_hub_download("acme/tiny-tts", "onnx/model.onnx", endpoint=hub.url, local_dir=out,
                                              revision=hub.commit("acme/tiny-tts"))
        after = hub.requests[before:]
        assert hub.cdn.gets() == cdn_before
    assert [q for q in after if "/resolve/" in q] == [], after  # only the listing: no file asked for
    assert one == str(out / "onnx" / "model.onnx")
    meta = (out / ".cache/huggingface/download/onnx/model.onnx.metadata").read_text().split("\n")
    assert meta[0] == hub.commit("acme/tiny-tts") and len(meta[1]) == 64


def test_hub_offline_uses_the_folder_and_names_what_is_missing(md, tmp_path, hub_root):  # noqa: F811
    out = tmp_path / "p"
    with HubServer(hub_root) as hub:
        assert md.run("get", "hf://acme/tiny-tts", "--mirror", hub.url, "--to", str(out), "--no-seed").code == 0
        hub.requests.clear()
        md.env["HF_HUB_OFFLINE"] = "1"
        again = md.run("get", "hf://acme/tiny-tts", "--mirror", hub.url, "--to", str(out), "--no-seed")
        (out / "onnx" / "model.onnx").unlink()
        missing = md.run("get", "hf://acme/tiny-tts", "--mirror", hub.url, "--to", str(out), "--no-seed")
        nowhere = md.run("get", "hf://acme/tiny-tts", "--mirror", hub.url, "--to", str(tmp_path / "q"), "--no-seed")
        assert hub.requests == [] and hub.cdn.gets() > 0  # the CDN count is the first run's
    assert again.code == 0, again.stderr
    assert missing.code == 2 and "onnx/model.onnx" in missing.stderr and "HF_HUB_OFFLINE" in missing.stderr
    assert nowhere.code == 2 and "no copy" in nowhere.stderr, nowhere.stderr
