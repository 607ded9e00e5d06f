"""`modeldesk completion bash|zsh|tcsh`: a shell completion script, made by shtab from the parser
itself, so it never falls behind the commands and flags. shtab is imported only here: it costs
tens of milliseconds that every other command would otherwise pay at start."""

from __future__ import annotations

import argparse

FOLDERS = {"to", "from_dir", "folder", "project"}  # arguments that name a folder
FILES = {"torrent", "out", "sources", "source"}  # a .torrent, an output file, or a path among sources


def _mark(parser: argparse.ArgumentParser, shtab) -> None:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                _mark(sub, shtab)
        elif action.dest in FOLDERS:
            action.complete = shtab.DIRECTORY  # type: ignore[attr-defined]
        elif action.dest in FILES:
            action.complete = shtab.FILE  # type: ignore[attr-defined]


def completion_script(parser: argparse.ArgumentParser, shell: str) -> str:
    import shtab

    _mark(parser, shtab)
    return shtab.complete(parser, shell=shell)
