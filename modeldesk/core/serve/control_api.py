"""The control API under /api/modeldesk/v1/, for `modeldesk list|get --server`, the desktop app and the
web page. Every call needs `Authorization: Bearer TOKEN` (tokens.py); changes need an admin token.
No cookies are read, so a page elsewhere cannot act with a browser's credentials.

  GET    whoami                  the token's name and whether it is an admin's
  GET    jobs[?since=REV]        the jobs, or what changed since a revision (job_board.py)
  GET    events[?since=REV]      the same as server-sent events, whenever something changes
  POST   jobs                    {"source", "project", "root"?, "include"?, "exclude"?, "seed"?}: the
                                 server downloads the source into PROJECT below one of its project roots
  POST   jobs/ID/pause|resume    DELETE jobs/ID (the files stay)
  POST   jobs/ID/limits          {"down", "up"} in bytes/s, 0 = none
  GET    log[?last=N]            the newest entries of the audit log (admin)

A remote add writes only below the server's project roots (checked with pathsafety), and takes links
only: a path on the server's disk is not a source anyone may name from outside."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from modeldesk.core.base.errors import ModelDeskError
from modeldesk.core.base.messages import N_
from modeldesk.core.base.pathsafety import check_relative_path, resolve_inside
from modeldesk.core.contracts.models import Selection
from modeldesk.core.contracts.source_kind import SourceKind
from modeldesk.core.serve.audit import Audit, read_audit
from modeldesk.core.serve.job_board import JobBoard
from modeldesk.core.serve.request import Answer, Request, json_answer
from modeldesk.core.serve.tokens import Token, TokenStore
from modeldesk.core.sources.classify import classify

log = logging.getLogger(__name__)

PREFIX = "/api/modeldesk/v1/"
KEEP_ALIVE_S = 15.0


class ControlApi:
    def __init__(self, tokens: TokenStore, board: JobBoard, roots: tuple[Path, ...], stopping: Callable[[], bool],
                 audit: Audit | None = None):
        self._tokens = tokens
        self._audit = audit or Audit(None)
        self.board = board
        self._roots = roots
        self._stopping = stopping
        self.manager: Any = None  # the running core (runtime.Manager), once the run has started it
        self.http_settings: Any = None  # the settings' HttpSettings, for the adds

    def answer(self, req: Request) -> Answer | None:
        if not req.path.startswith(PREFIX):
            return None
        token = self._tokens.check(req.bearer())
        if token is None:
            return json_answer(401, {"error": "This call needs a token: Authorization: Bearer TOKEN (made with "
                                              "`modeldesk serve token add NAME`)."}, {"WWW-Authenticate": "Bearer"})
        parts = [p for p in req.path[len(PREFIX):].split("/") if p]
        query = parse_qs(req.query)
        since = query.get("since", ["0"])[0]
        rev = int(since) if since.isdigit() else 0
        if req.method == "GET" and parts == ["whoami"]:
            return json_answer(200, {"name": token.name, "admin": token.admin})
        if req.method == "GET" and parts == ["jobs"]:
            return json_answer(200, self.board.since(rev))
        if req.method == "GET" and parts == ["events"]:
            return Answer(200, {"Content-Type": "text/event-stream", "Cache-Control": "no-store"},
                          stream=lambda write: self._events(write, rev))
        if req.method not in ("POST", "DELETE") and parts != ["log"]:
            return json_answer(404, {"error": f"no such call: {req.method} {req.path}"})
        if not token.admin:
            return json_answer(403, {"error": f"The token {token.name!r} may read, not change: an admin token "
                                              "(serve token add NAME --admin) may."})
        if req.method == "GET" and parts == ["log"]:
            last = query.get("last", ["100"])[0]
            return json_answer(200, {"entries": read_audit(self._audit.path, last=int(last) if last.isdigit() else 100)
                                     if self._audit.path else []})
        if self.manager is None:
            return json_answer(503, {"error": "The server is still starting."})
        try:
            answer = self._change(req, parts, token)
        except ModelDeskError as exc:
            answer = json_answer(400, {"error": str(exc)})
        self._audit.record(client=req.client, token=token.name, action=f"{req.method} {req.path[len(PREFIX):]}",
                           status=answer.status, body={k: v for k, v in (_json_object(req.body) or {}).items()
                                                       if k in ("source", "project", "root", "down", "up")})
        return answer

    def _change(self, req: Request, parts: list[str], token: Token) -> Answer:
        assert self.manager is not None
        body = _json_body(req.body)
        if req.method == "POST" and parts == ["jobs"]:
            job_id = self._add(body)
            log.info("%s (%s) added %s", token.name, req.client, job_id)
            return json_answer(201, {"id": job_id})
        if len(parts) < 2 or parts[0] != "jobs" or self.board.job(parts[1]) is None:
            return json_answer(404, {"error": "no such job"})
        job_id, what = parts[1], parts[2:]
        if req.method == "DELETE" and not what:
            self.manager.remove(job_id, delete_files=False).result(30)
        elif req.method == "POST" and what in (["pause"], ["resume"]):
            getattr(self.manager, what[0])(job_id).result(30)
        elif req.method == "POST" and what == ["limits"]:
            down, up = body.get("down", 0), body.get("up", 0)
            if not (type(down) is int and type(up) is int and down >= 0 and up >= 0):
                return json_answer(400, {"error": "limits are whole numbers of bytes per second (0: none)"})
            self.manager.set_limits(job_id, down, up).result(30)
        else:
            return json_answer(404, {"error": f"no such call: {req.method} {req.path}"})
        log.info("%s (%s): %s %s", token.name, req.client, req.method, req.path)
        return json_answer(200, {"id": job_id})

    def _add(self, body: dict) -> str:
        from modeldesk.core.base.errors import BadInputError
        from modeldesk.core.sources.intake import build_add

        if not self._roots:
            raise BadInputError(N_("This server takes no downloads: start it with --project-root DIR."))
        source, project, root = body.get("source"), body.get("project", ""), body.get("root", 0)
        include, exclude = body.get("include") or [], body.get("exclude") or []
        if not (isinstance(source, str) and isinstance(project, str) and type(root) is int
                and 0 <= root < len(self._roots) and all(isinstance(p, str) for p in [*include, *exclude])):
            raise BadInputError(N_("Send a JSON object with source (a link), project (a folder below a project "
                                   "root) and root (that root's number, from 0)."))
        kind = classify(source).kind
        if kind is SourceKind.TORRENT and not classify(source).is_url:
            raise BadInputError(N_("A path on the server's disk is not a source: send a link (magnet, hf://, ms://, "
                                   "http(s))."))
        if project:
            check_relative_path(project, "project")
        target = resolve_inside(self._roots[root], project or ".")
        add = build_add(source, str(target), Selection(tuple(include), tuple(exclude)), seed=body.get("seed") is not
                        False, http=self.http_settings)
        return self.manager.add(add).result(120)

    def _events(self, write: Callable[[bytes], None], rev: int) -> None:
        """Server-sent events: the jobs that changed, each time something does; a comment every 15 s."""
        while not self._stopping():
            changed = self.board.since(rev)
            if changed["rev"] != rev:
                write(b"event: jobs\ndata: " + json.dumps(changed).encode() + b"\n\n")
                rev = changed["rev"]
            elif self.board.wait(rev, KEEP_ALIVE_S) == rev:
                write(b": keep-alive\n\n")


def _json_object(body: bytes) -> dict | None:
    """The body as a JSON object (an empty body is {}), or None."""
    try:
        doc = json.loads(body or b"{}")
    except ValueError:
        return None
    return doc if isinstance(doc, dict) else None


def _json_body(body: bytes) -> dict:
    doc = _json_object(body)
    if doc is None:
        from modeldesk.core.base.errors import BadInputError

        raise BadInputError(N_("The body is not a JSON object."))
    return doc
