"""Every behaviour that differs by kind of model is a table keyed by ModelKind: a kind added to the
enum and missing from a table fails here, not in a user's hands."""

from __future__ import annotations

import dataclasses

import pytest

from modeldesk.core.contracts.model_kinds import FACTS, ModelKind, kind_of, of_source
from modeldesk.core.contracts.models import JobKind
from modeldesk.core.contracts.source_kind import SourceKind
from modeldesk.core.projects.project_lock import LOCKED
from modeldesk.core.projects.verify import CHECKS
from modeldesk.core.sources.adds import RESTORE, HttpAdd, HubAdd, TorrentAdd


@pytest.mark.parametrize("table", [FACTS, RESTORE, CHECKS, LOCKED], ids=["facts", "restore", "verify", "lock"])
def test_every_table_names_every_kind(table):
    assert set(table) == set(ModelKind)


def test_every_kind_has_one_add_request():
    assert sorted(a.model_kind for a in (TorrentAdd, HttpAdd, HubAdd)) == sorted(ModelKind)


@dataclasses.dataclass
class Stored:
    kind: JobKind
    source_kind: str


@pytest.mark.parametrize("source_kind", list(SourceKind) + ["something a later version wrote"])
def test_a_stored_job_and_its_source_agree_on_the_kind(source_kind):
    engine_of = {k: FACTS[k].engine for k in ModelKind}
    if source_kind in list(SourceKind):
        added = of_source(SourceKind(source_kind))
        assert kind_of(Stored(engine_of[added], source_kind)) is added
        stored_as = FACTS[added].stored_as
        assert stored_as is None or stored_as == source_kind
    # A torrent job is a torrent whatever its stored source kind; an HTTP job with one the library does not
    # know is a plain file (it keeps its URLs), never a hub repo (that needs a manifest).
    assert kind_of(Stored(JobKind.BT, source_kind)) is ModelKind.TORRENT
    if source_kind not in (SourceKind.HUB,):
        assert kind_of(Stored(JobKind.HTTP, source_kind)) is ModelKind.URL_FILE
