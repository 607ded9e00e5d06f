"""`get`: hub repos, magnets, .torrent files and file URLs into a project folder."""

from __future__ import annotations

from modeldesk.headless.commands.common import EXIT_CODES, RAW, add_transfer_options

GET_EXAMPLES = """examples:
  modeldesk get hf://acme/tiny-tts --to ./models/tts
  modeldesk get https://huggingface.co/acme/tiny-tts/blob/main/config.json --to ./models/tts
  modeldesk get hf://datasets/acme/speech --include 'clips/*' --to ./data
  modeldesk get ms://Qwen/Qwen3-0.6B --to ./models/qwen
  modeldesk get 'magnet:?xt=urn:btih:…' --to ./models --no-seed

"""


def add_parsers(sub) -> None:
    get = sub.add_parser(
        "get", help="download models: hub repos (hf://org/name, ms://owner/name), magnets, .torrent files, "
                    "file URLs",
        epilog=GET_EXAMPLES + EXIT_CODES, formatter_class=RAW,
    )
    get.add_argument("sources", nargs="+", metavar="SOURCE",
                     help="hf://org/name[@rev] or hf://datasets/org/name, ms://owner/name[@rev] (ModelScope), a hub "
                          "URL (a repo, or a file or folder in it), a magnet link or info-hash, a .torrent path or "
                          "URL, or a file's http(s) URL")
    get.add_argument("--to", "--local-dir", dest="to", required=True, metavar="DIR",
                     help="project folder to download into (hub files land at DIR/<path in repo>)")
    get.add_argument("--revision", metavar="REV",
                     help="branch, tag or commit for hf:// and ms:// sources that name none")
    get.add_argument("--hub-cache", nargs="?", const="", metavar="CACHE",
                     help="also place hub repos into the Hugging Face cache, where from_pretrained('org/name') "
                          "finds them (default: $HF_HUB_CACHE or ~/.cache/huggingface/hub); by reflink or hard "
                          "link, so no second copy on one disk")
    get.add_argument("--ms-cache", nargs="?", const="", metavar="CACHE",
                     help="also place ModelScope repos where modelscope's snapshot_download finds them (default: "
                          "$MODELSCOPE_CACHE or ~/.cache/modelscope), by reflink or hard link")
    get.add_argument("--dry-run", action="store_true",
                     help="list the files and bytes it would fetch (and what is already here); fetch nothing")
    get.add_argument("--include", action="append", default=[], metavar="GLOB",
                     help="only files matching GLOB (repeatable), e.g. 'models/*'")
    get.add_argument("--exclude", action="append", default=[], metavar="GLOB",
                     help="skip files matching GLOB (repeatable), e.g. '*.wav'")
    get.add_argument("--no-seed", action="store_true", help="exit once complete and verified")
    get.add_argument("--mirror", action="append", default=[], metavar="URL",
                     help="a hub endpoint to use for this run's hub sources (repeatable): HF-compatible "
                          "for hf://, ModelScope-compatible for ms://")
    get.add_argument("--url", action="append", default=[], metavar="URL",
                     help="another mirror of the same file (repeatable; with one file URL)")
    get.add_argument("--sha256", metavar="HEX", help="the file's sha256, checked before it gets its name")
    get.add_argument("--connections", "-x", "--max-connection-per-server", dest="connections", type=int, metavar="N",
                     help="at most N connections per file to each mirror, like aria2c -x; the count that pays "
                          "below it is found while the file downloads (default: settings, 16)")
    get.add_argument("--stall-timeout", type=float, metavar="SECONDS",
                     help="drop a mirror connection that sends nothing for this long (default: settings, 20)")
    get.add_argument("--server", metavar="URL", help="a lab server (`modeldesk serve`) downloads it, into --to below "
                     "its project root; this shows its progress (token: MODELDESK_SERVER_TOKEN or the keyring)")
    add_transfer_options(get)


def run(args) -> int:
    if args.server:
        from modeldesk.headless.remote import get_remote

        return get_remote(args)
    from modeldesk.headless.transfer import Transfer, run_transfer

    return run_transfer(args, Transfer(_plan, _dry_run, hand_over=True))


def _dry_run(args, settings, output, paths) -> int:
    from modeldesk.headless.get_cmd import dry_run

    return dry_run(args, settings, output)


def _plan(args, paths, output):
    from modeldesk.headless.get_cmd import get_adds, report_hub_cache
    from modeldesk.headless.options import settings_for
    from modeldesk.headless.runner import RunOptions

    options = RunOptions(seed=not args.no_seed, timeout=args.timeout)
    if args.hub_cache is not None or args.ms_cache is not None:
        options.on_finished = lambda project: report_hub_cache(project, args.hub_cache, args.ms_cache, output)
    return get_adds(args, settings_for(args, paths).http), options
