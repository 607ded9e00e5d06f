"""`modeldesk serve`'s HTTP side on one listener (http_server.py): the library's hub repos over the
Hugging Face API (hf_routes.py), which is also the web seed of every torrent named by a commit, and the
control API (control_api.py) with its tokens (tokens.py). The process around it
(headless/commands/serve.py) owns the library and seeds every complete model, as `seed --all`, and
hands the running core to attach() and every event to feed()."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from modeldesk.core.config.paths import AppPaths
from modeldesk.core.contracts import events as ev
from modeldesk.core.serve.catalog import Catalog
from modeldesk.core.serve.control_api import PREFIX, ControlApi
from modeldesk.core.serve.hf_routes import hf_answer
from modeldesk.core.serve.audit import Audit
from modeldesk.core.serve.http_server import LabHttp, parse_listen
from modeldesk.core.serve.job_board import JobBoard
from modeldesk.core.serve.models_list import ModelsList
from modeldesk.core.serve.ms_routes import ms_answer
from modeldesk.core.serve.pull_through import PullThrough
from modeldesk.core.serve.repos import Repos
from modeldesk.core.sources.hub_access import HubAccess
from modeldesk.core.serve.request import Answer, Request, json_answer
from modeldesk.core.serve.tokens import TokenStore

log = logging.getLogger(__name__)


def tokens_of(paths: AppPaths) -> TokenStore:
    return TokenStore(paths.config_dir / "serve_tokens.json")


@dataclass(frozen=True)
class ServeOptions:
    listen: str = "127.0.0.1:8690"
    allow_hosts: tuple[str, ...] = ()  # host names clients use besides the server's own (DNS rebinding)
    roots: tuple[Path, ...] = ()  # folders remote adds may write below
    read_token: bool = False  # the hub endpoints answer token holders only
    page: Path | None = None  # the web page (resources/web/index.html)
    mirrors: tuple[str, ...] = ()  # hub mirrors pull-through asks, before the settings' own
    offline: bool = False  # no pull-through: the library only
    cache_root: Path | None = None  # where pulled repos go (default: the data folder's lab-cache)


class LabServer:
    def __init__(self, paths: AppPaths, options: ServeOptions = ServeOptions()):
        host, port = parse_listen(options.listen)
        self.catalog = Catalog(paths.library_db)
        self.tokens = tokens_of(paths)
        self.board = JobBoard()
        self._stopping = False
        self._read_token = options.read_token
        self.audit = Audit(paths.state_dir / "audit.log")
        self.control = ControlApi(self.tokens, self.board, options.roots, lambda: self._stopping, self.audit)
        self.models = ModelsList(self.catalog, self.board)
        self._page = options.page
        self.pull = None if options.offline else PullThrough(options.cache_root or paths.data_dir / "lab-cache",
                                                              options.mirrors, self.board)
        self.repos = Repos(self.catalog, self.pull)
        self._http = LabHttp(self._route, host, port, options.allow_hosts, self.audit, self.catalog.unchanged,
                             self._token_name)
        self.url = self._http.url

    def attach(self, manager, settings) -> None:
        """The running core: its jobs for the control API, which may now change them, and for pull-through."""
        self.board.load(manager.entries().result(30))
        self.control.http_settings = settings.http
        self.control.manager = manager
        if self.pull is not None:
            self.pull.start(manager, HubAccess(settings.http, manager.proxy))

    def _token_name(self, bearer: str | None) -> str:
        token = self.tokens.check(bearer)
        return token.name if token is not None else ""

    def feed(self, event: ev.Event) -> None:
        self.board.feed(event)

    def start(self) -> None:
        self._http.start()
        log.info("serving the library at %s", self.url)

    def stop(self) -> None:
        self._stopping = True
        self._http.stop()

    def _web_page(self) -> Answer:
        """The page at / (resources/web/index.html): the library, and the jobs for a token holder."""
        try:
            html = self._page.read_bytes() if self._page is not None else b""
        except OSError:
            html = b""
        if not html:
            return json_answer(404, {"error": "This install has no web page (resources/web/index.html)."})
        return Answer(200, {"Content-Type": "text/html; charset=utf-8", "X-Content-Type-Options": "nosniff",
                            "Content-Security-Policy": "default-src 'self'; script-src 'unsafe-inline'; "
                                                       "style-src 'unsafe-inline'; frame-ancestors 'none'",
                            "Cache-Control": "no-store"}, html)

    def _route(self, req: Request) -> Answer | None:
        if req.path.startswith(PREFIX):
            return self.control.answer(req)
        if req.path == "/" and req.method in ("GET", "HEAD"):
            return self._web_page()
        if self._read_token and self.tokens.check(req.bearer()) is None:
            return json_answer(401, {"error": "This server lends its models to token holders only: set HF_TOKEN "
                                              "to a token of `modeldesk serve token add NAME`."},
                               {"WWW-Authenticate": "Bearer"})
        if req.path in ("/api/models", "/api/datasets") and req.method == "GET":
            host = req.headers.get("Host")
            return json_answer(200, self.models.listing(req.path == "/api/datasets",
                                                        f"http://{host}" if host else self.url))
        return ms_answer(self.repos, req) or hf_answer(self.repos, req)
