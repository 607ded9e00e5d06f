"""`lock`, `sync` and `gc`: a project's models pinned in its lock, reproduced from it, and the earlier
file versions sync kept freed."""

from __future__ import annotations

from modeldesk.core.base.constants import LOCK_NAME
from modeldesk.headless.commands.common import EXIT_CODES, RAW, add_transfer_options


def add_parsers(sub) -> None:
    lock = sub.add_parser("lock", help=f"pin the models of a project in {LOCK_NAME} (paths, sources, sizes, sha256)")
    lock.add_argument("project", nargs="?", metavar="PROJECT", help="the project folder (default: the current one)")
    lock.add_argument("--json", action="store_true")
    sync = sub.add_parser(
        "sync", help=f"make a project match its {LOCK_NAME}: place what the library holds, fetch the rest",
        epilog=EXIT_CODES + "  5    sync --check: a locked file is missing or differs\n",
        formatter_class=RAW)
    sync.add_argument("project", nargs="?", metavar="PROJECT", help="the project folder (default: the current one)")
    sync.add_argument("--check", action="store_true",
                      help="download nothing: re-hash every locked file, exit 5 if one is missing or differs")
    sync.add_argument("--mirror", action="append", default=[], metavar="URL",
                      help="another HF-compatible hub endpoint for the locked hub models (repeatable)")
    sync.add_argument("--force", action="store_true",
                      help="replace files you edited at locked paths too; yours are moved to .modeldesk/edited/ "
                           "(without it, sync names them and changes nothing)")
    add_transfer_options(sync)
    gc = sub.add_parser("gc", help="free the earlier file versions sync kept that no project's lock names any more "
                                   "(never a file of yours)")
    gc.add_argument("--dry-run", action="store_true", help="say what would be removed and freed; remove nothing")
    gc.add_argument("--json", action="store_true")


def run(args) -> int:
    from modeldesk.headless import sync_cmd

    return {"lock": sync_cmd.lock_command, "sync": sync_cmd.sync_command, "gc": sync_cmd.gc_command}[args.command](args)
