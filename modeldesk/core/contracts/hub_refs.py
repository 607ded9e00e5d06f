"""What names a repo on a hub and a file in it: shared by the hub client, the adds, the lock, the
offline listing and the library. Every hub (Hugging Face and its mirrors, ModelScope) is behind one
interface (http/hub_api.py) that speaks these."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from modeldesk.core.contracts.models import Selection


@dataclass(frozen=True)
class RepoRef:
    repo_id: str  # org/name, or datasets/org/name (core.repo_ids)
    revision: str = "main"
    endpoint: str | None = None  # the host named in a URL; None for hf://
    within: str = ""  # a selection pattern from the URL: one file (…/blob/REV/path) or a folder (…/tree/REV/sub/)
    hub: str = "hf"  # which hub's API: "hf" (Hugging Face and its mirrors) or "ms" (ModelScope): http/hub_api.py

    def __str__(self) -> str:
        return f"{self.hub}://{self.repo_id}@{self.revision}"

    def narrowed(self, selection: Selection) -> Selection:
        """The user's --include, else what the URL pointed at inside the repo (the user's --exclude kept)."""
        if selection.include or not self.within:
            return selection
        return Selection(include=(self.within,), exclude=selection.exclude)


HUBS = ("hf", "ms")  # RepoRef.hub's values: http/hub_api.py has one api for each


class HubKey(NamedTuple):
    """The hub repo and commit a model torrent names (torrent/sources.HUB_KEY): its files are that
    commit's, so each mirror of that hub can serve them."""

    repo: str
    commit: str
    hub: str = "hf"

    def ref(self) -> RepoRef:
        return RepoRef(self.repo, self.commit or "main", hub=self.hub)


@dataclass(frozen=True)
class HubFile:
    path: str
    size: int
    blob_sha1: str  # git blob id
    sha256: str | None  # LFS oid, when the file is in LFS
    xet: bool = False  # stored with Xet on the hub: a mirror may have no plain download for it
