"""`seed`: a folder checked against a .torrent and seeded; `seed --all`: the whole library, as a service."""

from __future__ import annotations

from modeldesk.core.base.errors import BadInputError
from modeldesk.headless.commands.common import EXIT_CODES, RAW, add_transfer_options


def add_parsers(sub) -> None:
    seed = sub.add_parser(
        "seed", help="check a folder against a .torrent and seed it",
        epilog=EXIT_CODES, formatter_class=RAW,
    )
    seed.add_argument("torrent", nargs="?", metavar="FILE.torrent", help="path or http(s) URL of the .torrent")
    seed.add_argument("--from", dest="from_dir", metavar="DIR",
                      help="folder holding the data (the torrent's top folder, or the folder above it)")
    seed.add_argument("--all", action="store_true",
                      help="seed every complete model in the library (a lab's always-on super seed)")
    add_transfer_options(seed)


def run(args) -> int:
    from modeldesk.headless.transfer import Transfer, run_transfer

    if args.all:
        return run_transfer(args, Transfer(_plan_all, serve_hand_overs=True))
    return run_transfer(args, Transfer(_plan, hand_over=True))


def _plan_all(args, paths, output):
    from modeldesk.headless.runner import RunOptions
    from modeldesk.headless.seed_cmd import library_seeds
    from modeldesk.logfile import setup_log_file

    if args.torrent or args.from_dir:
        raise BadInputError("seed --all takes no FILE.torrent or --from: it seeds the whole library.")
    adds = library_seeds(paths)
    setup_log_file(paths, "seed.log")  # as a service, no one reads its terminal
    return adds, RunOptions(seed=True, timeout=args.timeout, existing_data=True)


def _plan(args, paths, output):
    from modeldesk.headless.runner import RunOptions
    from modeldesk.headless.seed_cmd import seed_from_add

    output.show_missing = True
    return [seed_from_add(args)], RunOptions(seed=True, timeout=args.timeout, existing_data=True)
