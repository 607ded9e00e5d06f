"""How this process reaches hubs, from the settings in force: the endpoints a repo is asked on, the
tokens for the origins the user trusted, and the proxy. Built where it is needed (the add dialog's
preview, a probe, an add, `import`), so endpoints, credentials and proxy are put together one way."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from modeldesk.core.config.credentials import Credentials
from modeldesk.core.config.proxy import Proxy
from modeldesk.core.config.secrets import load_credentials
from modeldesk.core.config.settings import HttpSettings
from modeldesk.core.contracts.hub_refs import RepoRef
from modeldesk.core.http.hub import HubClient
from modeldesk.core.http.hub_plan import hub_endpoints


@dataclass(frozen=True)
class HubAccess:
    http: HttpSettings
    proxy: Proxy | None = None  # None: the system's

    def endpoints(self, ref: RepoRef, mirrors: Iterable[str] = ()) -> list[str]:
        """The URL's own host, the mirrors given for this source, the settings' mirrors of the repo's hub,
        then the hub's own environment endpoint (HF_ENDPOINT, MODELSCOPE_ENDPOINT) or its official
        endpoint (unless turned off)."""
        official, known = self.http.hub_mirrors_of(ref.hub)
        return hub_endpoints(ref, (*mirrors, *known), official)

    def credentials(self) -> Credentials:
        """The tokens for the origins the user trusted (a keyring read: off the GUI thread)."""
        return load_credentials(self.http.token_hosts)

    def client(self, endpoints: Iterable[str]) -> HubClient:
        """Hub metadata calls on these endpoints, with the tokens and the proxy (network)."""
        return HubClient(list(endpoints), credentials=self.credentials(), proxy=self.proxy)
