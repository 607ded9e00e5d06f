"""Fewer malloc arenas: with limit_arenas() run first, threads that allocate at once share at most
ARENAS of glibc's malloc arenas (each keeps what was freed in it; a job's per-file connection
threads had grown the process to many). glibc's own report (malloc_info) counts the arenas, in
child processes with and without the limit."""

from __future__ import annotations

import subprocess
import sys

import pytest

from modeldesk.core.http.arenas import ARENAS

CHILD = """
import ctypes, sys, threading
from modeldesk.core.http.arenas import limit_arenas
if sys.argv[1] == "limit":
    limit_arenas()
together = threading.Barrier(32)
def work():
    held = bytearray(200_000)  # under the mmap threshold: from this thread's arena
    together.wait()  # all alive at once, so none can take over another's arena
threads = [threading.Thread(target=work) for _ in range(32)]
for t in threads:
    t.start()
for t in threads:
    t.join()
libc = ctypes.CDLL(None)
libc.fopen.restype = ctypes.c_void_p
report = libc.fopen(sys.argv[2].encode(), b"w")
libc.malloc_info(0, ctypes.c_void_p(report))
libc.fclose(ctypes.c_void_p(report))
print(open(sys.argv[2]).read().count("<heap nr="))
"""


def _arenas(mode: str, tmp_path) -> int:
    r = subprocess.run([sys.executable, "-c", CHILD, mode, str(tmp_path / f"{mode}.xml")], capture_output=True,
                       text=True, timeout=60, check=True)
    return int(r.stdout)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc arenas are Linux's")
def test_threads_allocating_at_once_share_a_few_arenas(tmp_path):
    assert _arenas("free", tmp_path) > ARENAS, "without the limit glibc makes more (the test would prove nothing)"
    assert _arenas("limit", tmp_path) <= ARENAS
