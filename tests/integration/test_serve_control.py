"""The lab server's control API and its tokens: no call without a token, no change without an admin one,
a revoked token refused at once (no restart), only hashes on disk; `get --server` has the server fetch a
hub repo into a folder below its project root and follows it to the end; a folder outside the root and
a path on the server's disk are refused; `list --server` and the revision-numbered job list; the
event stream; --read-token closes the Hugging Face endpoint to everyone else."""

from __future__ import annotations

import json
import time

import requests

import pytest

from tests.helpers.hub_server import HubServer
from tests.helpers.swarm import make_model, sha
from tests.integration.test_serve import Served

pytestmark = pytest.mark.integration

API = "/api/modeldesk/v1/"


def _token(md, name: str, *flags: str) -> str:
    r = md.run("serve", "token", "add", name, *flags)
    assert r.code == 0, r.stderr
    return r.stdout.strip().splitlines()[-1]


def test_tokens_roles_and_a_remote_download_below_the_project_root(md, tmp_path):
    make_model(tmp_path / "hub" / "acme", "tts", sizes={"model.safetensors": 2 * 1024 * 1024, "config.json": 99})
    root = tmp_path / "lab-projects"
    root.mkdir()
    admin, reader = _token(md, "alice", "--admin"), _token(md, "bob")
    assert admin.startswith("mdt_") and reader != admin
    stored = (md.root / "config" / "serve_tokens.json").read_text()
    assert admin not in stored and reader not in stored, "only the tokens' hashes are kept"
    with HubServer(tmp_path / "hub") as hub, Served(md, "--project-root", str(root)) as lab:
        def call(method, path, token=None, **kw):
            headers = {"Authorization": f"Bearer {token}"} if token else {}
            return requests.request(method, lab.url + API + path, headers=headers, timeout=30, **kw)

        assert call("GET", "jobs").status_code == 401
        assert call("GET", "jobs", "mdt_wrong").status_code == 401
        first = call("GET", "jobs", reader).json()
        assert first["full"] and first["rev"] >= 1
        add = {"source": "hf://acme/tts", "project": "tts/models"}
        assert call("POST", "jobs", reader, json=add).status_code == 403, "a read token changes nothing"
        outside = call("POST", "jobs", admin, json={**add, "project": "../escape"})
        assert outside.status_code == 400 and not (tmp_path / "escape").exists()
        local = call("POST", "jobs", admin, json={"source": str(tmp_path / "x.torrent"), "project": "p"})
        assert local.status_code == 400 and "not a source" in local.json()["error"]

        md.env["MODELDESK_SERVER_TOKEN"] = admin
        # the server asks its own mirrors: the local hub, through a project file in the root
        (root / "modeldesk.toml").write_text(f'[hub]\nmirrors = ["{hub.url}"]\n')
        got = md.run("get", "hf://acme/tts", "--server", lab.url, "--to", "tts/models", "--no-seed", "--json")
        listed = md.run("list", "--server", lab.url, "--json")
        since = call("GET", f"jobs?since={first['rev']}", reader).json()
        served = requests.get(f"{lab.url}/acme/tts/resolve/main/config.json", timeout=10,
                              headers={"Authorization": f"Bearer {reader}"})
        log_for_reader = call("GET", "log", reader).status_code
        deadline = time.monotonic() + 10  # a file's line is written once its last byte is sent: after the client has it
        while True:
            recent = call("GET", "log?last=50", admin).json()["entries"]
            if any(e.get("path") == "config.json" for e in recent) or time.monotonic() > deadline:
                break
            time.sleep(0.1)

        assert md.run("serve", "token", "revoke", "bob").code == 0
        revoked = call("GET", "jobs", reader)
        stream = requests.get(lab.url + API + "events", headers={"Authorization": f"Bearer {admin}"}, stream=True,
                              timeout=30)
        lines = []
        for line in stream.iter_lines(chunk_size=1, decode_unicode=True):  # each line as it comes
            lines.append(line)
            if line.startswith("data:"):
                break
        stream.close()
    assert got.code == 0, got.stdout + got.stderr
    folder = root / "tts" / "models"
    assert sha(folder / "model.safetensors") == sha(tmp_path / "hub" / "acme" / "tts" / "model.safetensors")
    jobs = json.loads(listed.stdout.splitlines()[-1])["jobs"] if listed.stdout.startswith("{") else None
    assert listed.code == 0 and jobs and jobs[0]["name"] == "acme/tts", listed.stdout
    assert not since["full"] and [j["name"] for j in since["jobs"]] == ["acme/tts"], since
    assert revoked.status_code == 401, "a revoked token stops at once"
    assert served.status_code == 200 and log_for_reader == 403
    assert any(e.get("action") == "POST jobs" and e["token"] == "alice" and e["status"] == 201 for e in recent), recent
    assert any(e.get("path") == "config.json" and e["token"] == "bob" and e["status"] == 200 for e in recent), recent
    logged = md.run("serve", "log", "--since", "1h", "--json")
    entries = json.loads([ln for ln in logged.stdout.splitlines() if '"log"' in ln][-1])["entries"]
    assert "POST jobs" in {e.get("action") for e in entries}
    assert all(e["time"] > 0 for e in entries) and "mdt_" not in logged.stdout, "no token in the log"
    assert lines[0] == "event: jobs" and json.loads(lines[1].removeprefix("data: "))["jobs"]


def test_read_token_closes_the_hub_endpoint_to_everyone_else(md, tmp_path):
    token = _token(md, "lab")
    with Served(md, "--read-token") as lab:
        anonymous = requests.get(f"{lab.url}/api/models/acme/tts/revision/main", timeout=10)
        holder = requests.get(f"{lab.url}/api/models/acme/tts/revision/main", timeout=10,
                              headers={"Authorization": f"Bearer {token}"})
    assert anonymous.status_code == 401
    assert holder.status_code == 404 and holder.headers["X-Error-Code"] == "RepoNotFound"


def test_get_server_exits_with_the_code_a_local_get_would(md, tmp_path):
    """The server's download fails (its mirror sends flipped bytes): `get --server` says so and exits with
    the code the same failure gives a local `get`."""
    make_model(tmp_path / "hub" / "acme", "bad", sizes={"model.safetensors": 256 * 1024, "config.json": 5})
    root = tmp_path / "lab"
    root.mkdir()
    admin = _token(md, "alice", "--admin")
    with HubServer(tmp_path / "hub", cdn_mode="flip") as hub:
        local = md.run("get", "hf://acme/bad", "--mirror", hub.url, "--to", str(tmp_path / "here"), "--no-seed")
        (root / "modeldesk.toml").write_text(f'[hub]\nmirrors = ["{hub.url}"]\n')
        with Served(md, "--project-root", str(root)) as lab:
            md.env["MODELDESK_SERVER_TOKEN"] = admin
            remote = md.run("get", "hf://acme/bad", "--server", lab.url, "--to", "bad", "--no-seed")
    assert local.code not in (0, 1), local.stderr
    assert remote.code == local.code, (remote.code, remote.stdout + remote.stderr)
    assert "sha256" in (remote.stdout + remote.stderr).lower()
