"""A proxy: the user's proxy settings plus the password read from the OS keyring. The manager keeps
the one in force and passes it to requests sessions (core.http.client) and the libtorrent session
(torrent.session_config). The password never appears in repr, logs or messages."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import quote

from modeldesk.core.base.messages import N_, Message
from modeldesk.core.config.settings import ProxySettings


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

    def network_hint(self) -> Message | str:
        """A sentence for network errors while this proxy carries every connection (it may be the cause)."""
        if self.kind not in ("http", "socks5"):
            return ""
        return Message.of(N_(" Every connection goes through the {proxy}: check that it runs and that its user "
                             "name and password (Settings → Connection) are right."), proxy=self.label())

    def requests_proxies(self) -> dict[str, str] | None:
        """Session proxies for requests; None means: follow the environment's proxy variables."""
        kind = self.kind
        if kind == "system":
            return None
        if kind == "none":
            return {}
        url = self.url()
        return {"http": url, "https": url}
