"""Which mirror is fastest for a source: each candidate is timed on a real file of it (the biggest
file of a hub repo, or the URL itself and its alternates). Blocking: off the GUI thread."""

from __future__ import annotations

from modeldesk.core.sources.hub_access import HubAccess
from modeldesk.core.config.credentials import Credentials
from modeldesk.core.base.errors import ModelDeskError
from modeldesk.core.http.hub import parse_repo_ref
from modeldesk.core.http.hub_api import api_of
from modeldesk.core.http.hub_plan import list_repo
from modeldesk.core.http.prober import ProbeResult, probe_all
from modeldesk.core.contracts.source_kind import SourceKind
from modeldesk.core.sources.classify import classify, hub_hosts
from modeldesk.core.base.messages import N_
from modeldesk.core.config.proxy import Proxy
from modeldesk.core.config.settings import HttpSettings
from modeldesk.core.base.units import fmt_bytes


def probe_targets(source: str, extra: tuple[str, ...], http: HttpSettings,
                  proxy: Proxy | None = None) -> tuple[str, list[str], Credentials | None]:
    """What to probe: (what it is, one URL per mirror, credentials)."""
    access = HubAccess(http, proxy)
    credentials = access.credentials()
    hosts = hub_hosts(extra, http)
    if classify(source, hosts).kind is SourceKind.HUB:
        ref = parse_repo_ref(source, hosts)
        endpoints = access.endpoints(ref, extra)
        listing = list_repo(ref, endpoints, credentials, proxy)
        commit, files = listing.commit, listing.files
        if not files:
            raise ModelDeskError(N_("{repo_id} has no files to probe."), repo_id=ref.repo_id)
        biggest = max(files, key=lambda f: f.size)
        what = f"{ref.repo_id}/{biggest.path} ({fmt_bytes(biggest.size)})"
        return what, [api_of(ref).file_url(ep, ref.repo_id, commit, biggest.path) for ep in endpoints], credentials
    return source, list(dict.fromkeys([source, *extra])), credentials


def probe_source(source: str, extra: tuple[str, ...], http: HttpSettings,
                 proxy: Proxy | None = None) -> tuple[str, list[ProbeResult]]:
    """(what was probed, the mirrors ranked: healthy and fastest first); through `proxy` (None: the system's)."""
    what, urls, credentials = probe_targets(source, extra, http, proxy)
    return what, probe_all(urls, credentials, proxy=proxy)
