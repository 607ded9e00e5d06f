"""Command-line entry point: argument parsing for every subcommand.

Exit codes: 0 complete, 2 bad input, 3 network, 4 disk, 130 interrupted.
"""

from __future__ import annotations

import argparse
import atexit
import importlib
import logging
import os
import queue
import sys
import threading
from typing import TYPE_CHECKING

from modeldesk import __version__
from modeldesk.core.base.constants import LOCK_NAME
from modeldesk.core.base.errors import BadInputError, ModelDeskError
from modeldesk.core.config.paths import default_paths
from modeldesk.headless.first_word import mistyped_command
from modeldesk.headless.options import check_path_arguments, settings_for

if TYPE_CHECKING:
    from modeldesk.headless.runner import RunOptions

GET_EXAMPLES = """examples:
  modeldesk get hf://acme/tiny-tts --to ./models/tts
  modeldesk get https://huggingface.co/acme/tiny-tts/blob/main/config.json --to ./models/tts
  modeldesk get hf://datasets/acme/speech --include 'clips/*' --to ./data
  modeldesk get 'magnet:?xt=urn:btih:…' --to ./models --no-seed

"""

EXIT_CODES = """exit codes:
  0    complete (every selected file downloaded and verified, or seeding limit reached)
  2    bad input (malformed magnet, broken .torrent, missing file, unusable folder)
  3    network (no metadata or no data from any peer within --timeout)
  4    disk (no space left, write error)
  130  interrupted (Ctrl-C or SIGTERM); run the same command again to resume
"""


def _add_transfer_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="one JSON object per event and progress tick")
    p.add_argument("--timeout", type=float, default=0, metavar="SECONDS",
                   help="give up (exit 3) after this long without metadata or new data; 0 = never")
    p.add_argument("--upload-limit", metavar="RATE", help="e.g. 2M, 500K, 10Mbit, or 30%% of --uplink")
    p.add_argument("--download-limit", metavar="RATE", help="e.g. 20M; 0 = unlimited")
    p.add_argument("--uplink", metavar="RATE", help="your uplink speed, the base of a %% upload limit")
    p.add_argument("--lan-unlimited", action="store_true",
                   help="peers on the local network are exempt from the limits (given on the command line, the "
                        "limits apply to every peer)")
    p.add_argument("--seed-ratio", type=float, metavar="RATIO", help="stop seeding at this upload/size ratio")
    p.add_argument("--seed-time", type=int, metavar="MINUTES", help="stop seeding after this many minutes")
    p.add_argument("--listen", metavar="INTERFACES", help="libtorrent listen interfaces, e.g. 0.0.0.0:6881")
    p.add_argument("--link-mode", choices=("auto", "reflink", "hardlink", "copy"),
                   help="how a file the library already holds is placed instead of downloaded (default: the "
                        "setting, auto: reflink, else hardlink, else copy)")
    p.add_argument("-v", "--verbose", action="store_true", help="log engine details to stderr")
    p.add_argument("-q", "--quiet", action="store_true", help="print errors and the result only, no progress")


def _add_publish_parser(sub) -> None:
    pub = sub.add_parser(
        "publish", help="make a model folder a torrent (hybrid v1+v2, deterministic) with mirror web seeds; seed it",
        epilog=EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    pub.add_argument("source", metavar="SOURCE", help="a model folder, or a finished job of the library (name or id)")
    pub.add_argument("--web-seed", action="append", default=[], metavar="BASE",
                     help="a mirror that serves the files (repeatable): for a hub model an HF-compatible endpoint, "
                          "which becomes BASE/org/name/resolve/; else the URL as given (BEP 19)")
    pub.add_argument("--tracker", action="append", default=[], metavar="URL", help="an announce URL (repeatable)")
    pub.add_argument("--private", action="store_true", help="peers only from the trackers (no DHT, LSD or PEX)")
    pub.add_argument("--comment", metavar="TEXT", help="a comment stored in the .torrent")
    pub.add_argument("--v1-only", action="store_true",
                     help="a BitTorrent v1 torrent for clients that cannot read hybrid ones (Transmission 3)")
    pub.add_argument("--repo", metavar="ORG/NAME", help="which model, when the folder holds several hub models")
    pub.add_argument("--out", metavar="FILE",
                     help="where the .torrent goes (default: FOLDER.torrent beside the folder)")
    pub.add_argument("--no-seed", action="store_true", help="check the files, add the job to the library and exit")
    pub.add_argument("--include-hidden", action="store_true",
                     help="publish hidden files and folders too (.*); files that look like keys or passwords "
                          "are refused all the same")
    pub.add_argument("--dry-run", action="store_true",
                     help="list every file that would be published, and what is left out; hash and write nothing")
    _add_transfer_options(pub)


def _add_import_parser(sub) -> None:
    imp = sub.add_parser("import", help="add a folder already on disk to the library, checked file by file",
                         epilog=EXIT_CODES + "  5    a file is missing or corrupt (each is named)\n",
                         formatter_class=argparse.RawDescriptionHelpFormatter)
    imp.add_argument("folder", metavar="DIR", help="the model folder (e.g. one `hf download --local-dir` filled)")
    src = imp.add_mutually_exclusive_group()
    src.add_argument("--source", metavar="hf://ORG/NAME[@REV]", help="the hub repo it is a copy of")
    src.add_argument("--torrent", metavar="FILE.torrent", help="the torrent it is the data of")
    imp.add_argument("--mirror", action="append", default=[], metavar="URL",
                     help="an HF-compatible hub endpoint to list the repo from (repeatable)")
    imp.add_argument("--seed", action="store_true", help="with --torrent: stay and seed it once checked")
    _add_transfer_options(imp)


def _add_lock_parsers(sub) -> None:
    lock = sub.add_parser("lock", help=f"pin the models of a project in {LOCK_NAME} (paths, sources, sizes, sha256)")
    lock.add_argument("project", nargs="?", metavar="PROJECT", help="the project folder (default: the current one)")
    lock.add_argument("--json", action="store_true")
    sync = sub.add_parser(
        "sync", help=f"make a project match its {LOCK_NAME}: place what the library holds, fetch the rest",
        epilog=EXIT_CODES + "  5    sync --check: a locked file is missing or differs\n",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    sync.add_argument("project", nargs="?", metavar="PROJECT", help="the project folder (default: the current one)")
    sync.add_argument("--check", action="store_true",
                      help="download nothing: re-hash every locked file, exit 5 if one is missing or differs")
    sync.add_argument("--mirror", action="append", default=[], metavar="URL",
                      help="another HF-compatible hub endpoint for the locked hub models (repeatable)")
    sync.add_argument("--force", action="store_true",
                      help="replace files you edited at locked paths too; yours are moved to .modeldesk/edited/ "
                           "(without it, sync names them and changes nothing)")
    _add_transfer_options(sync)
    gc = sub.add_parser("gc", help="free the earlier file versions sync kept that no project's lock names any more "
                                   "(never a file of yours)")
    gc.add_argument("--dry-run", action="store_true", help="say what would be removed and freed; remove nothing")
    gc.add_argument("--json", action="store_true")


def _add_settings_parsers(sub) -> None:
    """token, proxy and mirrors: what the user keeps for every download."""
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


def _add_desktop_parsers(sub) -> None:
    gui = sub.add_parser("gui", help="open the desktop app (the default with no command)",
                         description="Open the desktop app. Sources open its add dialog; if ModelDesk is already "
                                     "running they go to that window and this command exits.")
    gui.add_argument("sources", nargs="*", metavar="SOURCE", help="magnet link, .torrent, hf://org/name or URL")
    gui.add_argument("--minimized", action="store_true",
                     help="start in the tray, to keep seeding (the window shows where there is no tray)")
    comp = sub.add_parser(
        "completion", help="print a shell completion script", formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Print a completion script for your shell, e.g.\n"
                    "  modeldesk completion bash > ~/.local/share/bash-completion/completions/modeldesk\n"
                    "  modeldesk completion zsh > ~/.zfunc/_modeldesk")
    comp.add_argument("shell", choices=("bash", "zsh", "tcsh"))
    reg = sub.add_parser("register-handler", help="make ModelDesk open magnet links and .torrent files",
                         description="Make ModelDesk open magnet links and .torrent files. Linux and the BSDs: a "
                                     "desktop entry and xdg-mime. Windows: per-user registry keys and Default "
                                     "apps. macOS: the app bundle declares them; this says how to pick it.")
    reg.add_argument("--unregister", action="store_true", help="undo it")


def _add_get_parser(sub) -> None:
    get = sub.add_parser(
        "get", help="download models: hub repos (hf://org/name), magnets, .torrent files, file URLs",
        epilog=GET_EXAMPLES + EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    get.add_argument("sources", nargs="+", metavar="SOURCE",
                     help="hf://org/name[@rev] or hf://datasets/org/name, a hub URL (a repo, or a file or folder "
                          "in it), a magnet link or info-hash, a .torrent path or URL, or a file's http(s) URL")
    get.add_argument("--to", "--local-dir", dest="to", required=True, metavar="DIR",
                     help="project folder to download into (hub files land at DIR/<path in repo>)")
    get.add_argument("--revision", metavar="REV", help="branch, tag or commit for hf:// sources that name none")
    get.add_argument("--hub-cache", nargs="?", const="", metavar="CACHE",
                     help="also place hub repos into the Hugging Face cache, where from_pretrained('org/name') "
                          "finds them (default: $HF_HUB_CACHE or ~/.cache/huggingface/hub); by reflink or hard "
                          "link, so no second copy on one disk")
    get.add_argument("--dry-run", action="store_true",
                     help="list the files and bytes it would fetch (and what is already here); fetch nothing")
    get.add_argument("--include", action="append", default=[], metavar="GLOB",
                     help="only files matching GLOB (repeatable), e.g. 'models/*'")
    get.add_argument("--exclude", action="append", default=[], metavar="GLOB",
                     help="skip files matching GLOB (repeatable), e.g. '*.wav'")
    get.add_argument("--no-seed", action="store_true", help="exit once complete and verified")
    get.add_argument("--mirror", action="append", default=[], metavar="URL",
                     help="an HF-compatible hub endpoint to use for hf:// sources this run (repeatable)")
    get.add_argument("--url", action="append", default=[], metavar="URL",
                     help="another mirror of the same file (repeatable; with one file URL)")
    get.add_argument("--sha256", metavar="HEX", help="the file's sha256, checked before it gets its name")
    get.add_argument("--connections", "-x", "--max-connection-per-server", dest="connections", type=int, metavar="N",
                     help="at most N connections per file to each mirror, like aria2c -x; the count that pays "
                          "below it is found while the file downloads (default: settings, 16)")
    get.add_argument("--stall-timeout", type=float, metavar="SECONDS",
                     help="drop a mirror connection that sends nothing for this long (default: settings, 20)")
    _add_transfer_options(get)


def _add_seed_parser(sub) -> None:
    seed = sub.add_parser(
        "seed", help="check a folder against a .torrent and seed it",
        epilog=EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    seed.add_argument("torrent", nargs="?", metavar="FILE.torrent", help="path or http(s) URL of the .torrent")
    seed.add_argument("--from", dest="from_dir", metavar="DIR",
                      help="folder holding the data (the torrent's top folder, or the folder above it)")
    seed.add_argument("--all", action="store_true",
                      help="seed every complete model in the library (a lab's always-on super seed)")
    _add_transfer_options(seed)


def _add_library_parsers(sub) -> None:
    ver = sub.add_parser("verify", help="re-hash a model folder: hub repos against their manifests, torrents "
                         "by their piece hashes, URL files by their sha256")
    ver.add_argument("folder", metavar="DIR")
    ver.add_argument("--json", action="store_true")
    lst = sub.add_parser("list", help="show the model library")
    lst.add_argument("--json", action="store_true", help="print the library as JSON")
    lst.add_argument("--history", action="store_true", help="the jobs removed from the library, and when")


PARSER_GROUPS = (  # each adds the subcommands named, in the order --help lists them
    (("get",), _add_get_parser),
    (("seed",), _add_seed_parser),
    (("publish",), _add_publish_parser),
    (("lock", "sync", "gc"), _add_lock_parsers),
    (("import",), _add_import_parser),
    (("verify", "list"), _add_library_parsers),
    (("gui", "completion", "register-handler"), _add_desktop_parsers),
    (("token", "proxy", "mirrors"), _add_settings_parsers),
)


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """Every subcommand; with `only`, just the group holding that one (a run builds what it parses:
    building all of them is a tenth of a plain download's start-up)."""
    parser = argparse.ArgumentParser(
        prog="modeldesk",
        description="Get AI models onto your disk over BitTorrent, and keep sharing them.",
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"modeldesk {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for names, add in PARSER_GROUPS:
        if only is None or only in names:
            add(sub)
    return parser


def _run_transfer(args) -> int:
    # Imported here so that `list` and `--help` start fast without libtorrent.
    from modeldesk.core.library.owner import LibraryLock
    from modeldesk.core.runtime.manager import Manager
    from modeldesk.headless.output import error_text, make_output
    from modeldesk.headless.runner import Run

    output = make_output(args.json, quiet=args.quiet)
    paths = default_paths()
    events: queue.Queue = queue.Queue()
    server = None
    try:
        settings = settings_for(args, paths)
        if args.command == "get" and args.dry_run:
            from modeldesk.headless.get_cmd import dry_run

            return dry_run(args, settings, output)
        if args.command == "publish" and args.dry_run:
            from modeldesk.headless.publish_cmd import publish_dry_run

            return publish_dry_run(args, output, paths)
        if args.command in ("get", "seed") and not getattr(args, "all", False):
            from modeldesk.headless.handover import try_hand_over

            handed = try_hand_over(args, paths, output)  # a running `seed --all` owns the library: it takes this
            if handed is not None:
                return handed
        # The library first: `publish` hashes for minutes and writes a .torrent, which must not happen
        # for a library another ModelDesk holds.
        lock = LibraryLock(paths.ensure().library_lock)
        lock.acquire(f"`modeldesk {args.command}`")
        try:
            adds, options = _transfer_plan(args, paths, output)
        except BaseException:
            lock.release()
            raise
        if args.command == "seed" and args.all:
            from modeldesk.headless.handover import HandOverServer
            from modeldesk.headless.output import TeeOutput

            output = TeeOutput(output, logging.getLogger("modeldesk.seed"))  # seed.log follows every job
            from modeldesk.headless.seed_cmd import handed_adds

            server = HandOverServer(paths.state_dir, handed_adds, events.put)
            options.on_started = server.start  # once the library is ours
    except ModelDeskError as exc:
        output.error(error_text(exc))
        output.exit(exc.exit_code)
        return exc.exit_code
    manager = Manager(paths, settings, events.put, owner=f"`modeldesk {args.command}`", lock=lock)
    try:
        return Run(manager, events, output, options).execute(adds)
    finally:
        if server is not None:
            server.close()


def _transfer_plan(args, paths, output) -> tuple[list, RunOptions]:
    from modeldesk.core.sources.adds import TorrentAdd, resolve_torrent_source
    from modeldesk.headless.get_cmd import get_adds
    from modeldesk.headless.runner import RunOptions
    from modeldesk.headless.seed_cmd import library_seeds, seed_dir, seed_from_add

    if args.command == "seed" and args.all:
        if args.torrent or args.from_dir:
            raise BadInputError("seed --all takes no FILE.torrent or --from: it seeds the whole library.")
        adds = library_seeds(paths)
        from modeldesk.logfile import setup_log_file

        setup_log_file(paths, "seed.log")  # as a service, no one reads its terminal
        return adds, RunOptions(seed=True, timeout=args.timeout, existing_data=True)
    if args.command == "import":  # --torrent: `seed --from`, staying only with --seed
        src = resolve_torrent_source(args.torrent)
        if not src.has_metadata:
            raise BadInputError("import --torrent needs a .torrent file (a magnet has no file list to check).")
        output.show_missing = True
        adds = [TorrentAdd(src, seed_dir(args.folder, src), seed=args.seed, rename_incomplete=False)]
        return adds, RunOptions(seed=args.seed, timeout=args.timeout, existing_data=True)
    if args.command == "seed":
        output.show_missing = True
        return [seed_from_add(args)], RunOptions(seed=True, timeout=args.timeout, existing_data=True)
    if args.command == "publish":
        from modeldesk.headless.publish_cmd import publish_adds

        adds = publish_adds(args, output, paths)
        return adds, RunOptions(seed=not args.no_seed, timeout=args.timeout, existing_data=True)
    options = RunOptions(seed=not args.no_seed, timeout=args.timeout)
    if args.hub_cache is not None:
        from modeldesk.headless.get_cmd import report_hub_cache

        options.on_finished = lambda project: report_hub_cache(project, args.hub_cache, output)
    return get_adds(args), options


COMMANDS = tuple(name for names, _ in PARSER_GROUPS for name in names)
def _is_gui_launch(argv: list[str]) -> bool:
    """`modeldesk` alone, or `modeldesk SOURCE…` as a browser or file manager runs it."""
    return not argv or (argv[0] not in COMMANDS and not argv[0].startswith("-"))


def _mistyped_command(word: str) -> str | None:
    return mistyped_command(word, COMMANDS)


HANDLERS = {  # command -> (module, function taking the parsed arguments)
    "import": ("modeldesk.headless.import_cmd", "import_command"),
    "list": ("modeldesk.headless.library_cmds", "list_jobs"),
    "verify": ("modeldesk.headless.library_cmds", "verify"),
    "lock": ("modeldesk.headless.sync_cmd", "lock_command"),
    "sync": ("modeldesk.headless.sync_cmd", "sync_command"),
    "gc": ("modeldesk.headless.sync_cmd", "gc_command"),
    "token": ("modeldesk.headless.tokens", "token_command"),
    "proxy": ("modeldesk.headless.proxy_cmd", "proxy_command"),
    "mirrors": ("modeldesk.headless.mirrors", "mirrors_command"),
}


def main(argv: list[str] | None = None) -> int:
    """The command line; whatever happens, one sentence on stderr and an exit code (last_resort.py)."""
    from modeldesk.headless.last_resort import refused_input, report_crash

    argv = sys.argv[1:] if argv is None else argv
    for stream in (sys.stdout, sys.stderr):  # a name from disk that is not UTF-8 is printed, not fatal
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    if refused := refused_input(argv, os.environ):
        print(f"modeldesk: {refused}", file=sys.stderr)
        return BadInputError.exit_code
    try:
        return _main(argv)
    except ModelDeskError as exc:
        print(f"modeldesk: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug of ours (RecursionError, an OSError nobody worded, ...)
        return report_crash(exc)


def _main(argv: list[str]) -> int:
    if _is_gui_launch(argv):
        if argv and (typo := _mistyped_command(argv[0])):
            print(f"modeldesk: {typo}", file=sys.stderr)
            return BadInputError.exit_code
        argv = ["gui", *argv]
    parser = build_parser(argv[0] if argv and argv[0] in COMMANDS else None)
    args = parser.parse_args(argv)
    check_path_arguments(args)
    verbose = getattr(args, "verbose", False)
    logging.basicConfig(  # a user reads one line per warning; --verbose adds times and modules
        level=logging.DEBUG if verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s" if verbose else "modeldesk: %(message)s",
    )
    if args.command in ("get", "seed", "publish") or (args.command == "import" and args.torrent):
        return _run_transfer(args)
    if args.command in HANDLERS:  # imported on use, so `list` and `--help` start fast
        module, name = HANDLERS[args.command]
        return getattr(importlib.import_module(module), name)(args)
    if args.command == "gui":
        from modeldesk.app import run_gui

        return run_gui(args.sources, minimized=args.minimized)
    if args.command == "completion":
        from modeldesk.headless.completion import completion_script

        print(completion_script(build_parser(), args.shell))
        return 0
    if args.command == "register-handler":
        handler = importlib.import_module({"win32": "modeldesk.handler_windows", "darwin": "modeldesk.handler_macos"}
                                          .get(sys.platform, "modeldesk.desktop_entry"))
        try:
            print(handler.unregister() if args.unregister else handler.register())
        except ModelDeskError as exc:
            print(f"modeldesk: {exc}", file=sys.stderr)
            return exc.exit_code
        return 0
    parser.print_help()
    return 0


def run() -> None:
    """The console script: main(), then a quick exit. Tearing down every imported module takes the
    interpreter about 25 ms after a transfer, longer than a small file's download; it is skipped once
    nothing is left running that the teardown would wait for (the exit hooks still run: logs are
    flushed, temporary files removed). The desktop app leaves the usual way, with Qt's own teardown."""
    code = main()
    if not isinstance(code, int) or not 0 <= code <= 255 or "PySide6.QtCore" in sys.modules or any(
            not t.daemon for t in threading.enumerate() if t is not threading.main_thread()):
        sys.exit(code)
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: nothing left to say
            pass
    os._exit(code)


def gui_main() -> int:
    """The gui-scripts entry (modeldesk-gui): the desktop app, with any sources given."""
    return main(["gui", *sys.argv[1:]])


if __name__ == "__main__":
    run()
