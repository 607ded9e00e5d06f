"""Habits users bring from `hf download` and aria2c: --local-dir, --revision, -x, -q, --dry-run."""

from __future__ import annotations

import json

import pytest

from tests.helpers.hub_server import HubServer
from tests.integration.test_hub_urls import files_in, hub_root  # noqa: F401 (a fixture)

pytestmark = pytest.mark.integration


def test_dry_run_lists_what_it_would_fetch_and_fetches_nothing(md, tmp_path, hub_root):  # noqa: F811
    out = tmp_path / "p"
    (out / "onnx").mkdir(parents=True)
    (out / "onnx" / "config.json").write_text('{"opset": 17}\n')  # already here
    with HubServer(hub_root) as hub:
        r = md.run("get", "hf://acme/tiny-tts", "--mirror", hub.url, "--local-dir", str(out), "--include", "onnx/*",
                   "--dry-run", "--json")
        text = md.run("get", "hf://acme/tiny-tts", "--mirror", hub.url, "--to", str(out), "--dry-run")
        assert not [q for q in hub.requests if "/resolve/" in q] and hub.cdn.gets() == 0
    assert r.code == 0 and text.code == 0, (r.stderr, text.stderr)
    plan = r.last("dry_run")
    assert plan["fetch_files"] == 1 and plan["fetch_bytes"] == 600 * 1024
    assert {f["path"]: f["fetch"] for f in plan["files"]} == {"onnx/config.json": False, "onnx/model.onnx": True}
    assert "would fetch 3 of 4 selected files" in text.stdout and "have " in text.stdout
    assert files_in(out) == ["onnx/config.json"]
    assert json.loads(md.run("list", "--json").stdout) == []


def test_hf_cli_and_aria2c_flag_names(md, tmp_path, hub_root):  # noqa: F811
    out = tmp_path / "p"
    with HubServer(hub_root, tags={"v1.0"}) as hub:
        r = md.run("get", "hf://acme/tiny-tts", "--revision", "v1.0", "--mirror", hub.url, "--local-dir", str(out),
                   "-x", "2", "-q", "--no-seed")
    assert r.code == 0, r.stderr
    assert r.stdout == "" and r.stderr == ""
    row = json.loads(md.run("list", "--json").stdout)[0]
    assert row["source"].startswith("hf://acme/tiny-tts@") and row["project_dir"] == str(out)
    manifest = json.loads((out / ".modeldesk" / "manifest-acme--tiny-tts.json").read_text())
    assert manifest["source"]["revision"] == "v1.0"


def test_get_help_names_hub_sources(md):
    r = md.run("get", "--help")
    assert "hf://org/name" in r.stdout and "--local-dir" in r.stdout and "--dry-run" in r.stdout


def test_a_second_repo_into_the_same_folder_is_refused_naming_both(md, tmp_path, hub_root):  # noqa: F811
    other = hub_root / "acme" / "other-tts"
    other.mkdir(parents=True)
    (other / "config.json").write_text('{"sample_rate": 16000}\n')
    out = tmp_path / "p"
    with HubServer(hub_root) as hub:
        first = md.run("get", "hf://acme/tiny-tts", "--mirror", hub.url, "--to", str(out), "--no-seed")
        second = md.run("get", "hf://acme/other-tts", "--mirror", hub.url, "--to", str(out), "--no-seed")
        beside = md.run("get", "hf://acme/other-tts", "--mirror", hub.url, "--to", str(out / "other-tts"),
                        "--no-seed")
    assert first.code == 0 and beside.code == 0, (first.stderr, beside.stderr)
    assert second.code == 2 and "acme/tiny-tts" in second.stderr and "acme/other-tts" in second.stderr
    assert "config.json" in second.stderr, second.stderr
    assert (out / "config.json").read_text() == '{"sample_rate": 22050}\n'  # the first repo's, untouched


def test_a_projects_own_mirrors_serve_get_and_the_hint_names_the_flag(md, tmp_path, hub_root):  # noqa: F811
    project = tmp_path / "proj"
    project.mkdir()
    with HubServer(hub_root) as hub:
        nowhere = md.run("get", "hf://acme/tiny-tts", "--to", str(project / "models"), "--no-seed")
        s = md.run("mirrors", "project", hub.url, "--project", str(project))
        shown = md.run("mirrors", "project", "--project", str(project / "models" / "deeper"))
        r = md.run("get", "hf://acme/tiny-tts", "--to", str(project / "models"), "--no-seed")
    assert nowhere.code == 2 and "--mirror URL" in nowhere.stderr and "mirrors project" in nowhere.stderr
    assert s.code == 0 and (project / "modeldesk.toml").exists(), s.stderr
    assert shown.stdout.strip() == hub.url  # found from any folder inside the project
    assert r.code == 0, r.stderr
    assert "model.safetensors" in files_in(project / "models")
    (project / "modeldesk.toml").write_text("[hub]\nmirrors = 'not a list'\n")
    bad = md.run("get", "hf://acme/tiny-tts", "--to", str(project / "models"), "--no-seed")
    assert bad.code == 2 and "modeldesk.toml" in bad.stderr and "list of http(s)" in bad.stderr
