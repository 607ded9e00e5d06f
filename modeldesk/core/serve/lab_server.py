"""`modeldesk serve`'s HTTP side: the library's hub repos over the Hugging Face API (hf_routes.py), which
is also the web seed of every torrent named by a commit, on one listener (http_server.py). The process
around it (headless/commands/serve.py) owns the library and seeds every complete model, as `seed --all`."""

from __future__ import annotations

import logging

from modeldesk.core.config.paths import AppPaths
from modeldesk.core.serve.catalog import Catalog
from modeldesk.core.serve.hf_routes import Answer, hf_answer
from modeldesk.core.serve.http_server import Audit, LabHttp, parse_listen

log = logging.getLogger(__name__)


class LabServer:
    def __init__(self, paths: AppPaths, listen: str, allow_hosts: tuple[str, ...] = ()):
        host, port = parse_listen(listen)
        self.catalog = Catalog(paths.library_db)
        self._http = LabHttp(self._route, host, port, allow_hosts, Audit(paths.state_dir / "audit.log"),
                             self.catalog.unchanged)
        self.url = self._http.url

    def start(self) -> None:
        self._http.start()
        log.info("serving the library at %s", self.url)

    def stop(self) -> None:
        self._http.stop()

    def _route(self, method: str, path: str, query: str, body: bytes, content_type: str) -> Answer | None:
        return hf_answer(self.catalog, method, path, query, body, content_type)
