"""Where the routes look a repo up. A commit: the library's catalog, else the mirrors (pull-through). A
branch or tag: the mirrors first, as the hub would answer it now (cached for a minute), served from the
library when it holds that commit; when no mirror answers, or the server is --offline, the commit the
library fetched that branch at, as the official client reads a branch offline."""

from __future__ import annotations

from collections.abc import Callable

from modeldesk.core.base.repo_ids import COMMIT
from modeldesk.core.serve.catalog import Catalog, ServedFile, Snapshot
from modeldesk.core.serve.pull_through import PullThrough


class Repos:
    def __init__(self, catalog: Catalog, pull: PullThrough | None):
        self.catalog = catalog
        self._pull = pull  # None: --offline

    def find(self, hub: str, repo: str, revision: str) -> Snapshot | None:
        if self._pull is None or COMMIT.fullmatch(revision):
            found = self.catalog.find(hub, repo, revision)
            return found if found is not None or self._pull is None else self._pull.find(hub, repo, revision)
        upstream = self._pull.find(hub, repo, revision)
        if upstream is None:
            return self.catalog.find(hub, repo, revision)
        return self.catalog.find(hub, repo, upstream.commit) or upstream

    def knows(self, hub: str, repo: str) -> bool:
        """The repo is held or listed at some revision (so a miss is a revision's, not the repo's)."""
        return self.catalog.knows(hub, repo) or (self._pull is not None and self._pull.knows(hub, repo))

    def snapshots(self) -> list[Snapshot]:
        return self.catalog.snapshots()

    def why_not(self) -> str:
        return " (it serves its library only: --offline)" if self._pull is None else " nor on its mirrors"

    def short_of_room(self, snap: Snapshot) -> tuple[int, int] | None:
        return self._pull.short_of_room(snap) if self._pull is not None else None

    def stream(self, snap: Snapshot, f: ServedFile, start: int, end: int) -> Callable[[Callable[[bytes], None]], None]:
        assert self._pull is not None
        return self._pull.stream(snap, f, start, end)
