"""HTTP session factory and small fetches (a .torrent behind a URL)."""

from __future__ import annotations

import requests
import requests.auth

from modeldesk import __version__
from modeldesk.core.config.credentials import Credentials
from modeldesk.core.base.errors import BadSourceError, NetworkError
from modeldesk.core.http.status import raise_for_status
from modeldesk.core.base.messages import N_
from modeldesk.core.config.proxy import Proxy
from modeldesk.core.base.urls import host_of

USER_AGENT = f"ModelDesk/{__version__}"
MAX_REDIRECTS = 8  # a hub sends one or two (resolve -> CDN); more is a loop or a trap


class ScopedTokenAuth(requests.auth.AuthBase):
    """Adds a Bearer token only for the origin (scheme, host, port) the user trusted with it (and, to
    ModelScope's /api/v1/ calls, as the m_session_id cookie its official client sends too). requests
    drops both headers on a redirect to another host, port or to plain http, and does not call this
    again, so a CDN never sees the token."""

    def __init__(self, credentials: Credentials):
        self._credentials = credentials

    def __call__(self, r: requests.PreparedRequest) -> requests.PreparedRequest:
        token = self._credentials.token_for(r.url or "")
        if token:
            r.headers["Authorization"] = f"Bearer {token}"
            if "/api/v1/" in (r.path_url or ""):  # ModelScope's API: its older calls read the session cookie
                r.headers["Cookie"] = f"m_session_id={token}"
        return r


def new_session(credentials: Credentials | None = None, proxy: Proxy | None = None) -> requests.Session:
    """A session with the proxy in force (None: the system's) and tokens scoped to their hosts."""
    s = requests.Session()
    s.max_redirects = MAX_REDIRECTS
    s.headers["User-Agent"] = USER_AGENT
    chosen = (proxy or Proxy()).requests_proxies()
    if chosen is None:
        s.trust_env = True  # "system": honour the user's proxy variables
    else:  # the proxy set in ModelDesk (or none): the environment's must not override it
        s.trust_env = False
        s.proxies.update(chosen)
    if credentials:
        s.auth = ScopedTokenAuth(credentials)
    return s


def fetch_bytes(url: str, max_bytes: int, timeout: float = 30.0, proxy: Proxy | None = None) -> bytes:
    """GET a small resource whole; refuse it past max_bytes."""
    try:
        with new_session(None, proxy) as s, s.get(url, stream=True, timeout=timeout) as r:
            raise_for_status(r, url, host_of(url) or "its server")
            chunks, total = [], 0
            for chunk in r.iter_content(64 * 1024):
                total += len(chunk)
                if total > max_bytes:
                    raise BadSourceError(N_("{url} is larger than {max_bytes} bytes; it is not a .torrent file."),
                                         url=url, max_bytes=max_bytes)
                chunks.append(chunk)
            return b"".join(chunks)
    except requests.RequestException as exc:
        raise NetworkError(N_("Could not fetch {url}: {kind}. Check the link and your network."),
                           url=url, kind=type(exc).__name__) from None


def json_call(credentials: Credentials, method: str, url: str, body: dict | None = None,
              timeout: float = 150.0) -> tuple[int, object]:
    """One call of a JSON API (a lab server's control API): its status and its decoded body (None when
    it is not JSON). The token goes to the credentials' origin alone; redirects are not followed."""
    with new_session(credentials) as s:
        try:
            r = s.request(method, url, json=body, timeout=timeout, allow_redirects=False)
        except requests.RequestException as exc:
            raise NetworkError(N_("{url} did not answer ({kind})."), url=url, kind=type(exc).__name__) from None
        try:
            return r.status_code, r.json()
        except ValueError:
            return r.status_code, None
