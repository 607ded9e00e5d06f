"""`import`: a folder already on disk into the library, checked file by file against its hub repo's
listing, or (--torrent) against a torrent's piece hashes, which is a transfer run (it may stay and seed)."""

from __future__ import annotations

from modeldesk.core.base.errors import BadInputError
from modeldesk.headless.commands.common import EXIT_CODES, RAW, add_transfer_options


def add_parsers(sub) -> None:
    imp = sub.add_parser("import", help="add a folder already on disk to the library, checked file by file",
                         epilog=EXIT_CODES + "  5    a file is missing or corrupt (each is named)\n",
                         formatter_class=RAW)
    imp.add_argument("folder", metavar="DIR", help="the model folder (e.g. one `hf download --local-dir` filled)")
    src = imp.add_mutually_exclusive_group()
    src.add_argument("--source", metavar="hf://ORG/NAME[@REV]", help="the hub repo it is a copy of")
    src.add_argument("--torrent", metavar="FILE.torrent", help="the torrent it is the data of")
    imp.add_argument("--mirror", action="append", default=[], metavar="URL",
                     help="an HF-compatible hub endpoint to list the repo from (repeatable)")
    imp.add_argument("--seed", action="store_true", help="with --torrent: stay and seed it once checked")
    add_transfer_options(imp)


def run(args) -> int:
    if not args.torrent:
        from modeldesk.headless.import_cmd import import_command

        return import_command(args)
    from modeldesk.headless.transfer import Transfer, run_transfer

    return run_transfer(args, Transfer(_plan))


def _plan(args, paths, output):
    from modeldesk.core.sources.adds import TorrentAdd, resolve_torrent_source
    from modeldesk.headless.runner import RunOptions
    from modeldesk.headless.seed_cmd import seed_dir

    src = resolve_torrent_source(args.torrent)
    if not src.has_metadata:
        raise BadInputError("import --torrent needs a .torrent file (a magnet has no file list to check).")
    output.show_missing = True
    adds = [TorrentAdd(src, seed_dir(args.folder, src), seed=args.seed, rename_incomplete=False)]
    return adds, RunOptions(seed=args.seed, timeout=args.timeout, existing_data=True)
