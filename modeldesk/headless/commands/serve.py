"""`serve`: this ModelDesk as the lab's model hub. It owns the library (as `seed --all`, taking the
models other runs hand over), seeds every complete model, and answers the Hugging Face API over the
library's hub repos on --listen (127.0.0.1 unless told otherwise), which is also the web seed of every
torrent named by a commit."""

from __future__ import annotations

from modeldesk.headless.commands.common import EXIT_CODES, RAW, add_transfer_options

DEFAULT_LISTEN = "127.0.0.1:8690"


def add_parsers(sub) -> None:
    serve = sub.add_parser(
        "serve", help="serve the library to the lab: a Hugging Face-compatible endpoint and web seed, and seeding",
        epilog="With HF_ENDPOINT=http://HOST:PORT the official huggingface_hub client, `hf download` and "
               "transformers fetch the library's models from it; `publish --web-seed http://HOST:PORT` makes "
               "it a torrent's web seed.\n\n" + EXIT_CODES, formatter_class=RAW,
    )
    serve.add_argument("--listen", dest="http_listen", default=DEFAULT_LISTEN, metavar="HOST:PORT",
                       help=f"where to answer HTTP (default {DEFAULT_LISTEN}; 0.0.0.0:8690 for the whole LAN)")
    serve.add_argument("--allow-host", action="append", default=[], metavar="NAME",
                       help="a host name clients use for this server besides its own names and addresses "
                            "(others are refused, against DNS rebinding)")
    add_transfer_options(serve, bt_listen="--bt-listen")


def run(args) -> int:
    from modeldesk.headless.transfer import Transfer, run_transfer

    return run_transfer(args, Transfer(_plan, serve_hand_overs=True))


def _plan(args, paths, output):
    from modeldesk.core.base.errors import BadInputError
    from modeldesk.core.serve.lab_server import LabServer
    from modeldesk.headless.runner import RunOptions
    from modeldesk.headless.seed_cmd import library_seeds
    from modeldesk.logfile import setup_log_file

    try:
        server = LabServer(paths, args.http_listen, tuple(args.allow_host))
    except ValueError as exc:
        raise BadInputError(f"--listen {args.http_listen}: {exc}") from None
    except OSError as exc:
        raise BadInputError(f"--listen {args.http_listen}: cannot listen there ({exc.strerror or exc}).") from None
    adds = library_seeds(paths, none_is_fine=True)
    setup_log_file(paths, "serve.log")

    def started() -> None:
        server.start()
        output.result("serving", f"serving the library at {server.url} (HF_ENDPOINT={server.url})",
                      {"url": server.url})

    return adds, RunOptions(seed=True, timeout=args.timeout, existing_data=True, on_started=started, forever=True)
