"""`publish`: a model folder made a deterministic torrent with mirror web seeds, and seeded."""

from __future__ import annotations

from modeldesk.headless.commands.common import EXIT_CODES, RAW, add_transfer_options


def add_parsers(sub) -> None:
    pub = sub.add_parser(
        "publish", help="make a model folder a torrent (hybrid v1+v2, deterministic) with mirror web seeds; seed it",
        epilog=EXIT_CODES, formatter_class=RAW,
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
    add_transfer_options(pub)


def run(args) -> int:
    from modeldesk.headless.transfer import Transfer, run_transfer

    return run_transfer(args, Transfer(_plan, _dry_run))


def _dry_run(args, settings, output, paths) -> int:
    from modeldesk.headless.publish_cmd import publish_dry_run

    return publish_dry_run(args, output, paths)


def _plan(args, paths, output):
    from modeldesk.headless.publish_cmd import publish_adds
    from modeldesk.headless.runner import RunOptions

    adds = publish_adds(args, output, paths)
    return adds, RunOptions(seed=not args.no_seed, timeout=args.timeout, existing_data=True)
