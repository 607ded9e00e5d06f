"""The first word of `modeldesk WORD`: a command, a source for the app (as a browser or a file manager
hands one over), or a mistake that gets a sentence. A word that is neither a command nor a source never
opens the app: on a headless machine that would start a listening session for a typo."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from modeldesk.core.sources.classify import is_source

_BARE_WORD = re.compile(r"[a-z][a-z-]{0,30}")


def looks_like_source(word: str) -> bool:
    """A link, an info-hash, a .torrent name (core.sources.classify), a file:// URL or an existing path."""
    w = word.strip()
    return is_source(w) or w.lower().startswith("file://") or Path(w).expanduser().exists()


def mistyped_command(word: str, commands: tuple[str, ...]) -> str | None:
    """A sentence for `modeldesk lsit` or `modeldesk junk`; None for a source."""
    if looks_like_source(word):
        return None
    close = difflib.get_close_matches(word, commands, n=1, cutoff=0.6) if _BARE_WORD.fullmatch(word) else []
    if close:
        return f"'{word}' is not a modeldesk command. Did you mean 'modeldesk {close[0]}'?"
    return (f"{word[:200]!r} is neither a modeldesk command nor a source (a magnet, a URL, hf://org/name, a "
            f".torrent file or an info-hash). Commands: " + ", ".join(commands) + ".")
