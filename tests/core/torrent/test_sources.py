import base64

import libtorrent as lt
import pytest

from modeldesk.core.base.errors import BadSourceError, UnsafePathError
from modeldesk.core.sources.adds import resolve_torrent_source
from modeldesk.core.torrent.sources import check_info_paths, parse_torrent_bytes

HEX = "8d2de96a95c9dfe5bef5b17575e3728a9694bff8"


def test_bare_info_hashes_become_magnets():
    s = resolve_torrent_source(HEX)
    assert s.job_id == HEX and s.kind == "infohash" and s.text.startswith("magnet:?xt=urn:btih:")
    b32 = resolve_torrent_source(base64.b32encode(bytes.fromhex(HEX)).decode())
    assert b32.job_id == HEX


def test_magnet_keeps_name_and_id():
    s = resolve_torrent_source(f"magnet:?xt=urn:btih:{HEX.upper()}&dn=tts-model&x.pe=127.0.0.1:1")
    assert s.job_id == HEX and s.name == "tts-model" and not s.has_metadata


@pytest.mark.parametrize("parts", [[b".."], [b"a", b".."], [b""], [b"/etc"], [b"C:"], [b"a\\..\\b"]])
def test_hostile_names_are_refused(parts):
    with pytest.raises(UnsafePathError):
        check_info_paths({b"name": b"ok", b"files": [{b"length": 1, b"path": parts}]}, "t")


def test_hostile_v2_file_tree_is_refused():
    tree = {b"..": {b"x": {b"": {b"length": 1}}}}
    with pytest.raises(UnsafePathError):
        check_info_paths({b"name": b"ok", b"file tree": tree}, "t")


def test_hostile_name_field_is_refused():
    with pytest.raises(UnsafePathError):
        check_info_paths({b"name": b"..", b"length": 1}, "t")


def test_non_dict_bencode_is_not_a_torrent():
    with pytest.raises(BadSourceError):
        parse_torrent_bytes(lt.bencode([1, 2, 3]), "x.torrent")
