"""The inputs the trust fixes read: token scopes, paths the user types, names in a folder to publish,
what a bookkeeping write is told to write, and lock or project files nested without end. Only
ModelDesk's own errors may come out, and what is accepted keeps its promise."""

from __future__ import annotations

import os

from hypothesis import given
from hypothesis import strategies as st

from modeldesk.core.base.beneath import write_beneath
from modeldesk.core.config.credentials import normalize_host, origin_of
from modeldesk.core.base.errors import ModelDeskError, UnsafePathError
from modeldesk.core.projects.lockfile import loads
from modeldesk.core.projects.projects import user_path
from modeldesk.core.publish.publish_scan import credential_kind
from modeldesk.headless.last_resort import refused_input
from tests.fuzz.strategies import hostile_text

surrogate_text = st.text(alphabet=st.characters(min_codepoint=0xDC80, max_codepoint=0xDCFF), min_size=1, max_size=3)
args = st.one_of(hostile_text, st.tuples(hostile_text, surrogate_text, hostile_text).map("".join))


@given(hostile_text)
def test_a_token_scope_is_an_origin_or_a_sentence(text):
    try:
        scope = normalize_host(text)
    except ModelDeskError:
        return
    assert scope.startswith(("https://", "http://")) and "/" not in scope.split("://", 1)[1]
    assert origin_of(scope + "/x") == scope  # a URL of that origin gets exactly that scope's token


@given(args)
def test_a_typed_path_is_an_absolute_utf8_path_or_a_sentence(text):
    try:
        path = user_path(text)
    except ModelDeskError:
        return
    assert path.is_absolute()
    str(path).encode("utf-8")  # never a name that cannot be printed or put in a torrent
    assert len(os.fsencode(path)) <= 4095


@given(st.lists(args, max_size=4), args)
def test_arguments_that_are_not_utf8_are_named_before_anything_reads_them(argv, home):
    said = refused_input(argv, {"MODELDESK_HOME": home})
    bad = [a for a in [*argv, home] if a.encode("utf-8", "surrogatepass") != a.encode("utf-8", "replace")
           or any(0xD800 <= ord(c) <= 0xDFFF for c in a)]
    assert (said is not None) == bool(bad)


@given(hostile_text)
def test_credential_names_never_raise(rel):
    credential_kind(rel)


@given(hostile_text)
def test_a_bookkeeping_write_lands_below_its_root_or_is_refused(tmp_path_factory, rel):
    root = tmp_path_factory.mktemp("root")
    try:
        written = write_beneath(root, rel, b"x")
    except (UnsafePathError, ValueError):  # refused in words, or a NUL (Python refuses it before the OS)
        return
    except OSError:  # a name too long for the file system: refused by the OS, nothing written
        return
    assert written
    real = os.path.realpath(root / rel)
    assert real.startswith(os.path.realpath(root) + os.sep)


@given(st.integers(1, 5000))
def test_a_lock_nested_any_depth_deep_is_a_sentence(depth):
    try:
        loads("version = 1\nx = " + "[" * depth + "]" * depth + "\n")
    except ModelDeskError:
        pass
