"""Command-line entry point: the parser of every command (each added by its module in
headless/commands/), one dispatch, one sentence and an exit code whatever happens.

Exit codes: 0 complete, 2 bad input, 3 network, 4 disk, 130 interrupted.
"""

from __future__ import annotations

import argparse
import atexit
import logging
import os
import sys
import threading

from modeldesk import __version__
from modeldesk.core.base.errors import BadInputError, ModelDeskError
from modeldesk.headless import commands
from modeldesk.headless.commands.common import EXIT_CODES
from modeldesk.headless.first_word import mistyped_command
from modeldesk.headless.options import check_path_arguments


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
    for module in commands.modules(only):
        module.add_parsers(sub)
    return parser


COMMANDS = tuple(commands.COMMANDS)


def _is_gui_launch(argv: list[str]) -> bool:
    """`modeldesk` alone, or `modeldesk SOURCE…` as a browser or file manager runs it."""
    return not argv or (argv[0] not in COMMANDS and not argv[0].startswith("-"))


def _mistyped_command(word: str) -> str | None:
    return mistyped_command(word, COMMANDS)


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
    if args.command in COMMANDS:  # its module imports what does the work on use: `list` starts fast
        return commands.module_of(args.command).run(args)
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
