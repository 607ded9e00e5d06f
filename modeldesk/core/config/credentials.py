"""Tokens scoped to the origins the user trusted them for. No keyring here (secrets.py reads it);
this is what the HTTP layer is given. A token never shows in repr, logs or error text.

A scope is an origin: scheme, host and port, as a browser scopes a cookie-less credential. A host
written without a scheme means https, and without a port the scheme's default port, so a token set for
`huggingface.co` never travels in cleartext (`http://huggingface.co:18080` gets nothing) and never
reaches another port of the same host. `http://lab:8080` must be written out to trust a plain-http
mirror with a token."""

from __future__ import annotations

import logging
import re

from modeldesk.core.base.errors import BadInputError, BadSourceError
from modeldesk.core.base.messages import N_
from modeldesk.core.base.pathsafety import short
from modeldesk.core.base.urls import split_url

log = logging.getLogger(__name__)
DEFAULT_PORTS = {"https": 443, "http": 80}
_HOST = re.compile(r"[a-z0-9._~-]+|[0-9a-f:.]+")  # a DNS name or an address (IPv6 without brackets)


def _origin(scheme: str, host: str, port: int | None) -> str:
    host = f"[{host}]" if ":" in host else host  # an IPv6 address keeps its brackets
    default = DEFAULT_PORTS[scheme]
    return f"{scheme}://{host}" if port in (None, default) else f"{scheme}://{host}:{port}"


def normalize_host(text: str) -> str:
    """The origin a token is scoped to: 'https://Mirror.example:8443/x' → 'https://mirror.example:8443',
    'hf-mirror.com' → 'https://hf-mirror.com', 'http://lab:80' → 'http://lab'. Raises BadInputError for
    text that names no host, or a scheme other than http(s)."""
    t = text.strip()
    if "://" not in t:
        t = "https://" + t
    try:
        parts = split_url(t)
    except BadSourceError:
        parts = None
    scheme = parts.scheme.lower() if parts else ""
    host = (parts.hostname or "").lower() if parts else ""
    if scheme not in DEFAULT_PORTS or not _HOST.fullmatch(host):
        raise BadInputError(N_("{text!r} names no host a token can be scoped to; give a host such as "
                               "huggingface.co, or an address such as http://mirror.lab:8080."), text=short(text))
    return _origin(scheme, host, parts.port if parts else None)


def scope_of(account: str) -> str | None:
    """The origin a stored account's token goes to (a bare host of an earlier version: https, its
    default port); None for an account no origin can be made of (its token is never sent)."""
    try:
        return normalize_host(account)
    except BadInputError:
        return None


def origin_of(url: str) -> str | None:
    """The origin of a URL a request goes to; None when it has none (nothing is sent then)."""
    try:
        parts = split_url(url)
    except BadSourceError:
        return None
    scheme, host = parts.scheme.lower(), (parts.hostname or "").lower()
    if scheme not in DEFAULT_PORTS or not host:
        return None
    return _origin(scheme, host, parts.port)


class Credentials:
    """origin → token: a token goes to exactly the scheme, host and port it was given for."""

    def __init__(self, tokens: dict[str, str] | None = None):
        self._tokens: dict[str, str] = {}
        for scope, token in (tokens or {}).items():
            try:
                origin = normalize_host(scope)
            except BadInputError:  # no URL has that origin: the token could never be sent anyway
                log.warning("a token for %r is not used: that names no host", short(scope))
                continue
            if token:
                self._tokens[origin] = token

    def token_for(self, url: str) -> str | None:
        origin = origin_of(url)
        return self._tokens.get(origin) if origin else None

    def hosts(self) -> list[str]:
        return sorted(self._tokens)

    def __bool__(self) -> bool:
        return bool(self._tokens)

    def __repr__(self) -> str:
        return f"Credentials(hosts={self.hosts()})"


def is_cleartext(scope: str) -> bool:
    return scope.startswith("http://")


def mask(token: str) -> str:
    """Enough to tell tokens apart, never enough to use one."""
    return f"{token[:3]}…{token[-4:]}" if len(token) >= 12 else "…"
