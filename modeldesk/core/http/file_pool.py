"""The files of one job, several at a time.

Files start in order. The next one starts as soon as every running file has handed all its missing
bytes to connections, i.e. when their connections begin to fall idle at the tail, so a long
list of small files is fetched side by side and a big file's tail overlaps the next file's head.
All files share one HostSlots: however many are in flight, a mirror host sees at most
`connections` connections from the job. So the number of files in flight is bounded by that budget
too, not by a file count: a repo of many small files (one connection each) goes `connections` files
at a time. The loop sleeps until a file finishes or hands out its last bytes, never on a poll: with
hundreds of small files a 100 ms poll per start was most of the time.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

from modeldesk.core.base.errors import Interrupted
from modeldesk.core.http.downloader import FileDownload, FileSpec
from modeldesk.core.http.mirrors import HostSlots
from modeldesk.core.base.messages import N_

FILES_AT_ONCE = 4  # at least this many, even when the connection budget is smaller

MakeDownload = Callable[[FileSpec, threading.Event, HostSlots], FileDownload]


def fetch_files(specs: tuple[FileSpec, ...], connections: int, stop: threading.Event, make: MakeDownload,
                on_done: Callable[[FileDownload], None], files_at_once: int = FILES_AT_ONCE) -> None:
    """Download every spec; raises the first file's error (the others are stopped, their finished
    bytes kept) or Interrupted when `stop` is set."""
    halt = threading.Event()  # stops every file: set by `stop` or by one file's failure
    slots = HostSlots(connections)
    pending = list(specs)
    running: dict[Future, FileDownload] = {}
    error: BaseException | None = None
    at_once = max(1, files_at_once, connections)
    wake = threading.Event()  # a file finished or handed out its last bytes
    with ThreadPoolExecutor(at_once, thread_name_prefix="http-file") as pool:
        while running or (pending and not halt.is_set()):
            if (pending and not halt.is_set() and len(running) < at_once
                    and all(dl.handed_out.is_set() for dl in running.values())):
                dl = make(pending.pop(0), halt, slots)
                dl.on_handed_out = wake.set
                fut = pool.submit(dl.run)
                fut.add_done_callback(lambda _f: wake.set())
                running[fut] = dl
                continue
            wake.wait(0.1)  # the timeout only notices `stop`
            wake.clear()
            done = [f for f in running if f.done()]
            if stop.is_set():
                halt.set()
            for fut in done:
                dl = running.pop(fut)
                exc = fut.exception()
                if exc is None:
                    on_done(dl)
                elif not isinstance(exc, Interrupted):  # Interrupted: halted, by `stop` or a failure
                    error = error or exc
                    halt.set()
    if error is not None:
        raise error
    if stop.is_set():
        raise Interrupted(N_("interrupted; finished bytes are kept for the next run"))
