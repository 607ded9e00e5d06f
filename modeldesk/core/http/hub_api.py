"""One interface for every hub ModelDesk reaches: what differs between Hugging Face (and its mirrors)
and ModelScope is here and in hf_api.py / ms_api.py, nowhere else. The client (hub.HubClient), the
plan (hub_plan.py), the classifier and the engines ask a HubApi; none branches on a hub's name.

A hub answers four questions: which commit a revision names, which files a commit holds (size,
sha256 or git blob id), where one file of a commit is downloaded, and which of its answers are
errors. It also knows its source forms (hf://, ms://, its hosts' URLs), its default revision, its
official endpoint and the environment variables its own client reads.
"""

from __future__ import annotations

from typing import Any, Protocol

from modeldesk.core.contracts.hub_refs import HubFile, RepoRef


class HubApi(Protocol):
    scheme: str  # "hf" | "ms": RepoRef.hub and the source's scheme (hf://, ms://)
    label: str  # the hub's name for people ("Hugging Face", "ModelScope")
    official: str  # the official endpoint, asked unless turned off
    default_revision: str
    known_hosts: frozenset[str]  # hosts whose /org/name URLs are repos of this hub

    def env_endpoints(self) -> list[str]:
        """Endpoints the hub's own client reads from the environment (HF_ENDPOINT, MODELSCOPE_ENDPOINT)."""
        ...

    def offline(self) -> bool:
        """The hub's own client is told to stay offline (HF_HUB_OFFLINE)."""
        ...

    def hosts_of(self, mirrors) -> set[str]:
        """How the mirrors the user set for this hub are named in the `hosts` owns() is given."""
        ...

    def owns(self, text: str, hosts: frozenset[str] | set[str]) -> bool:
        """`text` is a source of this hub: its scheme, or a repo URL on one of `hosts` or its own."""
        ...

    def parse(self, text: str) -> RepoRef:
        """A source of this hub (owns() said so) as a reference; BadSourceError when malformed."""
        ...

    def revision_request(self, ref: RepoRef) -> tuple[str, dict | None]:
        """(path, query) of the call that names the revision's commit."""
        ...

    def commit_of(self, answer: Any, ref: RepoRef) -> str:
        ...

    def listing_request(self, ref: RepoRef, commit: str) -> tuple[str, dict | None]:
        """(path, query) of the recursive file listing of a commit."""
        ...

    def next_page(self, answer: Any, query: dict | None) -> dict | None:
        """The query of the listing's next page when the hub pages by query (ModelScope's datasets),
        else None (a Link: rel="next" header is followed without asking)."""
        ...

    def files_of(self, pages: list, repo_id: str) -> list[HubFile]:
        """The files of a listing, checked (malformed entries and paths that leave the folder refused)."""
        ...

    def check_status(self, status: int, ref: RepoRef, endpoint: str) -> None:
        """Raise the hub's own reading of an error status, where it differs from http/status.py's
        (ModelScope's 401 means a login is needed; the Hugging Face hub's may hide a missing repo)."""
        ...

    def check_answer(self, answer: Any, ref: RepoRef, endpoint: str) -> None:
        """Raise the typed error a 200 answer stands for (ModelScope says Success: false in its body)."""
        ...

    def file_url(self, endpoint: str, repo_id: str, commit: str, path: str) -> str:
        ...

    def web_seed(self, endpoint: str, repo_id: str) -> str:
        """The BEP 19 web seed of a torrent named by a commit of the repo: + commit + "/" + path is
        the file's URL at that commit (the hub's /resolve/ path)."""
        ...


def hub_apis() -> tuple[HubApi, ...]:
    """ModelScope first: it claims only its own schemes and hosts, while a Hugging Face mirror may be
    any host (a /tree/, /blob/ or /resolve/ URL anywhere)."""
    from modeldesk.core.http.hf_api import HF
    from modeldesk.core.http.ms_api import MS

    return (MS, HF)


def api_of(ref: RepoRef) -> HubApi:
    return next(a for a in hub_apis() if a.scheme == ref.hub)


def api_for_source(text: str, hosts: frozenset[str] | set[str] = frozenset()) -> HubApi | None:
    """The hub whose source `text` is, or None."""
    return next((a for a in hub_apis() if a.owns(text, hosts)), None)
