"""The commands of the command line: each module (here, and modeldesk/desktop_commands.py for those
that open the app) adds its commands' parsers (argparse only, so building
them costs nothing) and runs them, importing what does the work on use. COMMANDS maps each command
to its module, in the order `modeldesk --help` lists them; cli.py builds and dispatches through it."""

from __future__ import annotations

import importlib
from types import ModuleType

_HERE = __name__
_DESKTOP = "modeldesk.desktop_commands"  # they open the app or touch the desktop: outside the Qt-free headless
COMMANDS = {
    "get": f"{_HERE}.get",
    "seed": f"{_HERE}.seed",
    "serve": f"{_HERE}.serve",
    "publish": f"{_HERE}.publish",
    "lock": f"{_HERE}.projects", "sync": f"{_HERE}.projects", "gc": f"{_HERE}.projects",
    "import": f"{_HERE}.importing",
    "verify": f"{_HERE}.library", "list": f"{_HERE}.library",
    "gui": _DESKTOP, "completion": _DESKTOP, "register-handler": _DESKTOP,
    "token": f"{_HERE}.settings", "proxy": f"{_HERE}.settings", "mirrors": f"{_HERE}.settings",
}


def module_of(command: str) -> ModuleType:
    """The module that parses and runs `command`; it has add_parsers(sub) and run(args) -> int."""
    return importlib.import_module(COMMANDS[command])


def modules(only: str | None = None) -> list[ModuleType]:
    """Every command module in --help order, or the one holding `only`."""
    names = dict.fromkeys(COMMANDS.values()) if only is None else [COMMANDS[only]]
    return [importlib.import_module(n) for n in names]
