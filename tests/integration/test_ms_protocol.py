"""The local ModelScope hub (tests/helpers/ms_hub.py) speaks ModelScope's protocol: the official
`modelscope` client, pointed at it with MODELSCOPE_ENDPOINT, downloads the right files from it, refuses
a flipped byte, and is turned away from a gated repo without its token. The client runs in a
subprocess whose proxy variables lead nowhere but loopback, so nothing it does leaves this machine."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.ms_hub import MsHubServer
from tests.helpers.swarm import write_random

pytestmark = pytest.mark.integration

SDK = """
import json, sys
from modelscope import snapshot_download
kw = json.loads(sys.argv[1])
try:
    print(json.dumps({"ok": snapshot_download(**kw)}))
except Exception as exc:
    print(json.dumps({"error": type(exc).__name__, "text": str(exc)[:500]}))
"""


def sdk_download(server: MsHubServer, tmp: Path, repo: str, token: str | None = None, **kw) -> dict:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp / "home"), "MODELSCOPE_ENDPOINT": server.url,
           "MODELSCOPE_CACHE": str(tmp / "ms-cache"), "MODELSCOPE_DOWNLOAD_INTRA_CLOUD": "false",
           # anything but loopback goes to a closed port: the client cannot reach the internet from here
           "HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9", "NO_PROXY": "127.0.0.1"}
    args = {"model_id": repo, "local_dir": str(tmp / "out"), **kw}
    if token:
        args["token"] = token
    r = subprocess.run([sys.executable, "-c", SDK, json.dumps(args)], env=env, capture_output=True, text=True,
                       timeout=120, stdin=subprocess.DEVNULL)
    lines = [ln for ln in r.stdout.splitlines() if ln.startswith("{")]
    assert lines, f"the SDK printed no result: {r.stdout[-500:]} {r.stderr[-1500:]}"
    return json.loads(lines[-1])


@pytest.fixture
def ms_root(tmp_path) -> Path:
    root = tmp_path / "ms"
    repo = root / "acme" / "tiny-tts"
    write_random(repo / "model.safetensors", 300 * 1024)
    write_random(repo / "onnx" / "encoder.onnx", 64 * 1024)
    (repo / "config.json").write_text('{"arch": "tts"}')
    return root


def _tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.relative_to(folder).parts[0].startswith(".")}


def test_the_official_client_downloads_the_repo(tmp_path, ms_root):
    with MsHubServer(ms_root) as server:
        result = sdk_download(server, tmp_path, "acme/tiny-tts")
    assert "ok" in result, result
    assert _tree(tmp_path / "out") == _tree(ms_root / "acme" / "tiny-tts")


def test_the_official_client_refuses_a_flipped_byte(tmp_path, ms_root):
    with MsHubServer(ms_root, mode="flip") as server:
        result = sdk_download(server, tmp_path, "acme/tiny-tts")
    assert "error" in result, result
    assert "hash mismatch" in result["text"].lower(), result  # the client's own words (E2020)


def test_the_official_client_needs_the_token_of_a_gated_repo(tmp_path, ms_root):
    with MsHubServer(ms_root, gated={"acme/tiny-tts": "ms-secret"}) as server:
        denied = sdk_download(server, tmp_path / "a", "acme/tiny-tts")
        allowed = sdk_download(server, tmp_path / "b", "acme/tiny-tts", token="ms-secret")
    assert "error" in denied, denied
    assert "ok" in allowed, allowed
    assert _tree(tmp_path / "b" / "out") == _tree(ms_root / "acme" / "tiny-tts")


def test_the_sdk_gets_a_dataset_whose_listing_comes_in_pages(tmp_path):
    """A dataset of 230 files: the SDK asks its tree 200 entries a page (repo_type="dataset")."""
    root = tmp_path / "ms"
    ds = root / "datasets" / "acme" / "speech"
    for i in range(230):
        (ds / "clips").mkdir(parents=True, exist_ok=True)
        (ds / "clips" / f"{i:03}.txt").write_text(f"clip {i}\n")
    with MsHubServer(root) as hub:
        result = sdk_download(hub, tmp_path, "acme/speech", repo_type="dataset")
        pages = hub.pages_served
    assert "ok" in result, result
    assert _tree(Path(result["ok"])) == _tree(ds)
    assert pages >= 2, "the SDK did not page the listing"
