"""The lab servers the app is attached to (Settings → Servers): their jobs come in as Qt signals,
and the user's adds, pauses, resumes and removals go to them, each on a worker thread; the client and
the watcher are core/serve/remote.py's."""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

from PySide6.QtCore import QCoreApplication, QObject, Signal

from modeldesk.core.base.errors import ModelDeskError

log = logging.getLogger(__name__)


class ServersBridge(QObject):
    jobsChanged = Signal(object)  # core.serve.remote.RemoteJobs
    jobSent = Signal(str, str)  # server URL, the id of the job it took

    def __init__(self, failed: Callable[[str, str], None], error_text: Callable[[BaseException], str],
                 parent: QObject | None = None):
        super().__init__(parent)
        self._failed, self._error_text = failed, error_text
        self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="servers")
        self._watch = None
        self.urls: tuple[str, ...] = ()

    def watch(self, urls: tuple[str, ...]) -> None:
        """Follow exactly these servers' jobs (none: stop). The client is loaded with the first server, so
        an app attached to none (most) does not load it at start-up."""
        self.urls = tuple(u.rstrip("/") for u in urls)
        if self._watch is None and self.urls:
            from modeldesk.core.serve.remote import RemoteWatch

            self._watch = RemoteWatch(self.jobsChanged.emit)
        if self._watch is not None:
            self._watch.watch(self.urls)

    def add(self, url: str, source: str, project: str, include: tuple[str, ...], exclude: tuple[str, ...],
            seed: bool) -> Future:
        def run():
            from modeldesk.core.serve.remote import RemoteServer

            job_id = RemoteServer(url, timeout=130).add(source, project, include, exclude, seed)
            self.jobSent.emit(url, job_id)

        what = QCoreApplication.translate("Servers", "Send %1 to %2").replace("%1", source[:80]).replace("%2", url)
        return self._run(what, run)

    def act(self, url: str, job_id: str, action: str) -> Future:
        """pause, resume or remove one of a server's jobs (a removal keeps the server's files)."""
        def run():
            from modeldesk.core.serve.remote import RemoteServer

            RemoteServer(url, timeout=40).act(job_id, action)

        return self._run(f"{action} {job_id} on {url}", run)

    def _run(self, what: str, fn: Callable[[], None]) -> Future:
        def run():
            try:
                fn()
            except ModelDeskError as exc:
                self._failed(what, self._error_text(exc))
            except Exception as exc:
                log.exception("%s failed", what)
                self._failed(what, f"Unexpected error: {exc}")

        try:
            return self._pool.submit(run)
        except RuntimeError:  # after close
            done: Future = Future()
            done.cancel()
            return done

    def close(self) -> None:
        if self._watch is not None:
            self._watch.close()
        self._pool.shutdown(wait=False, cancel_futures=True)
