"""Parsing and formatting of sizes, rates and durations for people."""

from __future__ import annotations

import re

from modeldesk.core.base.errors import BadInputError
from modeldesk.core.base.messages import N_

_UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3, "t": 1024**4}
_RATE_RE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(i?b?|bit)?(?:/s)?\s*$", re.IGNORECASE)


def parse_rate(text: str, uplink: int = 0) -> int:
    """'5M', '500KiB', '2.5MB/s', '10Mbit', '0' (unlimited) or '30%' of the declared uplink → bytes/s."""
    t = text.strip()
    if t.endswith("%"):
        try:
            pct = float(t[:-1])
        except ValueError:
            raise BadInputError(N_("Not a rate: {text!r}. Use e.g. 5M, 500K or 30%."), text=text) from None
        if not 0 < pct <= 100:
            raise BadInputError(N_("A percentage limit must be between 0 and 100, not {text!r}."), text=text)
        if uplink <= 0:
            raise BadInputError(
                N_("A percentage upload limit needs your uplink speed: set it with --uplink (e.g. --uplink "
                   "10Mbit).")
            )
        return max(1, int(uplink * pct / 100))
    m = _RATE_RE.match(t)
    if not m:
        raise BadInputError(N_("Not a rate: {text!r}. Use e.g. 5M, 500K, 10Mbit or 30%."), text=text)
    value = float(m.group(1)) * _UNITS[m.group(2).lower()]
    if (m.group(3) or "").lower() == "bit":
        value /= 8
    return int(value)


def fmt_bytes(n: float) -> str:
    for unit in ("B", "KiB", "MiB", "GiB", "TiB"):
        if abs(n) < 1024 or unit == "TiB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    raise AssertionError("unreachable")


def fmt_rate(n: float) -> str:
    return f"{fmt_bytes(n)}/s"


def fmt_eta(seconds: int | None) -> str:
    if seconds is None:
        return "--"
    if seconds < 60:
        return f"{seconds}s"
    if seconds < 3600:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds // 3600}h{(seconds % 3600) // 60:02d}m"


def count(n: int, noun: str) -> str:
    """"1 file", "2 files": an English count for the command line (the GUI's plurals are Qt's, ui/i18n.py)."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
