"""`serve`: this ModelDesk as the lab's model hub. It owns the library (as `seed --all`, taking the
models other runs hand over), seeds every complete model, and answers on --listen (127.0.0.1 unless
told otherwise): the Hugging Face API over the library's hub repos (also the web seed of every torrent
named by a commit) and the control API for token holders. `serve token add|list|revoke` keeps the
tokens, and works while the server runs."""

from __future__ import annotations

import argparse

from modeldesk.headless.commands.common import EXIT_CODES, RAW, add_transfer_options

DEFAULT_LISTEN = "127.0.0.1:8690"


def add_parsers(sub) -> None:
    serve = sub.add_parser(
        "serve", help="serve the library to the lab: a Hugging Face-compatible endpoint, web seed and control API",
        epilog="With HF_ENDPOINT=http://HOST:PORT the official huggingface_hub client, `hf download` and "
               "transformers fetch the library's models from it; `publish --web-seed http://HOST:PORT` makes "
               "it a torrent's web seed; `modeldesk list|get --server http://HOST:PORT` use its control API.\n\n"
               + EXIT_CODES, formatter_class=RAW,
    )
    serve.add_argument("--listen", dest="http_listen", default=DEFAULT_LISTEN, metavar="HOST:PORT",
                       help=f"where to answer HTTP (default {DEFAULT_LISTEN}; 0.0.0.0:8690 for the whole LAN)")
    serve.add_argument("--allow-host", action="append", default=[], metavar="NAME",
                       help="a host name clients use for this server besides its own names and addresses "
                            "(others are refused, against DNS rebinding)")
    serve.add_argument("--project-root", action="append", default=[], metavar="DIR",
                       help="a folder remote downloads (POST jobs, `get --server`) may write below; none: the "
                            "server takes no remote downloads")
    serve.add_argument("--read-token", action="store_true",
                       help="the Hugging Face endpoint answers token holders only (clients send HF_TOKEN)")
    serve.add_argument("--mirror", action="append", default=[], metavar="URL",
                       help="a hub mirror a repo the library lacks is fetched from (pull-through), before the "
                            "settings' mirrors and the official hub")
    serve.add_argument("--offline", action="store_true", help="serve the library only: no pull-through")
    serve.add_argument("--install-unit", action="store_true",
                       help="write a systemd user unit that runs this very command (without this flag) at login, "
                            "then exit; `systemctl --user enable --now modeldesk-serve` starts it")
    add_transfer_options(serve, bt_listen="--bt-listen")
    actions = serve.add_subparsers(dest="serve_command", metavar="token|log", required=False)
    log = actions.add_parser("log", help="the audit log: each file served and each control action")
    log.add_argument("--since", metavar="TIME", help="30m, 2h, 7d, YYYY-MM-DD or YYYY-MM-DD HH:MM")
    _json_here(log)
    token = actions.add_parser("token", help="the server's access tokens (only their hashes are kept)")
    what = token.add_subparsers(dest="token_command", metavar="ACTION", required=True)
    add = what.add_parser("add", help="make a token for NAME and print it once (the last line)")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--admin", action="store_true", help="it may add, pause, resume and remove jobs")
    listing = what.add_parser("list", help="the tokens' names, roles and ages (never the tokens)")
    revoke = what.add_parser("revoke", help="the token of NAME stops working at once")
    revoke.add_argument("name", metavar="NAME")
    for p in (add, listing, revoke):
        _json_here(p)


def _json_here(p) -> None:
    """--json after the subcommand too (SUPPRESS: given before it, `serve --json …`, it stays)."""
    p.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="print JSON")


def run(args) -> int:
    if getattr(args, "install_unit", False):
        return _install_unit(args)
    if args.serve_command == "token":
        return _tokens(args)
    if args.serve_command == "log":
        return _log(args)
    from modeldesk.headless.transfer import Transfer, run_transfer

    return run_transfer(args, Transfer(_plan, serve_hand_overs=True))


def _tokens(args: argparse.Namespace) -> int:
    import time

    from modeldesk.core.config.paths import default_paths
    from modeldesk.core.serve.lab_server import tokens_of
    from modeldesk.headless.output import make_output

    output = make_output(args.json, quiet=args.quiet)
    store = tokens_of(default_paths().ensure())
    if args.token_command == "add":
        token = store.add(args.name, args.admin)
        role = "admin" if args.admin else "read"
        output.result("token", f"a {role} token for {args.name} (shown once; only its hash is kept):\n{token}",
                      {"name": args.name, "admin": args.admin, "token": token})
        return 0
    if args.token_command == "revoke":
        if not store.revoke(args.name):
            output.error(f"no token named {args.name!r}")
            return 2
        output.result("revoked", f"{args.name}: revoked", {"name": args.name})
        return 0
    rows = store.list()
    lines = [f"{t.name}\t{'admin' if t.admin else 'read'}\t{time.strftime('%Y-%m-%d', time.localtime(t.created))}"
             for t in rows] or ["no tokens: `modeldesk serve token add NAME [--admin]` makes one"]
    output.result("tokens", "\n".join(lines), {"tokens": [{"name": t.name, "admin": t.admin, "created": t.created}
                                                          for t in rows]})
    return 0


def _log(args: argparse.Namespace) -> int:
    import time

    from modeldesk.core.config.paths import default_paths
    from modeldesk.core.serve.audit import parse_since, read_audit
    from modeldesk.headless.output import make_output

    output = make_output(args.json, quiet=args.quiet)
    try:
        since = parse_since(args.since) if args.since else 0.0
    except ValueError as exc:
        output.error(str(exc))
        return 2
    entries = read_audit(default_paths().state_dir / "audit.log", since)
    lines = []
    for e in entries:
        when = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(e["time"]))
        what = e.get("action") or f"{e.get('repo')}@{str(e.get('commit', ''))[:12]} {e.get('path')} {e.get('sent')} B"
        lines.append(f"{when}  {e.get('client', '')}  {e.get('token') or '-'}  {what}  {e.get('status', '')}")
    output.result("log", "\n".join(lines) or "nothing logged yet", {"entries": entries})
    return 0


def _install_unit(args: argparse.Namespace) -> int:
    """~/.config/systemd/user/modeldesk-serve.service running `modeldesk serve` with the options given."""
    import os
    import shlex
    import sys
    from pathlib import Path

    from modeldesk.core.base.atomic import atomic_write
    from modeldesk.headless.output import make_output

    output = make_output(args.json, quiet=args.quiet)
    argv = sys.argv[1:]
    start = argv.index("serve") + 1 if "serve" in argv else 0
    given = [a for a in argv[start:] if a != "--install-unit"]
    program = [sys.executable, "-m", "modeldesk"] if Path(sys.argv[0]).name != "modeldesk" else [sys.argv[0]]
    command = " ".join(shlex.quote(a) for a in (*program, "serve", *given)).replace("%", "%%")
    home = os.environ.get("MODELDESK_HOME")
    env = f"Environment=MODELDESK_HOME={shlex.quote(home)}\n" if home else ""
    unit = (f"# Written by `modeldesk serve --install-unit`; run it again to change the options.\n"
            f"[Unit]\nDescription=ModelDesk: the lab's model hub (serve the library)\n"
            f"Wants=network-online.target\nAfter=network-online.target\n\n"
            f"[Service]\nType=simple\n{env}ExecStart={command}\nSuccessExitStatus=130\nTimeoutStopSec=30\n"
            f"Restart=on-failure\nRestartSec=10\nNice=5\n\n[Install]\nWantedBy=default.target\n")
    config = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    path = config / "systemd" / "user" / "modeldesk-serve.service"
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, unit.encode(), mode=0o644)
    output.result("unit", f"wrote {path}\nstart it: systemctl --user daemon-reload && systemctl --user enable --now "
                          "modeldesk-serve (and `loginctl enable-linger $USER` to serve while no one is logged in)",
                  {"path": str(path), "exec_start": command})
    return 0


def _unfinished_pulls(server, paths) -> None:
    """What a stopped server was pulling through: started again once the server runs (in the background:
    an upstream that is down then must not stop the server)."""
    from modeldesk.core.library.store import Library

    if server.pull is None or not paths.library_db.exists():
        return
    lib = Library(paths.library_db)
    try:
        server.pull.pending = server.pull.resumable(lib.entries())
    finally:
        lib.close()


def _plan(args, paths, output):
    from pathlib import Path

    from modeldesk.core.base.errors import BadInputError
    from modeldesk.core.serve.lab_server import LabServer, ServeOptions
    from modeldesk.headless.options import settings_for
    from modeldesk.headless.runner import RunOptions
    from modeldesk.headless.seed_cmd import library_seeds
    from modeldesk.logfile import setup_log_file
    from modeldesk.resources import resources_dir

    roots = tuple(Path(r).expanduser().absolute() for r in args.project_root)
    for root in roots:
        if not root.is_dir():
            raise BadInputError(f"--project-root {root}: not a folder.")
    options = ServeOptions(args.http_listen, tuple(args.allow_host), roots, args.read_token,
                           resources_dir() / "web" / "index.html", tuple(m.rstrip("/") for m in args.mirror),
                           args.offline)
    try:
        server = LabServer(paths, options)
    except ValueError as exc:
        raise BadInputError(f"--listen {args.http_listen}: {exc}") from None
    except OSError as exc:
        raise BadInputError(f"--listen {args.http_listen}: cannot listen there ({exc.strerror or exc}).") from None
    adds = library_seeds(paths, none_is_fine=True)
    _unfinished_pulls(server, paths)
    setup_log_file(paths, "serve.log")
    settings = settings_for(args, paths)

    def started() -> None:
        server.start()
        output.result("serving", f"serving the library at {server.url} (HF_ENDPOINT={server.url})",
                      {"url": server.url})

    return adds, RunOptions(seed=True, timeout=args.timeout, existing_data=True, on_started=started, forever=True,
                            attach=lambda manager: server.attach(manager, settings), on_event=server.feed)
