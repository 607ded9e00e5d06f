"""One model on two hubs, fetched from both at once: a hub repo given as a mirror of another
(`get hf://org/name --mirror ms://owner/name`, the same in modeldesk.toml, a lock or the add dialog).
Many orgs publish the same weights on Hugging Face and ModelScope; a file whose sha256 both listings
name is one file with the URLs of both hubs' endpoints, verified against that sha256 whichever
served its bytes. A file whose sha256 differs, or that one side lists without a sha256 (the Hugging
Face hub gives small files a git blob id only), comes from the primary repo alone, and the job's
note says which.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property

from modeldesk.core.base.errors import ModelDeskError
from modeldesk.core.base.messages import N_, Message
from modeldesk.core.base.pathsafety import short
from modeldesk.core.config.credentials import Credentials
from modeldesk.core.config.proxy import Proxy
from modeldesk.core.contracts.hub_refs import HubFile, RepoRef
from modeldesk.core.http.hub import HubClient
from modeldesk.core.http.hub_api import api_for_source, api_of


@dataclass(frozen=True)
class Alternate:
    """Another hub's repo of the same model, pinned and listed, with the endpoints it is fetched from."""

    ref: RepoRef
    commit: str
    files: tuple[HubFile, ...]
    endpoints: tuple[str, ...]

    @cached_property
    def _paths(self) -> dict[str, str]:
        """sha256 -> its path here (the first listed), built once for every file of the primary to ask."""
        by_sha: dict[str, str] = {}
        for f in self.files:
            if f.sha256:
                by_sha.setdefault(f.sha256, f.path)
        return by_sha

    def urls_of(self, sha256: str) -> tuple[str, ...]:
        """Every endpoint's URL of its file with that content (its path may differ from the primary's)."""
        path = self._paths.get(sha256)
        if path is None:
            return ()
        return tuple(api_of(self.ref).file_url(ep, self.ref.repo_id, self.commit, path) for ep in self.endpoints)

    def __str__(self) -> str:
        return f"{api_of(self.ref).label} {self.ref.repo_id}"


def split_mirrors(mirrors: Iterable[str]) -> tuple[list[str], list[RepoRef]]:
    """The endpoints among `mirrors`, and the hub repos given as mirrors (ms://…, hf://…, a repo's URL)."""
    endpoints: list[str] = []
    repos: list[RepoRef] = []
    for m in mirrors:
        api = api_for_source(m)
        if api is not None:
            repos.append(api.parse(m))
        else:
            endpoints.append(m)
    return endpoints, repos


def list_alternates(primary: RepoRef, repos: list[RepoRef], endpoints_for: Callable[[RepoRef], list[str]],
                    credentials: Credentials | None, proxy: Proxy | None) -> tuple[list[Alternate], list[Message]]:
    """Each repo pinned and listed on its own hub; one that cannot be is left out, with a note (the
    primary repo still serves every file)."""
    found: list[Alternate] = []
    notes: list[Message] = []
    for ref in repos:
        if (ref.hub, ref.repo_id) == (primary.hub, primary.repo_id):
            continue  # the repo itself again: its endpoints are mirrors already
        try:
            endpoints = endpoints_for(ref)
            client = HubClient(endpoints, credentials=credentials, proxy=proxy)
            commit = client.resolve(ref)
            found.append(Alternate(ref, commit, tuple(client.list_files(ref, commit)), tuple(endpoints)))
        except ModelDeskError as exc:
            notes.append(Message.of(N_("{mirror} was not used as a mirror of {repo_id}: {error}"),
                                    mirror=str(ref), repo_id=primary.repo_id, error=exc))
    return found, notes


def pairing_note(repo_id: str, chosen: list[HubFile], shared: set[str], alternates: list[Alternate],
                 label: str) -> Message | None:
    """Which of the chosen files come from both hubs, and which from the primary alone."""
    if not alternates:
        return None
    names = ", ".join(str(a) for a in alternates)
    alone = [f.path for f in chosen if f.path not in shared]
    if not alone:
        return Message.of(N_("All {total} files of {repo_id} come from {label} and from {names} at once."),
                          total=len(chosen), repo_id=repo_id, label=label, names=names)
    return Message.of(N_("{shared_count} of {total} files of {repo_id} come from {label} and from {names} at once; "
                         "{alone_count} come from {label} only (no sha256 both hubs agree on): {shown}"),
                      shared_count=len(chosen) - len(alone), total=len(chosen), repo_id=repo_id, label=label,
                      names=names, alone_count=len(alone), shown=short(", ".join(alone), 300))
