"""`modeldesk proxy set|show|system|off`: the proxy in settings.json, its password in the OS keyring."""

from __future__ import annotations

import dataclasses
import getpass
import sys
from urllib.parse import unquote, urlsplit

from modeldesk.core.base.errors import BadInputError, ModelDeskError
from modeldesk.core.config.paths import default_paths
from modeldesk.core.config.proxy import Proxy
from modeldesk.core.config.secrets import set_proxy_password
from modeldesk.core.config.settings import ProxySettings, load_settings, save_settings

SCHEMES = {"http": ("http", True), "socks5": ("socks5", False), "socks5h": ("socks5", True)}


def parse_proxy_url(text: str, peers: bool = True) -> ProxySettings:
    """http://[user@]host:port, socks5://… (names resolved here) or socks5h://… (by the proxy)."""
    parts = urlsplit(text.strip())
    if parts.scheme not in SCHEMES or not parts.hostname:
        raise BadInputError(f"{text!r} is not a proxy address: write http://HOST:PORT or socks5h://USER@HOST:PORT.")
    try:
        port = parts.port
    except ValueError:
        port = None
    if not port:
        raise BadInputError(f"{text!r} has no valid port: write the proxy's port, e.g. socks5h://127.0.0.1:1080.")
    if parts.password:
        raise BadInputError("Leave the password out of the address: you are asked for it, and it goes to the "
                            "OS keyring.")
    kind, hostnames = SCHEMES[parts.scheme]
    return ProxySettings(kind=kind, host=parts.hostname, port=port, username=unquote(parts.username or ""),
                         peers=peers, hostnames=hostnames)


def _read_password() -> str:
    if sys.stdin.isatty():
        return getpass.getpass("Proxy password (input hidden): ")
    return sys.stdin.readline().rstrip("\n")


def proxy_command(args) -> int:
    paths = default_paths().ensure()
    settings = load_settings(paths.settings_file)
    try:
        if args.proxy_command == "set":
            proxy = parse_proxy_url(args.url, peers=not args.downloads_only)
            if proxy.username:
                set_proxy_password(proxy, _read_password())
            settings = dataclasses.replace(settings, proxy=proxy)
        elif args.proxy_command in ("system", "off"):
            kind = "system" if args.proxy_command == "system" else "none"
            settings = dataclasses.replace(settings, proxy=dataclasses.replace(settings.proxy, kind=kind))
        if args.proxy_command != "show":
            save_settings(paths.settings_file, settings)
    except ModelDeskError as exc:
        print(f"modeldesk: {exc}", file=sys.stderr)
        return exc.exit_code
    p = Proxy(settings.proxy)
    if p.kind == "system":
        print("Proxy: the system's (HTTP_PROXY/HTTPS_PROXY for downloads; BitTorrent connects directly).")
    elif p.kind == "none":
        print("Proxy: none; every connection is direct.")
    else:
        who = f" as {settings.proxy.username} (password in the OS keyring)" if settings.proxy.username else ""
        what = "downloads, peers and trackers" if settings.proxy.peers else "downloads only"
        print(f"Proxy: {p.label()}{who}, for {what}.")
    return 0
