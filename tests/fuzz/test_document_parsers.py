"""Documents read from servers or disk: hub listings and revision answers, our manifests, the settings
file. A listing or manifest parses or is refused with a ModelDesk error; settings always load (a bad
value falls back to its default, a bad file to the defaults)."""

from __future__ import annotations

import dataclasses
import json

from hypothesis import example, given, strategies as st

from modeldesk.core.base.errors import BadInputError
from modeldesk.core.contracts.hub_refs import RepoRef
from modeldesk.core.http.hf_api import commit_of, files_of_listing
from modeldesk.core.http import ms_api
from modeldesk.core.library.manifest import verify_manifests
from modeldesk.core.base.pathsafety import check_relative_path
from modeldesk.core.config.settings import Settings, load_settings
from tests.fuzz.strategies import hostile_text, json_values

_sizes = st.integers(-5, 2**50) | json_values
_entry = st.fixed_dictionaries(
    {"type": st.sampled_from(["file", "directory"]) | json_values, "path": hostile_text | json_values},
    optional={"size": _sizes, "oid": hostile_text | json_values, "xetHash": json_values,
              "lfs": st.none() | json_values | st.fixed_dictionaries({"oid": hostile_text | json_values})})
_pages = st.lists(st.lists(_entry | json_values, max_size=5) | json_values, min_size=1, max_size=3)


@given(_pages)
@example([[{"type": "file", "path": "model.bin", "size": 3}, {"type": "file", "path": "model.bin/inner.txt",
                                                             "size": 1}]])
@example([[{"type": "file", "path": "a" * 300, "size": 3}]])
@example([[{"type": "file", "path": "ok.bin", "size": "12"}]])
@example([{"type": "file"}])
def test_hub_listings_parse_or_fail_with_a_sentence(pages):
    try:
        files = files_of_listing(pages, "org/name")
    except BadInputError as exc:
        assert str(exc)
        return
    paths = [f.path for f in files]
    for f in files:
        check_relative_path(f.path, "listing")
        assert type(f.size) is int and f.size >= 0
        assert not any(p.startswith(f.path + "/") for p in paths)  # no file is also a folder


@given(json_values)
@example({"sha": "0" * 40})
def test_revision_answers_give_a_commit_or_fail_with_a_sentence(answer):
    try:
        commit = commit_of(answer, RepoRef("org/name"))
    except BadInputError:
        return
    assert len(commit) == 40


_ms_entry = st.fixed_dictionaries(
    {"Type": st.sampled_from(["blob", "tree"]) | json_values, "Path": hostile_text | json_values},
    optional={"Size": _sizes, "Sha256": hostile_text | json_values, "Revision": json_values})
_ms_pages = st.lists(st.fixed_dictionaries({"Data": st.fixed_dictionaries(
    {"Files": st.lists(_ms_entry | json_values, max_size=5) | json_values})}) | json_values, min_size=1, max_size=2)


@given(_ms_pages)
@example([{"Data": {"Files": [{"Type": "blob", "Path": "m.bin", "Size": 3}, {"Type": "blob", "Path": "m.bin/x",
                                                                          "Size": 1}]}}])
@example([{"Data": {"Files": [{"Type": "blob", "Path": "ok.bin", "Size": 2, "Sha256": 7}]}}])
def test_modelscope_listings_parse_or_fail_with_a_sentence(pages):
    try:
        files = ms_api.files_of_listing(pages, "owner/name")
    except BadInputError as exc:
        assert str(exc)
        return
    paths = [f.path for f in files]
    for f in files:
        check_relative_path(f.path, "listing")
        assert type(f.size) is int and f.size >= 0
        assert not any(p.startswith(f.path + "/") for p in paths)


@given(json_values)
@example({"Data": {"RevisionMap": {"Branches": [{"Revision": "master", "CommitId": "0" * 40}]}}})
def test_modelscope_revision_answers_give_a_commit_or_fail_with_a_sentence(answer):
    try:
        commit = ms_api.commit_of(answer, RepoRef("owner/name", "master", hub="ms"))
    except BadInputError:
        return
    assert len(commit) == 40


_manifest_docs = st.one_of(
    st.binary(max_size=200),
    json_values.map(lambda v: json.dumps(v).encode()),
    st.lists(st.fixed_dictionaries({"path": hostile_text | json_values, "size": _sizes},
                                   optional={"sha256": json_values, "git_sha1": json_values}), max_size=4)
    .map(lambda files: json.dumps({"files": files}).encode()),
)


@given(_manifest_docs)
@example(b'{"files": [{"path": "model.bin", "size": 5')  # truncated
@example(b'{"files": [{"path": "../../etc/passwd", "size": 1}]}')
def test_manifests_verify_or_fail_with_a_sentence(tmp_path_factory, doc):
    project = tmp_path_factory.mktemp("project")
    (project / ".modeldesk").mkdir()
    (project / ".modeldesk" / "manifest-org--name.json").write_bytes(doc)
    (project / "model.bin").write_bytes(b"hello")
    try:
        result = verify_manifests(project)
    except BadInputError as exc:
        assert str(exc)
        return
    assert result is not None and result.checked >= 0


_settings_docs = st.one_of(
    st.binary(max_size=100),
    json_values.map(lambda v: json.dumps(v).encode()),
    st.fixed_dictionaries({}, optional={
        "schema_version": json_values, "torrent": st.dictionaries(st.sampled_from(
            [f.name for f in dataclasses.fields(Settings().torrent)]), json_values),
        "http": st.dictionaries(st.sampled_from([f.name for f in dataclasses.fields(Settings().http)]),
                                json_values),
        "proxy": st.dictionaries(st.sampled_from([f.name for f in dataclasses.fields(Settings().proxy)]),
                                 json_values),
        "ui": st.dictionaries(st.sampled_from([f.name for f in dataclasses.fields(Settings().ui)]), json_values),
    }).map(lambda v: json.dumps(v).encode()),
)


def _same_types(value, default) -> None:
    if dataclasses.is_dataclass(default):
        for f in dataclasses.fields(default):
            _same_types(getattr(value, f.name), getattr(default, f.name))
    elif isinstance(default, tuple):
        assert isinstance(value, tuple) and all(isinstance(v, str) for v in value), value
    else:
        assert type(value) is type(default), (value, default)


@given(_settings_docs)
@example(b'{"schema_version": "abc"}')
@example(b"[1, 2]")
@example(b'{"http": {"hub_mirrors": [1, {"a": 2}]}}')
def test_settings_files_always_load_with_values_of_the_right_type(tmp_path_factory, doc):
    path = tmp_path_factory.mktemp("config") / "settings.json"
    path.write_bytes(doc)
    _same_types(load_settings(path), Settings())
