"""URLs from outside (typed, pasted, from settings or a server's redirect), split once with a
sentence instead of urllib's ValueError ("Invalid IPv6 URL", a port out of range)."""

from __future__ import annotations

import ipaddress
from urllib.parse import SplitResult, urlsplit

from modeldesk.core.base.errors import BadSourceError
from modeldesk.core.base.messages import N_
from modeldesk.core.base.pathsafety import short


def split_url(text: str) -> SplitResult:
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 - reading it validates it
    except ValueError as exc:
        raise BadSourceError(N_("{text!r} is not a valid URL ({exc}). Copy the whole address again."),
                             text=short(text), exc=exc) \
            from None
    return parts


def is_http_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


def host_of(text: str) -> str:
    """'host:port' of a URL; '' when it has none or cannot be read (a host never matches then)."""
    try:
        return split_url(text).netloc
    except BadSourceError:
        return ""


def is_lan_address(ip: str) -> bool:
    """A peer on the user's own network: private, loopback or link-local (IPv4 or IPv6, mapped IPv4
    included), the ranges libtorrent's local peer class also covers. Anything unparsable is not."""
    try:
        addr = ipaddress.ip_address(ip.strip("[]").split("%")[0])
    except ValueError:
        return False
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is not None:
        addr = addr.ipv4_mapped
    return addr.is_private or addr.is_loopback or addr.is_link_local
