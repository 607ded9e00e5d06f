"""The kinds of model a job holds, and the one place that tells them apart.

A job is a torrent (libtorrent: a swarm and web seeds), a hub repo (the HTTP engine: a repo's files at
one commit, with a manifest beside them) or a URL file (the HTTP engine: one file from its mirrors).
Every behaviour that differs by kind (restoring a stored job, verifying a folder, locking a project,
publishing, moving a job's files) looks the kind up here and picks from a table keyed by ModelKind;
tests/core/test_model_kinds.py fails for any table that lacks a kind. A new kind is a value here, its
facts, and an entry in each table.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Protocol

from modeldesk.core.contracts.models import JobKind
from modeldesk.core.contracts.source_kind import SourceKind


class ModelKind(enum.StrEnum):
    TORRENT = "torrent"
    HUB_REPO = "hub repo"
    URL_FILE = "url file"


@dataclass(frozen=True)
class KindFacts:
    engine: JobKind  # the engine that runs it
    manifest: bool  # a .modeldesk/manifest-<name>.json is written beside it and moves with it
    stored_as: SourceKind | None  # the library's source_kind for it (None: the torrent's own kind)


FACTS: dict[ModelKind, KindFacts] = {
    ModelKind.TORRENT: KindFacts(JobKind.BT, manifest=False, stored_as=None),
    ModelKind.HUB_REPO: KindFacts(JobKind.HTTP, manifest=True, stored_as=SourceKind.HUB),
    ModelKind.URL_FILE: KindFacts(JobKind.HTTP, manifest=False, stored_as=SourceKind.FILE),
}


class Stored(Protocol):
    @property
    def kind(self) -> JobKind: ...
    @property
    def source_kind(self) -> str: ...


def kind_of(job: Stored) -> ModelKind:
    """A stored job's kind (a LibraryEntry, a transfer row): a torrent job whatever its source kind
    (magnet, info-hash, .torrent, or one the library does not know), else by the HTTP source kind."""
    if job.kind is JobKind.BT:
        return ModelKind.TORRENT
    return ModelKind.HUB_REPO if job.source_kind == SourceKind.HUB else ModelKind.URL_FILE


def of_source(kind: SourceKind) -> ModelKind:
    """The kind a classified source becomes when added."""
    if kind.is_torrent:
        return ModelKind.TORRENT
    return ModelKind.HUB_REPO if kind is SourceKind.HUB else ModelKind.URL_FILE
