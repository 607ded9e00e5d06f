"""One model on Hugging Face and on ModelScope, fetched from both at once (`get hf://… --mirror ms://…`):
a file whose sha256 both hubs list comes from both; the rest from the primary alone, and the output says
which. Against the local HF hub and the local ModelScope hub, each checked against its official client."""

from __future__ import annotations

import json
import shutil

import pytest

from tests.helpers.hub_server import HubServer
from tests.helpers.ms_hub import MsHubServer
from tests.helpers.swarm import sha, write_random

pytestmark = pytest.mark.integration


@pytest.fixture
def two_hubs(tmp_path):
    hf_repo = tmp_path / "hf" / "acme" / "tts"
    write_random(hf_repo / "model.safetensors", 24 * 1024 * 1024 + 3)
    write_random(hf_repo / "vocoder.bin", 40 * 1024)
    (hf_repo / "config.json").write_text('{"arch": "tts"}\n')
    ms_repo = tmp_path / "ms" / "acme-ms" / "tts"
    ms_repo.mkdir(parents=True)
    shutil.copy(hf_repo / "model.safetensors", ms_repo / "model.safetensors")  # the same weights
    (ms_repo / "vocoder.bin").write_bytes(b"another build of the vocoder" * 1500)
    shutil.copy(hf_repo / "config.json", ms_repo / "config.json")
    return hf_repo, tmp_path


def test_one_model_comes_from_both_hubs_at_once(md, two_hubs):
    hf_repo, tmp_path = two_hubs
    out = tmp_path / "proj"
    with HubServer(tmp_path / "hf") as hf, MsHubServer(tmp_path / "ms") as ms:
        md.env["MODELSCOPE_ENDPOINT"] = ms.url
        r = md.run("get", "hf://acme/tts", "--mirror", hf.url, "--mirror", "ms://acme-ms/tts", "--to", str(out),
                   "--json")
        from_ms = ms.bytes_sent
        ms_files = {p.split("FilePath=", 1)[1] for p in ms.requests if "FilePath=" in p}
    assert r.code == 0, r.stderr
    for name in ("model.safetensors", "vocoder.bin", "config.json"):
        assert sha(out / name) == sha(hf_repo / name), name
    assert from_ms > 0, "no byte came from ModelScope"
    assert ms_files == {"model.safetensors"}, f"only the file both hubs agree on is asked of ModelScope: {ms_files}"
    events = [json.loads(ln) for ln in r.stdout.splitlines() if ln.startswith("{")]
    notes = [e["message"] for e in events if e.get("event") == "note"]
    assert notes and "1 of 3 files of acme/tts come from Hugging Face and from ModelScope acme-ms/tts" in notes[0]
    assert "config.json" in notes[0] and "vocoder.bin" in notes[0], notes  # no sha256 on HF; another build


def test_a_modelscope_mirror_that_cannot_be_listed_leaves_a_note_and_the_primary_serves(md, two_hubs):
    hf_repo, tmp_path = two_hubs
    out = tmp_path / "proj"
    with HubServer(tmp_path / "hf") as hf, MsHubServer(tmp_path / "ms") as ms:
        md.env["MODELSCOPE_ENDPOINT"] = ms.url
        r = md.run("get", "hf://acme/tts", "--mirror", hf.url, "--mirror", "ms://acme-ms/missing", "--to", str(out))
    assert r.code == 0, r.stderr
    assert sha(out / "model.safetensors") == sha(hf_repo / "model.safetensors")
    assert "ModelScope acme-ms/missing" not in r.stderr
    assert "ms://acme-ms/missing@master was not used as a mirror of acme/tts" in r.stdout + r.stderr


def test_the_pairing_is_locked_and_sync_fetches_from_both_hubs_again(md, two_hubs):
    """The lock pins the ModelScope repo beside the Hugging Face one (also = ms://…@commit); a sync on
    another machine, given only the lock, takes the shared file from both hubs again."""
    import tomllib

    from tests.helpers.cli import MdHome, ok

    hf_repo, tmp_path = two_hubs
    project = tmp_path / "a"
    with HubServer(tmp_path / "hf") as hf, MsHubServer(tmp_path / "ms") as ms:
        md.env["MODELSCOPE_ENDPOINT"] = ms.url
        ok(md.run("get", "hf://acme/tts", "--mirror", hf.url, "--mirror", "ms://acme-ms/tts",
                  "--to", str(project / "models" / "tts")))
        ok(md.run("lock", str(project)))
        (model,) = tomllib.loads((project / "modeldesk.lock").read_text())["model"]
        assert model["also"] == [f"ms://acme-ms/tts@{ms.commit('acme-ms/tts')}"], model
        other = MdHome(tmp_path / "home2")
        other.configure()
        other.env["MODELSCOPE_ENDPOINT"] = ms.url
        b = tmp_path / "b"
        b.mkdir()
        shutil.copy(project / "modeldesk.lock", b / "modeldesk.lock")
        before = ms.bytes_sent
        ok(other.run("sync", str(b), "--json"))
        assert ms.bytes_sent > before, "the sync took nothing from ModelScope"
    for name in ("model.safetensors", "vocoder.bin", "config.json"):
        assert sha(b / "models" / "tts" / name) == sha(hf_repo / name), name


def test_a_project_names_the_pairing_once_in_its_modeldesk_toml(md, two_hubs):
    hf_repo, tmp_path = two_hubs
    project = tmp_path / "proj"
    project.mkdir()
    (project / "modeldesk.toml").write_text('[hub.also]\n"acme/tts" = ["ms://acme-ms/tts"]\n')
    with HubServer(tmp_path / "hf") as hf, MsHubServer(tmp_path / "ms") as ms:
        md.env["MODELSCOPE_ENDPOINT"] = ms.url
        r = md.run("get", "hf://acme/tts", "--mirror", hf.url, "--to", str(project / "models" / "tts"))
        from_ms = ms.bytes_sent
    assert r.code == 0, r.stderr
    assert from_ms > 0, "the project's [hub.also] was not used"
    assert sha(project / "models" / "tts" / "model.safetensors") == sha(hf_repo / "model.safetensors")
    (project / "modeldesk.toml").write_text('[hub.also]\n"acme/tts" = "ms://acme-ms/tts"\n')
    bad = md.run("get", "hf://acme/tts", "--to", str(project / "models" / "tts"))
    assert bad.code == 2 and "[hub.also] must map a repo" in bad.stderr, bad.stderr
