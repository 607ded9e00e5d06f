"""The first word of `modeldesk WORD`: a command, a source for the app (as a browser or a file manager
hands one over), or a mistake that gets a sentence. A word that is neither a command nor a source never
opens the app: on a headless machine that would start a listening session for a typo."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

_BARE_WORD = re.compile(r"[a-z][a-z-]{0,30}")
_SOURCE_START = ("magnet:", "http://", "https://", "hf://", "file://")
_INFO_HASH = re.compile(r"[0-9a-fA-F]{40}|[0-9a-fA-F]{64}|[A-Za-z2-7]{32}")


def looks_like_source(word: str) -> bool:
    """A link, an existing path, a .torrent name, an info-hash."""
    w = word.strip()
    return (w.lower().startswith(_SOURCE_START) or w.lower().endswith(".torrent") or bool(_INFO_HASH.fullmatch(w))
            or Path(w).expanduser().exists())


def mistyped_command(word: str, commands: tuple[str, ...]) -> str | None:
    """A sentence for `modeldesk lsit` or `modeldesk junk`; None for a source."""
    if looks_like_source(word):
        return None
    close = difflib.get_close_matches(word, commands, n=1, cutoff=0.6) if _BARE_WORD.fullmatch(word) else []
    if close:
        return f"'{word}' is not a modeldesk command. Did you mean 'modeldesk {close[0]}'?"
    return (f"{word[:200]!r} is neither a modeldesk command nor a source (a magnet, a URL, hf://org/name, a "
            f".torrent file or an info-hash). Commands: " + ", ".join(commands) + ".")
