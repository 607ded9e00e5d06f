"""`gui`, `completion` and `register-handler`: the desktop app, a shell's completion script, and
ModelDesk as the opener of magnet links and .torrent files."""

from __future__ import annotations

import importlib
import sys

from modeldesk.core.base.errors import ModelDeskError
from modeldesk.headless.commands.common import RAW


def add_parsers(sub) -> None:
    gui = sub.add_parser("gui", help="open the desktop app (the default with no command)",
                         description="Open the desktop app. Sources open its add dialog; if ModelDesk is already "
                                     "running they go to that window and this command exits.")
    gui.add_argument("sources", nargs="*", metavar="SOURCE", help="magnet link, .torrent, hf://org/name or URL")
    gui.add_argument("--minimized", action="store_true",
                     help="start in the tray, to keep seeding (the window shows where there is no tray)")
    comp = sub.add_parser(
        "completion", help="print a shell completion script", formatter_class=RAW,
        description="Print a completion script for your shell, e.g.\n"
                    "  modeldesk completion bash > ~/.local/share/bash-completion/completions/modeldesk\n"
                    "  modeldesk completion zsh > ~/.zfunc/_modeldesk")
    comp.add_argument("shell", choices=("bash", "zsh", "tcsh"))
    reg = sub.add_parser("register-handler", help="make ModelDesk open magnet links and .torrent files",
                         description="Make ModelDesk open magnet links and .torrent files. Linux and the BSDs: a "
                                     "desktop entry and xdg-mime. Windows: per-user registry keys and Default "
                                     "apps. macOS: the app bundle declares them; this says how to pick it.")
    reg.add_argument("--unregister", action="store_true", help="undo it")


def run(args) -> int:
    if args.command == "gui":
        from modeldesk.app import run_gui

        return run_gui(args.sources, minimized=args.minimized)
    if args.command == "completion":
        from modeldesk.cli import build_parser
        from modeldesk.headless.completion import completion_script

        print(completion_script(build_parser(), args.shell))
        return 0
    handler = importlib.import_module({"win32": "modeldesk.handler_windows", "darwin": "modeldesk.handler_macos"}
                                      .get(sys.platform, "modeldesk.desktop_entry"))
    try:
        print(handler.unregister() if args.unregister else handler.register())
    except ModelDeskError as exc:
        print(f"modeldesk: {exc}", file=sys.stderr)
        return exc.exit_code
    return 0
