"""Where the routes look a repo up: the library's catalog first (what it holds, a branch read as the
commit the library fetched it at, as the official client does offline), then, unless the server is
offline, the mirrors through pull-through."""

from __future__ import annotations

from collections.abc import Callable

from modeldesk.core.serve.catalog import Catalog, ServedFile, Snapshot
from modeldesk.core.serve.pull_through import PullThrough


class Repos:
    def __init__(self, catalog: Catalog, pull: PullThrough | None):
        self.catalog = catalog
        self._pull = pull  # None: --offline

    def find(self, hub: str, repo: str, revision: str) -> Snapshot | None:
        found = self.catalog.find(hub, repo, revision)
        if found is None and self._pull is not None:
            found = self._pull.find(hub, repo, revision)
        return found

    def knows(self, hub: str, repo: str) -> bool:
        """The repo is held or listed at some revision (so a miss is a revision's, not the repo's)."""
        return self.catalog.knows(hub, repo) or (self._pull is not None and self._pull.knows(hub, repo))

    def snapshots(self) -> list[Snapshot]:
        return self.catalog.snapshots()

    def why_not(self) -> str:
        return " (it serves its library only: --offline)" if self._pull is None else " nor on its mirrors"

    def stream(self, snap: Snapshot, f: ServedFile, start: int, end: int) -> Callable[[Callable[[bytes], None]], None]:
        assert self._pull is not None
        return self._pull.stream(snap, f, start, end)
