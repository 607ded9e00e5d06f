"""Hub repositories, whichever hub: a source text as a reference (parse_repo_ref), and HubClient,
which pins a revision to its commit and lists the commit's files by asking each endpoint in turn.
What differs between hubs is their HubApi (hub_api.py: hf_api.py, ms_api.py)."""

from __future__ import annotations

import requests

from modeldesk.core.base.errors import AccessDeniedError, BadInputError, ModelDeskError, NetworkError
from modeldesk.core.base.messages import N_
from modeldesk.core.base.repo_ids import COMMIT
from modeldesk.core.config.credentials import Credentials
from modeldesk.core.config.proxy import Proxy
from modeldesk.core.contracts.hub_refs import HubFile, RepoRef
from modeldesk.core.http.client import new_session
from modeldesk.core.http.hub_api import api_for_source, api_of
from modeldesk.core.http.status import raise_for_status


def is_hub_url(text: str, hosts: set[str] | frozenset[str]) -> bool:
    """A source of some hub: hf://, ms://, or a repo (or a file or folder in it) on a hub's host or
    one of `hosts` (core.sources.classify.hub_hosts: HF_ENDPOINT, the mirrors the user named)."""
    return api_for_source(text, hosts) is not None


def parse_repo_ref(text: str, hosts: frozenset[str] | set[str] = frozenset()) -> RepoRef:
    """A hub source (classified as one already, with `hosts`) as a reference: the hub whose source it
    is parses it; a repo URL on a host no hub claims is read as a Hugging Face mirror's."""
    from modeldesk.core.http.hf_api import HF

    return (api_for_source(text, hosts) or HF).parse(text)


class HubClient:
    """Metadata calls against a list of endpoints; the first that answers wins."""

    def __init__(self, endpoints: list[str], timeout: float = 20.0, credentials: Credentials | None = None,
                 proxy: Proxy | None = None):
        self.endpoints = list(dict.fromkeys(e.rstrip("/") for e in endpoints))
        self._timeout = timeout
        self._credentials = credentials
        self._proxy = proxy or Proxy()

    def _get_json(self, ref: RepoRef, path: str, params=None):
        api = api_of(ref)
        if api.offline():
            raise NetworkError(N_("HF_HUB_OFFLINE is set, so no hub is asked about {repo_id}. Unset it to "
                                  "download; a folder that already holds the repo is used as it is."),
                               repo_id=ref.repo_id)
        problems: list[ModelDeskError] = []
        with new_session(self._credentials, self._proxy) as s:
            for ep in self.endpoints:
                url: str | None = f"{ep}{path}"
                query = params  # every endpoint is asked the same; a next-page link carries them itself
                pages = []
                try:
                    while url:
                        r = s.get(url, params=query, timeout=self._timeout)
                        api.check_status(r.status_code, ref, ep)
                        raise_for_status(r, ref.repo_id, ep, ref.revision)
                        pages.append(r.json())
                        api.check_answer(pages[-1], ref, ep)
                        url = r.links.get("next", {}).get("url")
                        asked, query = query, None
                        if not url and (query := api.next_page(pages[-1], asked)) is not None:
                            url = f"{ep}{path}"  # a hub that pages by query (ModelScope's datasets)
                except (BadInputError, NetworkError) as exc:  # not found, gated, busy: an answer
                    problems.append(exc)
                    continue
                except (requests.RequestException, ValueError) as exc:
                    problems.append(NetworkError(N_("{ep}: {kind}"), ep=ep, kind=type(exc).__name__))
                    continue
                return ep, pages
        # A definite answer (not found, gated) beats a network failure elsewhere, and "gated" beats "not
        # found": a mirror that lacks the repo says nothing of the one that has it behind a licence.
        definite = [p for p in problems if not isinstance(p, NetworkError)]
        definite.sort(key=lambda p: not isinstance(p, AccessDeniedError))
        if definite:
            raise definite[0]
        raise NetworkError(N_("No hub endpoint answered for {repo_id} ({problems}). Check the network, or add a "
                              "mirror.{proxy_hint}"), repo_id=ref.repo_id, problems=tuple(problems),
                           proxy_hint=self._proxy.network_hint(), hint="mirror")

    def resolve(self, ref: RepoRef) -> str:
        if COMMIT.match(ref.revision):
            return ref.revision
        api = api_of(ref)
        _, pages = self._get_json(ref, *api.revision_request(ref))
        return api.commit_of(pages[0], ref)

    def list_files(self, ref: RepoRef, commit: str) -> list[HubFile]:
        api = api_of(ref)
        _, pages = self._get_json(ref, *api.listing_request(ref, commit))
        return api.files_of(pages, ref.repo_id)
