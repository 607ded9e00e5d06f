"""A program's file syscalls as strace saw them, in the order they ended: what a test needs to check
the order of writes, syncs and renames a power cut would expose, on the real program."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from tests.helpers.tools import require_tool

TRACED = "openat,pwrite64,pwritev,pwritev2,write,fsync,fdatasync,rename,renameat,renameat2"
_LINE = re.compile(r"^(\d+)\s+(.*)$")
_CALL = re.compile(r"^(\w+)\((.*)\)\s+=\s+(-?\d+)")
_UNFINISHED = re.compile(r"^(\w+)\((.*) <unfinished \.\.\.>$")
_RESUMED = re.compile(r"^<\.\.\. (\w+) resumed>(.*)\)\s+=\s+(-?\d+)")


@dataclass
class Call:
    started: int  # position of the call's start among the calls' ends (a call not split by another: its own)
    name: str
    args: str
    ret: int


def strace_prefix(out: Path) -> list[str]:
    """The command line prefix that traces a program and its threads into `out`."""
    return [require_tool("strace"), "-f", "-qq", "-e", "signal=none", "-s", "8192", "-e", f"trace={TRACED}",
            "-o", str(out)]


def calls(trace: Path) -> list[Call]:
    """The calls that returned, in the order they ended; `started` tells where each began."""
    out: list[Call] = []
    pending: dict[str, tuple[int, str, str]] = {}
    for line in trace.read_text(errors="replace").splitlines():
        m = _LINE.match(line)
        if not m:
            continue
        pid, rest = m.groups()
        if u := _UNFINISHED.match(rest):
            pending[pid] = (len(out), u.group(1), u.group(2))
            continue
        if r := _RESUMED.match(rest):
            if pid in pending:
                started, name, args = pending.pop(pid)
                out.append(Call(started, name, args + r.group(2), int(r.group(3))))
            continue
        if c := _CALL.match(rest):
            out.append(Call(len(out), c.group(1), c.group(2), int(c.group(3))))
    return out


def first_string(args: str) -> str:
    """The first quoted argument, unescaped (strace writes C escapes)."""
    m = re.search(r'"((?:[^"\\]|\\.)*)"', args)
    return m.group(1).encode("latin-1", "backslashreplace").decode("unicode_escape") if m else ""


def quoted(args: str) -> list[str]:
    return [first_string(q) for q in re.findall(r'"(?:[^"\\]|\\.)*"', args)]
