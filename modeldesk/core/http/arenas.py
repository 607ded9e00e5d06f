"""Fewer malloc arenas for the HTTP engine's threads (glibc only).

glibc gives a thread that allocates an arena of its own, up to eight per core, and keeps what was
freed there for reuse. A job makes new connection threads for each file it fetches, so over many
files the process held many arenas of freed buffers: 500 files of 8 KiB peaked at 105-145 MiB,
and at 64-68 MiB with four arenas, just as fast (the hot path reuses its buffers and allocates
little). Set once, before the first connection thread starts; elsewhere (macOS, Windows, musl)
nothing is done."""

from __future__ import annotations

import sys
import threading

M_ARENA_MAX = -8  # mallopt's parameter number, from glibc's malloc.h
ARENAS = 4

_done = threading.Event()


def limit_arenas() -> None:
    if _done.is_set() or not sys.platform.startswith("linux"):
        return
    _done.set()
    import ctypes  # imported here: it costs start-up time, and only Linux with glibc uses it

    try:
        libc = ctypes.CDLL(None)
    except OSError:
        return
    if hasattr(libc, "gnu_get_libc_version"):  # glibc (musl has no arenas to limit)
        libc.mallopt(M_ARENA_MAX, ARENAS)
