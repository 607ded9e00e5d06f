"""Ports for programs a test starts, free of races between pytest-xdist workers.

A port from bind(("127.0.0.1", 0)) is closed before the program binds it, and in that gap the kernel
may hand it to another worker's program or to an outgoing connection (the ephemeral range). So each
worker owns a block of ports below the ephemeral range, which the kernel never assigns on its own, and
walks it in turn, skipping a port something already holds."""

from __future__ import annotations

import itertools
import os
import socket

BASE = 20000  # below Linux's ephemeral range (32768-60999), so bind(0) and connect() never pick these
WORKERS = 12  # blocks: the suite runs on up to this many workers (packaging/dev.sh)
BLOCK = 1000  # ports per worker: 12 workers fit below 32000


def _worker_index() -> int:
    name = os.environ.get("PYTEST_XDIST_WORKER", "gw0")  # "gw3"; absent when pytest runs without xdist
    digits = name.removeprefix("gw")
    return int(digits) if digits.isdigit() else 0


def _block() -> range:
    start = BASE + (_worker_index() % WORKERS) * BLOCK
    return range(start, start + BLOCK)


_next = itertools.cycle(_block())


def _bindable(port: int) -> bool:
    for kind in (socket.SOCK_STREAM, socket.SOCK_DGRAM):  # a torrent client listens on both
        with socket.socket(socket.AF_INET, kind) as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                return False
    return True


def free_port() -> int:
    """A port on 127.0.0.1 that no other worker will be given, and that nothing holds now."""
    for _ in range(BLOCK):
        port = next(_next)
        if _bindable(port):
            return port
    raise RuntimeError(f"no free port in {_block()}")
