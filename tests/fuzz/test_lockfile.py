"""modeldesk.lock comes with someone else's project: any text, any TOML document either parses into a lock
whose every path is safe, or is refused with a ModelDesk error. A lock that parses writes back to the
same lock."""

from __future__ import annotations

import tomli_w
from hypothesis import example, given, strategies as st

from modeldesk.core.base.errors import BadInputError
from modeldesk.core.projects.lockfile import dumps, loads
from modeldesk.core.base.pathsafety import check_relative_path
from tests.fuzz.strategies import hostile_text

SHA = "0" * 64
_toml_scalars = st.booleans() | st.integers(-2**63, 2**63 - 1) | hostile_text
_toml_values = st.recursive(_toml_scalars, lambda kids: st.lists(kids, max_size=3)
                            | st.dictionaries(hostile_text, kids, max_size=3), max_leaves=8)
_file = st.fixed_dictionaries({"path": hostile_text | _toml_values, "size": st.integers(-3, 2**40) | _toml_values,
                               "sha256": st.sampled_from([SHA, "g" * 64]) | _toml_values})
_model = st.fixed_dictionaries(
    {"path": st.sampled_from([".", "models/a", "../up"]) | hostile_text, "name": hostile_text | _toml_values,
     "file": st.lists(_file | _toml_values, max_size=3) | _toml_values},
    optional={"repo": st.sampled_from(["acme/tts", "../x"]) | _toml_values, "commit": st.just("a" * 40) | _toml_values,
              "magnet": hostile_text, "urls": st.lists(hostile_text, max_size=2) | _toml_values,
              "hub": st.sampled_from(["hf", "ms", "xx"]) | _toml_values,
              "also": st.lists(st.sampled_from(["ms://o/n@" + "c" * 40, "ms://../n@" + "c" * 40, "hf://o/n"])
                               | hostile_text, max_size=2) | _toml_values})
_docs = st.fixed_dictionaries({"version": st.just(1) | _toml_values,
                               "model": st.lists(_model | _toml_values, max_size=3) | _toml_values})


def _check(text: str) -> None:
    try:
        lock = loads(text)
    except BadInputError as exc:
        assert str(exc)
        return
    for m in lock.models:
        for p in m.file_paths():
            check_relative_path(p, "lock")
    assert loads(dumps(lock)) == lock


@given(_docs)
@example({"version": 1, "model": [{"path": ".", "name": "x", "file": [{"path": "a", "size": 1, "sha256": SHA}]}]})
@example({"version": 1, "model": [{"path": "m", "name": "x", "file": [{"path": "a", "size": 1, "sha256": SHA}]},
                                  {"path": ".", "name": "y", "file": [{"path": "m/a", "size": 1, "sha256": SHA}]}]})
@example({"version": 1, "model": [{"path": ".", "name": "x", "repo": "a/b",
                                   "file": [{"path": "a", "size": 1, "sha256": SHA}]}]})
@example({"version": 1, "model": [{"path": ".", "name": "x", "repo": "a/b", "commit": "a" * 40, "hub": "ms",
                                   "also": ["hf://o/n@" + "c" * 40],
                                   "file": [{"path": "a", "size": 1, "sha256": SHA}]}]})
def test_lock_documents_parse_safely_or_fail_with_a_sentence(doc):
    _check(tomli_w.dumps(doc))


@given(hostile_text)
@example("version = 1\nmodel = 3")
@example("\x00")
def test_any_text_parses_or_fails_with_a_sentence(text):
    _check(text)
