"""The command line's last line of defence: what reaches the top of `modeldesk` is one sentence and an
exit code, never a traceback. Arguments and MODELDESK_HOME that are not UTF-8 are refused before
anything reads them; an error of ours is printed as its sentence; anything else is a bug, kept in a
crash report under the state folder and named in one line (exit 70, EX_SOFTWARE)."""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from pathlib import Path

from modeldesk.core.base.constants import ENV_HOME

CRASH_EXIT = 70


def _shown(text: str) -> str:
    """The text with each byte that is not UTF-8 shown as '?' (a lone surrogate from the OS's decoding)."""
    return text.encode("utf-8", "replace").decode("utf-8")


def _utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
        return True
    except UnicodeEncodeError:
        return False


def refused_input(argv: list[str], environ: dict[str, str] | os._Environ) -> str | None:
    """A sentence for the first argument (or MODELDESK_HOME) that holds bytes that are not UTF-8."""
    for i, arg in enumerate(argv, 1):
        if not _utf8(arg):
            return (f"argument {i} ({_shown(arg)[:200]!r}, ? marks the bytes) is not valid UTF-8 text. ModelDesk "
                    "reads names, links and paths as UTF-8: rename the file, or copy the link again.")
    home = environ.get(ENV_HOME, "")
    if not _utf8(home):
        return f"{ENV_HOME} ({_shown(home)[:200]!r}) is not valid UTF-8 text; point it at a folder with a UTF-8 name."
    return None


def crash_report(exc: BaseException) -> Path | None:
    """The traceback written to STATE/crash-<time>-<pid>.txt (the temporary folder when the state folder
    cannot be written); None when neither can."""
    text = "".join(traceback.format_exception(exc))
    name = f"crash-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}.txt"
    folders = []
    try:
        from modeldesk.core.config.paths import default_paths

        folders.append(default_paths().state_dir)
    except Exception:  # the state folder's own settings are what failed
        pass
    folders.append(Path(tempfile.gettempdir()))
    for folder in folders:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / name
            path.write_text(f"modeldesk {' '.join(_shown(a) for a in sys.argv[1:])}\n\n{_shown(text)}",
                            encoding="utf-8")
            return path
        except OSError:
            continue
    return None


def report_crash(exc: BaseException) -> int:
    where = crash_report(exc)
    kept = f" The details are in {where}; please attach it to a bug report." if where else ""
    print(f"modeldesk: an unexpected error stopped this command ({type(exc).__name__}).{kept}", file=sys.stderr)
    return CRASH_EXIT
