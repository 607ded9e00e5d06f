"""The lab server inside the desktop app (Settings → Server): started, restarted with new options or
stopped as the settings change, fed the running core's events. `modeldesk serve` runs the same
LabServer from the command line."""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from modeldesk.core.base.errors import BadInputError
from modeldesk.core.base.messages import N_
from modeldesk.core.base.os_reasons import os_reason
from modeldesk.core.config.paths import AppPaths
from modeldesk.core.contracts import events as ev

if TYPE_CHECKING:  # the server's modules load only when Settings → Server turns it on, not at the app's start
    from modeldesk.core.serve.lab_server import LabServer, ServeOptions

log = logging.getLogger(__name__)


class ServerHost:
    def __init__(self, paths: AppPaths, page: Path | None = None):
        self._paths = paths
        self._page = page
        self._lock = threading.Lock()
        self._server: LabServer | None = None
        self._options: ServeOptions | None = None
        self._manager = None

    @property
    def url(self) -> str:
        return self._server.url if self._server is not None else ""

    def attach(self, manager, settings) -> None:
        """The running core, once started: the server (now or later) can act on its jobs."""
        with self._lock:
            self._manager = manager
            if self._server is not None:
                self._server.attach(manager, settings)

    def apply(self, settings) -> str:
        """Serve as `settings.server` says (blocking, off the GUI thread): the URL served at, or "" when
        off. BadInputError when it cannot listen there (the old server, if any, keeps running)."""
        s = settings.server
        if not s.enabled:
            self.stop()
            return ""
        from modeldesk.core.serve.lab_server import LabServer, ServeOptions

        options = ServeOptions(s.listen, tuple(s.allow_hosts), tuple(Path(r).expanduser() for r in s.project_roots),
                               s.read_token, self._page, tuple(m.rstrip("/") for m in s.mirrors), s.offline)
        with self._lock:
            if self._server is not None and options == self._options:
                return self._server.url
            if self._options is not None and self._options.listen == options.listen:
                self._stop()  # the same address: free it for the new server
            try:
                server = LabServer(self._paths, options)
            except (ValueError, OSError) as exc:
                raise BadInputError(N_("The lab server cannot listen on {listen}: {reason}."), listen=s.listen,
                                    reason=os_reason(exc) if isinstance(exc, OSError) else str(exc)) from None
            self._stop()
            if self._manager is not None:
                server.attach(self._manager, settings)
            server.start()
            self._server, self._options = server, options
            log.info("the app serves the library at %s", server.url)
            return server.url

    def feed(self, event: ev.Event) -> None:
        server = self._server
        if server is not None:
            server.feed(event)

    def stop(self) -> None:
        with self._lock:
            self._stop()

    def _stop(self) -> None:
        if self._server is not None:
            self._server.stop()
            log.info("the app stopped serving at %s", self._server.url)
            self._server, self._options = None, None
