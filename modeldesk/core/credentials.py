"""Tokens scoped to the hosts the user trusted them for. No keyring here (secrets.py reads it);
this is what the HTTP layer is given. A token never shows in repr, logs or error text."""

from __future__ import annotations

from modeldesk.core.errors import BadSourceError
from modeldesk.core.urls import host_of, split_url


def normalize_host(text: str) -> str:
    """'https://Mirror.example:8443/x' or 'mirror.example:8443' → 'mirror.example:8443'."""
    t = text.strip()
    netloc = host_of(t) if "://" in t else t.split("/", 1)[0]
    return netloc.lower().rsplit("@", 1)[-1]


class Credentials:
    """host → token. A host written without a port matches that host on any port."""

    def __init__(self, tokens: dict[str, str] | None = None):
        normalized = {normalize_host(h): t for h, t in (tokens or {}).items() if t}
        self._tokens = {h: t for h, t in normalized.items() if h}  # an empty host would match no URL anyway

    def token_for(self, url: str) -> str | None:
        try:
            parts = split_url(url)
        except BadSourceError:
            return None
        host = (parts.hostname or "").lower()
        if not host:
            return None
        netloc = f"{host}:{parts.port}" if parts.port else host
        return self._tokens.get(netloc) or self._tokens.get(host)

    def hosts(self) -> list[str]:
        return sorted(self._tokens)

    def __bool__(self) -> bool:
        return bool(self._tokens)

    def __repr__(self) -> str:
        return f"Credentials(hosts={self.hosts()})"


def mask(token: str) -> str:
    """Enough to tell tokens apart, never enough to use one."""
    return f"{token[:3]}…{token[-4:]}" if len(token) >= 12 else "…"
