"""The headless commands: each module here adds its commands' parsers (argparse only, so building
them costs nothing) and runs them, importing what does the work on use. COMMANDS maps each command
to its module, in the order `modeldesk --help` lists them; cli.py builds and dispatches through it."""

from __future__ import annotations

import importlib
from types import ModuleType

COMMANDS = {
    "get": "get",
    "seed": "seed",
    "publish": "publish",
    "lock": "projects", "sync": "projects", "gc": "projects",
    "import": "importing",
    "verify": "library", "list": "library",
    "gui": "desktop", "completion": "desktop", "register-handler": "desktop",
    "token": "settings", "proxy": "settings", "mirrors": "settings",
}


def module_of(command: str) -> ModuleType:
    """The module that parses and runs `command`; it has add_parsers(sub) and run(args) -> int."""
    return importlib.import_module(f"{__name__}.{COMMANDS[command]}")


def modules(only: str | None = None) -> list[ModuleType]:
    """Every command module in --help order, or the one holding `only`."""
    names = dict.fromkeys(COMMANDS.values()) if only is None else [COMMANDS[only]]
    return [importlib.import_module(f"{__name__}.{n}") for n in names]
