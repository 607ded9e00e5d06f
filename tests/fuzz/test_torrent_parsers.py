"""Magnets, info-hashes, .torrent files (mutations of real v1, v2 and hybrid torrents) and a peer's
metadata: each parses, or fails with a ModelDesk error carrying one sentence."""

from __future__ import annotations

import random
from pathlib import Path

import libtorrent as lt
import pytest
from hypothesis import example, given, strategies as st

from modeldesk.core.base.errors import BadInputError
from modeldesk.core.base.pathsafety import check_relative_path
from modeldesk.core.torrent.sources import check_info_paths, parse_info_hash, parse_magnet, parse_torrent_bytes
from tests.fuzz.strategies import FRAGMENTS, bencode_values, hostile_text
from tests.helpers.swarm import write_random

_FLAGS = {"v1": lt.create_torrent.v1_only, "v2": lt.create_torrent.v2_only, "hybrid": 0}


def _real_torrents(root: Path) -> dict[str, bytes]:
    model = root / "model"
    write_random(model / "weights.safetensors", 40_000)
    write_random(model / "sub" / "config.json", 900)
    write_random(root / "single.bin", 20_000)
    out = {}
    for kind, flags in _FLAGS.items():
        for top in (model, root / "single.bin"):
            ct = lt.create_torrent(lt.list_files(str(top)), 16 * 1024, flags=flags)
            ct.add_tracker("http://127.0.0.1:1/announce")
            ct.add_url_seed("http://127.0.0.1:1/seed/")
            lt.set_piece_hashes(ct, str(top.parent))
            out[f"{kind}-{top.name}"] = lt.bencode(ct.generate())
    return out


@pytest.fixture(scope="module")
def torrents(tmp_path_factory) -> dict[str, bytes]:
    return _real_torrents(tmp_path_factory.mktemp("real"))


def _accepts(src) -> None:
    """What a parse that succeeded must hold: a name and only paths that stay in the folder."""
    assert isinstance(src.name, str) and src.job_id
    for f in src.files:
        check_relative_path(f.path, "parsed torrent")


_hex = st.text("0123456789abcdefABCDEF", min_size=0, max_size=70) | st.text("0123456789abcdef", min_size=40,
                                                                           max_size=40)
_b32 = st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", max_size=40)
_xt = st.text("0123456789abcdef", min_size=40, max_size=40).map("xt=urn:btih:{}".format)
_param = st.sampled_from(["xt", "dn", "tr", "ws", "x.pe", "so", "xl", "as", "xs", "kt", "", "xt.1"])
_value = st.one_of(_hex.map("urn:btih:{}".format), _b32.map("urn:btih:{}".format),
                   _hex.map("urn:btmh:1220{}".format), hostile_text,
                   st.binary(max_size=12).map(lambda b: "".join(f"%{c:02X}" for c in b)))
magnets = st.tuples(st.lists(_xt, max_size=1), st.lists(st.tuples(_param, _value), max_size=6)).map(
    lambda xt_kv: "magnet:?" + "&".join(xt_kv[0] + [f"{k}={v}" for k, v in xt_kv[1]]))


@given(st.one_of(magnets, hostile_text.map("magnet:?{}".format)))
@example("magnet:?xt=urn:btih:" + "ab" * 20 + "&dn=%FF%FEmodel")  # a non-UTF-8 byte in the name
@example("magnet:?xt=urn:btih:" + "ab" * 20 + "&dn=" + "n" * 5000)
def test_magnets_parse_or_fail_with_a_sentence(text):
    try:
        src = parse_magnet(text)
    except BadInputError as exc:
        assert str(exc)
        return
    _accepts(src)
    src.name.encode("utf-8", "surrogateescape")  # a non-UTF-8 dn must not make a name we cannot print


@given(st.one_of(_hex, _b32, hostile_text))
def test_info_hashes_parse_or_fail_with_a_sentence(text):
    try:
        _accepts(parse_info_hash(text))
    except BadInputError as exc:
        assert str(exc)


def _bencode(v) -> bytes:
    """Any value as bencode, integers of any size included (libtorrent's encoder stops at 64 bits)."""
    if isinstance(v, int):
        return b"i%de" % v
    if isinstance(v, bytes):
        return b"%d:%s" % (len(v), v)
    if isinstance(v, list):
        return b"l" + b"".join(map(_bencode, v)) + b"e"
    return b"d" + b"".join(_bencode(k) + _bencode(v[k]) for k in sorted(v)) + b"e"


def _mutate_bytes(data: bytes, rnd: random.Random) -> bytes:
    b = bytearray(data)
    for _ in range(rnd.randint(1, 8)):
        if not b:
            break
        op, at = rnd.randrange(4), rnd.randrange(len(b))
        if op == 0:
            b[at] ^= 1 << rnd.randrange(8)
        elif op == 1:
            del b[at:at + rnd.randint(1, 16)]
        elif op == 2:
            b[at:at] = rnd.choice([b"0:", b"i-1e", b"le", b"de", b"4:....", b"e", b"1:/", b"2:..", b"\xff"])
        else:
            b = b[:at]
    return bytes(b)


def _slots(node, path=()):
    """Every place in a decoded torrent a value could be replaced."""
    yield path
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _slots(v, path + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _slots(v, path + (i,))


def _replace(node, path, value):
    if not path:
        return value
    node = dict(node) if isinstance(node, dict) else list(node)
    node[path[0]] = _replace(node[path[0]], path[1:], value)
    return node


_path_values = st.lists(st.sampled_from(FRAGMENTS).map(str.encode) | st.binary(max_size=8), min_size=0, max_size=4)


@given(kind=st.sampled_from(sorted(f"{k}-{t}" for k in _FLAGS for t in ("model", "single.bin"))),
       seed=st.integers(0, 2**32), value=st.one_of(bencode_values, _path_values))
def test_mutated_torrents_parse_or_fail_with_a_sentence(torrents, kind, seed, value):
    rnd = random.Random(seed)
    data = torrents[kind]
    if rnd.random() < 0.5:
        data = _mutate_bytes(data, rnd)
    else:  # swap one value anywhere in the structure (a file list, a path element, a tree key, a length)
        decoded = lt.bdecode(data)
        slot = rnd.choice(list(_slots(decoded))[1:])
        data = _bencode(_replace(decoded, slot, value))
    try:
        _accepts(parse_torrent_bytes(data, "fuzzed.torrent"))
    except BadInputError as exc:
        assert str(exc)


@given(kind=st.sampled_from(sorted(f"{k}-model" for k in _FLAGS)), seed=st.integers(0, 2**32),
       value=st.one_of(bencode_values, _path_values))
def test_a_peers_metadata_is_checked_without_raising_anything_else(torrents, kind, seed, value):
    """A magnet's metadata comes from a stranger: the info dictionary, any value swapped."""
    info = lt.bdecode(torrents[kind])[b"info"]
    slot = random.Random(seed).choice(list(_slots(info)))
    try:
        check_info_paths(_replace(info, slot, value), "The metadata")
    except BadInputError as exc:
        assert str(exc)
