"""`transformers.from_pretrained` with HF_ENDPOINT at the lab server, unchanged: a config and a fast
tokenizer from a model the library holds, and the same from a model the library lacks (pulled through
from the server's mirror on the first request). transformers runs in a child process because it reads
HF_ENDPOINT when it is imported; no torch is needed for a config and a tokenizer."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.hub_server import HubServer
from tests.helpers.swarm import write_random
from tests.integration.test_serve import NOWHERE, Served

pytestmark = pytest.mark.integration

LOAD = """
import json, sys
from transformers import AutoConfig, AutoTokenizer
for repo in sys.argv[1:]:
    config = AutoConfig.from_pretrained(repo)
    tokenizer = AutoTokenizer.from_pretrained(repo)
    print(json.dumps({"model_type": config.model_type, "hidden_size": config.hidden_size,
                      "ids": tokenizer("model weights over a weak network")["input_ids"]}))
"""


def _tiny_model(top: Path) -> None:
    """A BERT-shaped config, a word-level fast tokenizer and weights (never loaded: no torch here)."""
    from tokenizers import Tokenizer, models, pre_tokenizers

    top.mkdir(parents=True)
    words = ["[UNK]", "model", "weights", "over", "a", "weak", "network"]
    tok = Tokenizer(models.WordLevel({w: i for i, w in enumerate(words)}, unk_token="[UNK]"))
    tok.pre_tokenizer = pre_tokenizers.Whitespace()
    tok.save(str(top / "tokenizer.json"))
    (top / "tokenizer_config.json").write_text(json.dumps({"tokenizer_class": "PreTrainedTokenizerFast",
                                                           "unk_token": "[UNK]"}))
    (top / "config.json").write_text(json.dumps({"model_type": "bert", "hidden_size": 48, "num_hidden_layers": 1,
                                                 "num_attention_heads": 2, "intermediate_size": 96,
                                                 "vocab_size": len(words)}))
    write_random(top / "model.safetensors", 300 * 1024)


def _from_pretrained(url: str, home: Path, *repos: str) -> list[dict]:
    """Each repo loaded in turn by one process (importing transformers is most of its time)."""
    env = {**os.environ, **NOWHERE, "HF_ENDPOINT": url, "HF_HOME": str(home), "HF_HUB_DISABLE_TELEMETRY": "1",
           "TRANSFORMERS_NO_ADVISORY_WARNINGS": "1"}
    env.pop("HF_TOKEN", None)
    r = subprocess.run([sys.executable, "-c", LOAD, *repos], env=env, capture_output=True, text=True, timeout=180,
                       stdin=subprocess.DEVNULL)
    assert r.returncode == 0, r.stderr[-3000:]
    return [json.loads(line) for line in r.stdout.strip().splitlines() if line.startswith("{")]


def test_from_pretrained_loads_from_the_library_and_through_the_mirror(md, tmp_path):
    _tiny_model(tmp_path / "hub" / "acme" / "tiny")
    _tiny_model(tmp_path / "hub" / "acme" / "other")
    expected = {"model_type": "bert", "hidden_size": 48, "ids": [1, 2, 3, 4, 5, 6]}
    with HubServer(tmp_path / "hub") as hub:
        got = md.run("get", "hf://acme/tiny", "--mirror", hub.url, "--to", str(tmp_path / "models" / "tiny"),
                     "--no-seed")
        assert got.code == 0, got.stderr
        with Served(md, "--mirror", hub.url) as lab:
            held, through = _from_pretrained(lab.url, tmp_path / "hf-1", "acme/tiny", "acme/other")
    assert held == expected
    assert through == expected, "a model the library lacked came through the server's mirror"
    audit = [json.loads(line) for line in (md.root / "state" / "audit.log").read_text().splitlines()]
    from_disk = {(a.get("repo"), a.get("path")) for a in audit if not a.get("pulled")}
    pulled = {(a.get("repo"), a.get("path")) for a in audit if a.get("pulled")}
    assert {("acme/tiny", "tokenizer.json"), ("acme/tiny", "config.json")} <= from_disk
    assert {("acme/other", "tokenizer.json"), ("acme/other", "config.json")} <= pulled, "pulled files are audited too"
