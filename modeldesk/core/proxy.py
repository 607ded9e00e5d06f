"""The proxy in force for this process: the user's proxy settings plus the password read from the
OS keyring. requests sessions (core.http.client) and the libtorrent session (torrent.session_config)
both take it from here. The password never appears in repr, logs or messages."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import quote

from modeldesk.core.settings import ProxySettings


@dataclass(frozen=True)
class Proxy:
    settings: ProxySettings = field(default_factory=ProxySettings)
    password: str = field(default="", repr=False)

    @property
    def kind(self) -> str:
        """'system', 'none', 'http' or 'socks5'; an explicit kind without a host or port counts as 'none'."""
        s = self.settings
        if s.kind in ("http", "socks5") and not s.explicit:
            return "none"
        return s.kind

    def label(self) -> str:
        """What messages may say: the kind and address, never the credentials."""
        s = self.settings
        return f"{'SOCKS5' if s.kind == 'socks5' else 'HTTP'} proxy {s.host.strip()}:{s.port}"

    def url(self) -> str:
        """scheme://user:password@host:port for requests. Holds the password: never log it."""
        s = self.settings
        scheme = "http" if s.kind == "http" else ("socks5h" if s.hostnames else "socks5")
        auth = ""
        if s.username:
            auth = f"{quote(s.username, safe='')}:{quote(self.password, safe='')}@"
        host = s.host.strip()
        if ":" in host and not host.startswith("["):
            host = f"[{host}]"
        return f"{scheme}://{auth}{host}:{s.port}"

    def requests_proxies(self) -> dict[str, str] | None:
        """Session proxies for requests; None means: follow the environment's proxy variables."""
        kind = self.kind
        if kind == "system":
            return None
        if kind == "none":
            return {}
        url = self.url()
        return {"http": url, "https": url}


_current = Proxy()


def use(proxy: Proxy) -> None:
    """Make this the proxy for HTTP sessions opened from now on."""
    global _current
    _current = proxy


def current() -> Proxy:
    return _current


def network_hint() -> str:
    """A sentence for network errors while a proxy carries every connection (the proxy may be the cause)."""
    p = current()
    if p.kind not in ("http", "socks5"):
        return ""
    return (f" Every connection goes through the {p.label()}: check that it runs and that its user name and "
            "password (Settings → Connection) are right.")
