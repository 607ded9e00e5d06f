"""The hub repo and commit a model torrent names beside its info dictionary."""

from __future__ import annotations

import pytest

from modeldesk.core.contracts.hub_refs import HubKey
from modeldesk.core.http.hub_plan import hub_web_seeds
from modeldesk.core.torrent.sources import hub_of, with_hub_key

C = "0123456789abcdef0123456789abcdef01234567"


def test_a_well_formed_key_is_read():
    assert hub_of({b"modeldesk": {b"repo": b"acme/tts-1.0", b"commit": C.encode()}}) == ("acme/tts-1.0", C, "hf")
    ms = {b"modeldesk": {b"repo": b"acme/tts", b"commit": C.encode(), b"hub": b"ms"}}
    assert hub_of(ms) == HubKey("acme/tts", C, "ms")


def test_the_key_spliced_into_metadata_reads_back_with_its_hub():
    import libtorrent as lt

    info = b"d4:infod6:lengthi1e4:name1:x12:piece lengthi16384e6:pieces20:" + b"\0" * 20 + b"ee"
    for key in (HubKey("acme/tts", C), HubKey("acme/tts", C, "ms")):
        assert hub_of(lt.bdecode(with_hub_key(info, key))) == key


@pytest.mark.parametrize("meta", [
    None, b"acme/tts", {b"repo": b"acme/tts"}, {b"repo": b"../etc", b"commit": C.encode()},
    {b"repo": b"acme/tts/extra", b"commit": C.encode()}, {b"repo": b"acme/..", b"commit": C.encode()},
    {b"repo": b"acme/tts", b"commit": b"main"}, {b"repo": b"acme/tts", b"commit": C.upper().encode()},
    {b"repo": "acme/tts".encode("utf-16"), b"commit": C.encode()}, {b"repo": 5, b"commit": C.encode()},
    {b"repo": b"acme/tts", b"commit": C.encode(), b"hub": b"gitee"},
    {b"repo": b"acme/tts", b"commit": C.encode(), b"hub": 1},
])
def test_anything_else_is_ignored(meta):
    assert hub_of({b"modeldesk": meta} if meta is not None else {}) is None


def test_seeds_are_resolve_folders_on_every_known_hub():
    seeds = hub_web_seeds(HubKey("acme/tts", C), ("http://127.0.0.1:1/", "http://127.0.0.1:2"), use_official=False)
    assert seeds == ("http://127.0.0.1:1/acme/tts/resolve/", "http://127.0.0.1:2/acme/tts/resolve/")
    assert hub_web_seeds(None, ("http://127.0.0.1:1",), False) == ()
    assert hub_web_seeds(HubKey("acme/tts", C), (), use_official=False) == (), "no hub known: no seed, no error"


def test_a_modelscope_models_seeds_are_its_resolve_folders_under_models(monkeypatch):
    monkeypatch.delenv("MODELSCOPE_ENDPOINT", raising=False)
    monkeypatch.delenv("MODELSCOPE_DOMAIN", raising=False)
    seeds = hub_web_seeds(HubKey("acme/tts", C, "ms"), ("http://127.0.0.1:1/",), use_official=False)
    assert seeds == ("http://127.0.0.1:1/models/acme/tts/resolve/",)
    ds = hub_web_seeds(HubKey("datasets/acme/speech", C, "ms"), ("http://127.0.0.1:1",), use_official=False)
    assert ds == ("http://127.0.0.1:1/datasets/acme/speech/resolve/",)
