"""`modeldesk serve`: the library's hub repos over the Hugging Face API, checked with the official client
(huggingface_hub's snapshot_download and hf_hub_download, the `hf download` command) pointed at it with
the hub that served the model stopped; the same URLs as the BEP 19 web seed of the published torrent,
from which qBittorrent completes alone; Host names refused against DNS rebinding; a file changed on disk
not served as the commit's; each file served in the audit log."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import huggingface_hub
import pytest
import requests
from huggingface_hub.errors import RepositoryNotFoundError, RevisionNotFoundError

from tests.helpers.cli import MdHome, read_events
from tests.helpers.foreign import QBittorrent, stop_process
from tests.helpers.hub_server import HubServer
from tests.helpers.ports import free_port
from tests.helpers.swarm import make_model, sha

pytestmark = pytest.mark.integration

MiB = 1024 * 1024
SIZES = {"model.safetensors": 3 * MiB + 5, "config.json": 321, "tokenizer/vocab.txt": 40 * 1024 + 7}
NOWHERE = {"HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9", "NO_PROXY": "127.0.0.1"}


class Served:
    """A `modeldesk serve` process on a free port, stopped at the end."""

    def __init__(self, md: MdHome, *args: str, port: int = 0):
        self.proc = md.popen("serve", "--listen", f"127.0.0.1:{port or free_port()}", "--json", *args)
        self.url = ""
        for e in read_events(self.proc):
            if e["event"] == "serving":
                self.url = e["url"]
                break
        assert self.url, self.proc.stderr.read() if self.proc.poll() is not None else "no serving event"

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        stop_process(self.proc)


@pytest.fixture
def held(md, tmp_path):
    """acme/tts fetched into the library from a local hub that is then stopped."""
    repo = make_model(tmp_path / "hub" / "acme", "tts", sizes=SIZES)
    with HubServer(tmp_path / "hub") as hub:
        commit = hub.commit("acme/tts")
        r = md.run("get", "hf://acme/tts", "--mirror", hub.url, "--to", str(tmp_path / "models" / "tts"),
                   "--no-seed")
    assert r.code == 0, r.stderr
    return repo, commit, tmp_path / "models" / "tts"


def _audit_once(md: MdHome, done, within: float = 10.0) -> list[dict]:
    """The audit log once `done(lines)` holds (a file's line is written after its last byte is sent,
    which the client can have first), or as it is after `within` seconds."""
    deadline = time.monotonic() + within
    while True:
        log = md.root / "state" / "audit.log"
        lines = [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []
        if done(lines) or time.monotonic() > deadline:
            return lines
        time.sleep(0.1)


def _same(folder: Path, repo: Path) -> None:
    for rel in SIZES:
        assert sha(folder / rel) == sha(repo / rel), rel


def test_the_official_client_downloads_from_the_lab_server(md, tmp_path, held, monkeypatch):
    repo, commit, _ = held
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf-home"))
    monkeypatch.setenv("HF_HUB_DISABLE_TELEMETRY", "1")
    with Served(md) as lab:
        cached = huggingface_hub.snapshot_download("acme/tts", endpoint=lab.url, cache_dir=tmp_path / "c0")
        local = huggingface_hub.snapshot_download("acme/tts", endpoint=lab.url, local_dir=tmp_path / "local",
                                                  cache_dir=tmp_path / "c1")  # a cache of its own: fetched again
        one = huggingface_hub.hf_hub_download("acme/tts", "tokenizer/vocab.txt", revision=commit, endpoint=lab.url,
                                              cache_dir=tmp_path / "c2")
        with pytest.raises(RepositoryNotFoundError):
            huggingface_hub.snapshot_download("acme/none", endpoint=lab.url, cache_dir=tmp_path / "c3")
        with pytest.raises(RevisionNotFoundError):
            huggingface_hub.hf_hub_download("acme/tts", "config.json", revision="v9", endpoint=lab.url,
                                            cache_dir=tmp_path / "c4")
        env = {**os.environ, **NOWHERE, "HF_ENDPOINT": lab.url, "HF_HOME": str(tmp_path / "hf-cli")}
        cli = subprocess.run([str(Path(sys.executable).parent / "hf"), "download", "acme/tts", "--local-dir",
                              str(tmp_path / "by-cli")], env=env, capture_output=True, text=True, timeout=120,
                             stdin=subprocess.DEVNULL)
        audit = _audit_once(md, lambda lines: sum(a["sent"] for a in lines if a["path"] == "model.safetensors")
                            >= 3 * SIZES["model.safetensors"])
    assert Path(cached).parent.name == "snapshots" and Path(cached).name == commit
    _same(Path(cached), repo)
    _same(Path(local), repo)
    assert sha(Path(one)) == sha(repo / "tokenizer" / "vocab.txt")
    assert cli.returncode == 0, cli.stderr[-2000:]
    _same(tmp_path / "by-cli", repo)
    weights = [a for a in audit if a["path"] == "model.safetensors"]
    assert weights and all(a["repo"] == "acme/tts" and a["commit"] == commit for a in weights)
    assert sum(a["sent"] for a in weights) >= 3 * SIZES["model.safetensors"], \
        f"each download is in the audit log: {[(a['agent'][:40], a['start'], a['end'], a['sent']) for a in weights]}"


def test_ranges_host_names_and_a_changed_file(md, tmp_path, held):
    repo, commit, folder = held
    with Served(md, "--allow-host", "lab.example") as lab:
        url = f"{lab.url}/acme/tts/resolve/main/model.safetensors"
        part = requests.get(url, headers={"Range": "bytes=100-1099"}, timeout=10)
        head = requests.head(url, timeout=10)
        rebound = requests.get(url, headers={"Host": "attacker.example"}, timeout=10)
        allowed = requests.head(url, headers={"Host": "lab.example:1234"}, timeout=10)
        past_end = requests.get(url, headers={"Range": f"bytes={10 * MiB}-"}, timeout=10)
        data = bytearray((folder / "config.json").read_bytes())
        data[0] ^= 1
        (folder / "config.json").write_bytes(bytes(data))  # the same size, other bytes
        changed = requests.get(f"{lab.url}/acme/tts/resolve/main/config.json", timeout=10)
    assert part.status_code == 206 and part.content == (repo / "model.safetensors").read_bytes()[100:1100]
    assert part.headers["Content-Range"] == f"bytes 100-1099/{SIZES['model.safetensors']}"
    assert head.headers["X-Repo-Commit"] == commit
    assert head.headers["X-Linked-Etag"] == f'"{sha(repo / "model.safetensors")}"'
    assert int(head.headers["X-Linked-Size"]) == SIZES["model.safetensors"]
    assert rebound.status_code == 421 and "allow-host" in rebound.text
    assert allowed.status_code == 200
    assert past_end.status_code == 416
    assert changed.status_code == 409 and data not in (changed.content,), changed.text


def test_the_lab_server_is_the_web_seed_of_the_published_torrent(md, tmp_path, held):
    repo, commit, folder = held
    t, port = tmp_path / "tts.torrent", free_port()
    pub = md.run("publish", str(folder), "--web-seed", f"http://127.0.0.1:{port}", "--out", str(t), "--json",
                 "--no-seed")  # before the server takes the library
    assert pub.code == 0, pub.stderr
    with Served(md, port=port), QBittorrent(tmp_path / "qbt") as qbt:  # a foreign client, no peer: the server alone
        qbt.add(t, tmp_path / "qb", skip_checking=False)
        qbt.wait_state({"uploading", "stalledUP", "queuedUP", "pausedUP", "stoppedUP"}, timeout=90)
    _same(tmp_path / "qb" / commit, repo)
    audit = [json.loads(line) for line in (md.root / "state" / "audit.log").read_text().splitlines()]
    to_qbt = [a for a in audit if a["path"] == "model.safetensors" and "qBittorrent" in a["agent"]]
    assert sum(a["sent"] for a in to_qbt) >= SIZES["model.safetensors"], audit


def test_the_modelscope_client_downloads_the_librarys_modelscope_repo(md, tmp_path):
    """A ModelScope repo of the library under ModelScope's own paths: the official `modelscope` client,
    pointed at the lab server with MODELSCOPE_ENDPOINT, gets it whole (the hub it came from stopped)."""
    from tests.helpers.ms_hub import MsHubServer
    from tests.integration.test_ms_protocol import sdk_download

    repo = make_model(tmp_path / "ms" / "acme", "tts", sizes=SIZES)
    with MsHubServer(tmp_path / "ms") as ms:
        r = md.run("get", "ms://acme/tts", "--mirror", ms.url, "--to", str(tmp_path / "models"), "--no-seed")
    assert r.code == 0, r.stderr
    with Served(md) as lab:
        got = sdk_download(lab, tmp_path / "sdk", "acme/tts")
        none = sdk_download(lab, tmp_path / "sdk2", "acme/none")
    assert "ok" in got, got
    _same(Path(got["ok"]), repo)
    assert "error" in none, none


def test_the_serve_unit_is_accepted_and_its_command_stops_cleanly(md, tmp_path, held):
    """packaging/modeldesk-serve.service: systemd accepts it; its command (on a free port here) serves,
    and SIGTERM stops it with the status the unit counts as success."""
    import configparser
    import shlex
    import signal

    from tests.helpers.tools import require_tool

    unit_file = Path(__file__).resolve().parents[2] / "packaging" / "modeldesk-serve.service"
    copy = tmp_path / unit_file.name
    copy.write_text(unit_file.read_text().replace("%h/.local/bin/modeldesk", f"{sys.executable} -m modeldesk"))
    verify = subprocess.run([require_tool("systemd-analyze"), "verify", str(copy)], capture_output=True, text=True,
                            cwd=tmp_path)
    assert verify.returncode == 0 and not verify.stderr.strip(), verify.stderr
    unit = configparser.ConfigParser(interpolation=None, strict=False)
    unit.optionxform = str  # type: ignore[assignment,method-assign]
    unit.read_string(unit_file.read_text())
    assert unit["Service"]["SuccessExitStatus"] == "130"
    argv = shlex.split(unit["Service"]["ExecStart"].replace("%%", "%"))
    assert argv[1:3] == ["serve", "--listen"]
    args = [*argv[1:3], f"127.0.0.1:{free_port()}", *argv[4:]]  # 0.0.0.0 stays out of the tests
    proc = md.popen(*args, "--json")
    try:
        url = next(e["url"] for e in read_events(proc) if e["event"] == "serving")
        assert requests.get(f"{url}/api/models/acme/tts", timeout=10).json()["sha"] == held[1]
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(30) == 130, proc.stderr.read()
    finally:
        stop_process(proc)


def test_install_unit_writes_a_unit_of_this_command_that_systemd_accepts(md, tmp_path):
    from tests.helpers.tools import require_tool

    md.env["XDG_CONFIG_HOME"] = str(tmp_path / "cfg")
    r = md.run("serve", "--listen", "127.0.0.1:8690", "--mirror", "http://127.0.0.1:9/a%20b", "--install-unit",
               "--json")
    assert r.code == 0, r.stderr
    unit = tmp_path / "cfg" / "systemd" / "user" / "modeldesk-serve.service"
    text = unit.read_text()
    assert r.last("unit")["path"] == str(unit)
    exec_start = next(line for line in text.splitlines() if line.startswith("ExecStart="))
    assert "--install-unit" not in exec_start and "serve --listen 127.0.0.1:8690 --mirror" in exec_start
    assert "a%%20b" in text, "a % is escaped for systemd"
    assert f"Environment=MODELDESK_HOME={md.root}" in text
    verify = subprocess.run([require_tool("systemd-analyze"), "verify", str(unit)], capture_output=True, text=True,
                            cwd=tmp_path)
    assert verify.returncode == 0 and not verify.stderr.strip(), verify.stderr
