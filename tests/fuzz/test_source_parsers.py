"""What a user types or pastes (a source, a rate, a sha256, a glob, a host for a token) and what a
server sends in a header: parsed, or refused with a ModelDesk error. Nothing here touches the network:
a source that would be fetched (a .torrent URL) is classified but not added."""

from __future__ import annotations

import pytest
from hypothesis import example, given, strategies as st

from modeldesk.core.sources.adds import check_sha256, http_file_name
from modeldesk.core.config.credentials import Credentials, normalize_host, origin_of
from modeldesk.core.base.errors import BadInputError, ModelDeskError
from modeldesk.core.http.fetch import MirrorFault, check_content_range
from modeldesk.core.contracts.source_kind import SourceKind
from modeldesk.core.sources.classify import classify
from modeldesk.core.sources.intake import build_add
from modeldesk.core.contracts.models import Selection
from modeldesk.core.contracts.selection import glob_escape, is_selected
from modeldesk.core.base.units import parse_rate
from tests.fuzz.strategies import hostile_text

_sources = st.one_of(
    hostile_text,
    st.tuples(st.sampled_from(["hf://", "http://", "https://", "https://huggingface.co/", "http://[::1",
                               "http://127.0.0.1:1/", "magnet:?xt=urn:btih:", "/tmp/", "./", "~/", "hf://datasets/",
                               "https://huggingface.co/datasets/", "https://hf.co/a/b/blob/main/",
                               "http://127.0.0.1:1/a/b/resolve/", "http://127.0.0.1:1/a/b/tree/main/"]),
              hostile_text).map("".join),
)

# The inputs a red-team pass found raising tracebacks, kept as fixed examples so every CI run has them.
_KNOWN = ["m" * 5000, "http://[::1/model.bin", "a\0b.torrent", "x" * 300 + ".torrent", "hf://org/na\0me",
          "https://huggingface.co/org/name/tree/", "http://[fe80::1%25eth0]/m.bin", "hf://" + "o" * 300 + "/n",
          "https://hf.co/a/b/blob/main/../../etc/passwd", "http://h/a/b/tree/main/..", "hf://datasets/a/../b",
          "https://hf.co/a/b/resolve/main", "https://hf.co/spaces/a/b", "a/b"]


def _source_test(text, tmp_path):
    try:
        source = classify(text)
        if source.kind is SourceKind.TORRENT and source.is_url:
            return  # would be fetched: covered by the .torrent parser tests
        build_add(text, str(tmp_path / "project"))
    except ModelDeskError as exc:
        assert str(exc)


@given(_sources)
def test_any_source_is_added_or_refused_with_a_sentence(tmp_path, text):
    _source_test(text, tmp_path)


@pytest.mark.parametrize("text", _KNOWN, ids=range(len(_KNOWN)))
def test_sources_that_once_raised(tmp_path, text):
    _source_test(text, tmp_path)


@given(_sources)
@example("http://[::1/model.bin")
def test_file_names_from_urls_stay_in_the_folder(text):
    try:
        name = http_file_name(text)
    except BadInputError:
        return
    assert name and "/" not in name and name not in (".", "..")


@given(st.one_of(hostile_text, st.from_regex(r"\s*\d{1,30}(\.\d{0,30})?\s*[kmgtKMGT]?(i?[bB]?|bit)?(/s)?%?\s*",
                                             fullmatch=True)), st.integers(0, 2**40))
def test_rates_parse_or_fail_with_a_sentence(text, uplink):
    try:
        assert parse_rate(text, uplink) >= 0
    except BadInputError as exc:
        assert str(exc)


@given(st.one_of(hostile_text, st.text("0123456789abcdefABCDEF \t", min_size=60, max_size=70)))
def test_sha256_values_parse_or_fail_with_a_sentence(text):
    try:
        value = check_sha256(text)
    except BadInputError:
        return
    assert value is not None and len(value) == 64


@given(hostile_text, hostile_text)
def test_token_hosts_never_raise(host, url):
    """A host the user trusted and a URL a server redirected to: a token goes only to its host."""
    creds = Credentials({host: "secret-token"})
    token = creds.token_for(url)
    assert token in (None, "secret-token")
    if token:  # only to the very origin (scheme, host, port) the user named
        assert origin_of(url) == normalize_host(host)


@given(st.one_of(hostile_text, st.from_regex(r"bytes \d{1,20}-\d{1,20}/(\d{1,20}|\*)", fullmatch=True)),
       st.integers(0, 2**40), st.integers(0, 2**40), st.none() | st.integers(0, 2**41))
def test_content_range_headers_are_checked_without_raising_anything_else(header, start, length, size):
    try:
        check_content_range(header, start, start + length, size)
    except MirrorFault:
        pass


@given(st.lists(hostile_text, max_size=3), st.lists(hostile_text, max_size=3), hostile_text, hostile_text)
def test_globs_select_without_raising(include, exclude, path, top):
    result = is_selected(path, Selection(tuple(include), tuple(exclude)), top)
    assert result in (True, False)
    assert is_selected(path, Selection((glob_escape(path),)))  # a file picked by name is always selected


@given(st.one_of(hostile_text, st.ip_addresses().map(str)))
@example("::ffff:10.1.2.3")
@example("[fe80::1%eth0]")
def test_a_peer_address_is_lan_or_not_and_never_raises(text):
    from modeldesk.core.base.urls import is_lan_address

    assert isinstance(is_lan_address(text), bool)


@pytest.mark.parametrize("ip, lan", [
    ("192.168.1.20", True), ("10.0.0.7", True), ("172.16.5.1", True), ("127.0.0.1", True),
    ("169.254.3.3", True), ("fd12:3456::1", True), ("fe80::1%eth0", True), ("::1", True),
    ("::ffff:192.168.0.9", True), ("8.8.8.8", False), ("2001:4860::8888", False), ("44.1.2.3", False),
    ("::ffff:8.8.4.4", False), ("not an address", False), ("", False),
])
def test_lan_addresses_are_those_of_the_users_own_network(ip, lan):
    from modeldesk.core.base.urls import is_lan_address

    assert is_lan_address(ip) is lan
