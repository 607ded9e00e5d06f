"""`token`, `proxy` and `mirrors`: what the user keeps for every download."""

from __future__ import annotations


def add_parsers(sub) -> None:
    tok = sub.add_parser("token", help="keep access tokens for hubs and mirrors in the OS keyring")
    tok_sub = tok.add_subparsers(dest="token_command", metavar="ACTION", required=True)
    tset = tok_sub.add_parser("set", help="store a token (read from the terminal without echo, or from stdin)")
    tdel = tok_sub.add_parser("delete", help="forget the token of a host")
    for p in (tset, tdel):
        p.add_argument("--host", default="huggingface.co",
                       help="the only origin this token is sent to: a host means https on its default port, "
                            "write http://HOST:PORT for a plain-http mirror (default: huggingface.co)")
    tok_sub.add_parser("list", help="hosts that have a token (tokens are shown masked)")
    prx = sub.add_parser("proxy", help="send downloads (and peers) through an HTTP or SOCKS5 proxy")
    prx_sub = prx.add_subparsers(dest="proxy_command", metavar="ACTION", required=True)
    pset = prx_sub.add_parser("set", help="use this proxy; with a user, the password is asked for (or read "
                                          "from stdin) and kept in the OS keyring")
    pset.add_argument("url", metavar="URL", help="http://HOST:PORT, socks5h://USER@HOST:PORT (the proxy looks up "
                                                 "names) or socks5://…")
    pset.add_argument("--downloads-only", action="store_true", help="BitTorrent peers and trackers stay direct")
    prx_sub.add_parser("show", help="the proxy in use")
    prx_sub.add_parser("system", help="follow HTTP_PROXY/HTTPS_PROXY (the default)")
    prx_sub.add_parser("off", help="connect directly, whatever the environment says")
    mir = sub.add_parser("mirrors", help="check the mirrors of a source")
    mir_sub = mir.add_subparsers(dest="mirrors_command", metavar="ACTION", required=True)
    probe = mir_sub.add_parser("probe", help="time each mirror on a real file of the source, ranked")
    probe.add_argument("source", metavar="SOURCE", help="hf://org/name[@rev], a hub URL, or a file URL")
    probe.add_argument("--mirror", "--url", dest="mirror", action="append", default=[], metavar="URL",
                       help="another mirror to include (a hub endpoint, or the file's URL there)")
    probe.add_argument("--json", action="store_true")
    proj = mir_sub.add_parser("project", help="show or set the hub mirrors of a project (its modeldesk.toml, "
                                              "used by get, sync and the app for every folder in it)")
    proj.add_argument("urls", nargs="*", metavar="URL", help="the mirrors, fastest-first guesses welcome "
                                                              "(they are probed); none: show them")
    proj.add_argument("--project", default=".", metavar="DIR", help="the project folder (default: the current one)")
    proj.add_argument("--clear", action="store_true", help="the project uses the global mirrors only")


def run(args) -> int:
    import importlib

    module, name = {"token": ("modeldesk.headless.tokens", "token_command"),
                    "proxy": ("modeldesk.headless.proxy_cmd", "proxy_command"),
                    "mirrors": ("modeldesk.headless.mirrors", "mirrors_command")}[args.command]
    return getattr(importlib.import_module(module), name)(args)
