"""One intake: the add dialog's preview resolves a source once (with the token of its host), and the add
takes exactly what the preview resolved: no second pin of the revision, no second listing."""

from __future__ import annotations

import json

import pytest

from modeldesk.core.contracts import events as ev
from modeldesk.core.base.errors import AccessDeniedError
from modeldesk.core.sources.intake import build_add, resolve_source
from modeldesk.core.contracts.models import Selection
from modeldesk.core.config.secrets import set_token
from modeldesk.core.config.settings import HttpSettings
from tests.core.torrent.test_engine import wait_for
from tests.helpers.hub_server import HubServer
from tests.helpers.manager import Running
from tests.helpers.swarm import write_random

pytestmark = pytest.mark.integration
TOKEN = "hf_test_intake_Q2w8"


def test_a_gated_repo_previews_with_its_token_and_adds_as_previewed(md, tmp_path, keyring_daemon):
    repo = tmp_path / "hub" / "acme" / "gated"
    write_random(repo / "model.safetensors", 256 * 1024)
    (repo / "config.json").write_text("{}\n")
    (repo / "extra.bin").write_bytes(b"x" * 100)
    out = tmp_path / "proj"
    with HubServer(tmp_path / "hub", gated={"acme/gated": TOKEN}) as hub:
        host = hub.url  # a plain-http mirror is trusted by its whole origin
        anonymous = HttpSettings(use_official_hub=False)
        with pytest.raises(AccessDeniedError):
            resolve_source("hf://acme/gated", (hub.url,), anonymous)
        set_token(host, TOKEN)
        http = HttpSettings(use_official_hub=False, token_hosts=(host,))
        preview = resolve_source("hf://acme/gated", (hub.url,), http)
        assert [f.path for f in preview.files] == ["config.json", "extra.bin", "model.safetensors"]
        asked = len([r for r in hub.requests if "/api/models/" in r])

        settings = json.loads((md.root / "config" / "settings.json").read_text())
        settings["http"]["token_hosts"] = [host]
        (md.root / "config" / "settings.json").write_text(json.dumps(settings))
        add = build_add("hf://acme/gated", str(out), Selection(exclude=("extra.bin",)), mirrors=(hub.url,),
                        resolved=preview)
        with Running(md) as r:
            job = r.m.add(add).result(20)
            wait_for(r.events, lambda e: isinstance(e, ev.JobFinished) and e.job_id == job, 20)
        again = len([r for r in hub.requests if "/api/models/" in r])
    assert again == asked, "the add pinned or listed the repo a second time"
    assert (out / "model.safetensors").read_bytes() == (repo / "model.safetensors").read_bytes()
    assert not (out / "extra.bin").exists()
    manifest = json.loads((out / ".modeldesk" / "manifest-acme--gated.json").read_text())
    assert manifest["source"]["commit"] == preview.hub.commit
