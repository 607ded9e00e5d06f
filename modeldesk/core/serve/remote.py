"""A lab server's control API (control_api.py) from another machine: the client the CLI
(`modeldesk list|get --server URL`) and the desktop app (Settings → Servers) share, and a watcher that
keeps the app's view of each attached server's jobs current. The token comes from
MODELDESK_SERVER_TOKEN, else from the keyring for the server's origin, and goes to that origin alone."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass

from modeldesk.core.base.errors import AccessDeniedError, BadInputError, ModelDeskError, NetworkError
from modeldesk.core.base.messages import N_
from modeldesk.core.config.credentials import Credentials, normalize_host
from modeldesk.core.http.client import json_call

log = logging.getLogger(__name__)
ENV_SERVER_TOKEN = "MODELDESK_SERVER_TOKEN"
API = "/api/modeldesk/v1/"
ACTIONS = ("pause", "resume", "remove")


def server_token(url: str) -> str:
    token = os.environ.get(ENV_SERVER_TOKEN, "").strip()
    if token:
        return token
    from modeldesk.core.config.secrets import get_token

    origin = normalize_host(url)
    token = get_token(origin) or ""
    if not token:
        raise AccessDeniedError(N_("No token for {origin}: set {env}, or keep one with `modeldesk token set "
                                   "--host {origin}` (in the app: Settings → Servers)."),
                                origin=origin, env=ENV_SERVER_TOKEN)
    return token


class RemoteServer:
    def __init__(self, url: str, token: str | None = None, timeout: float = 150.0):
        self.url = url.rstrip("/")
        self._timeout = timeout
        self._credentials = Credentials({normalize_host(url): token or server_token(url)})

    def call(self, method: str, path: str, body: dict | None = None) -> dict:
        status, doc = json_call(self._credentials, method, self.url + API + path, body, timeout=self._timeout)
        said = doc.get("error") if isinstance(doc, dict) else None
        if status in (401, 403):
            raise AccessDeniedError(N_("{url} refused the token: {said}"), url=self.url, said=said or status)
        if status >= 400:
            raise BadInputError(N_("{url}: {said}"), url=self.url, said=said or f"HTTP {status}")
        if not isinstance(doc, dict):
            raise NetworkError(N_("{url} sent no JSON object."), url=self.url)
        return doc

    def add(self, source: str, project: str, include: tuple[str, ...] = (), exclude: tuple[str, ...] = (),
            seed: bool = True) -> str:
        """The server downloads `source` into `project` below its first project root; the job's id."""
        return self.call("POST", "jobs", {"source": source, "project": project, "include": list(include),
                                          "exclude": list(exclude), "seed": seed})["id"]

    def act(self, job_id: str, action: str) -> None:
        """Pause, resume or remove (the server keeps the files) one of the server's jobs."""
        if action not in ACTIONS:
            raise ValueError(action)
        if action == "remove":
            self.call("DELETE", f"jobs/{job_id}")
        else:
            self.call("POST", f"jobs/{job_id}/{action}")


@dataclass(frozen=True)
class RemoteJobs:
    """What one poll of a server brought: its jobs that changed (all of them when `full`), the ids it
    removed, or the error that kept it from answering (then nothing else)."""

    url: str
    full: bool = False
    jobs: tuple[dict, ...] = ()
    removed: tuple[str, ...] = ()
    error: ModelDeskError | None = None


class RemoteWatch:
    """One thread per attached server asks `jobs?since=REV` every `interval` seconds (every
    `retry` while it fails) and hands each answer that says something to `sink`, on that thread."""

    def __init__(self, sink: Callable[[RemoteJobs], None], interval: float = 1.0, retry: float = 5.0):
        self._sink, self._interval, self._retry = sink, interval, retry
        self._watching: dict[str, threading.Event] = {}

    def watch(self, urls: tuple[str, ...]) -> None:
        """Watch exactly these servers: new ones start, ones no longer named stop."""
        wanted = {u.rstrip("/") for u in urls}
        for url in [u for u in self._watching if u not in wanted]:
            self._watching.pop(url).set()
        for url in wanted - set(self._watching):
            stop = self._watching[url] = threading.Event()
            threading.Thread(target=self._run, args=(url, stop), name=f"remote {url}", daemon=True).start()

    def close(self) -> None:
        self.watch(())

    def _run(self, url: str, stop: threading.Event) -> None:
        rev, failed, server = 0, None, None
        while not stop.is_set():
            try:
                server = server or RemoteServer(url, timeout=10)
                doc = server.call("GET", f"jobs?since={rev}")
                full = bool(doc.get("full")) or failed is not None  # after a failure: the whole list again
                jobs = tuple(j for j in doc.get("jobs", ()) if isinstance(j, dict) and isinstance(j.get("id"), str))
                if full or jobs or doc.get("removed"):
                    self._sink(RemoteJobs(url, full, jobs, tuple(str(i) for i in doc.get("removed", ()))))
                rev, failed = int(doc.get("rev", 0)), None
            except (ModelDeskError, TypeError, ValueError) as exc:
                if not isinstance(exc, ModelDeskError):  # an answer of the wrong shape
                    exc = NetworkError(N_("{url} sent an answer ModelDesk cannot read ({kind})."), url=url,
                                       kind=type(exc).__name__)
                server = None  # a token set since is read again
                if failed is None or str(failed) != str(exc):
                    log.info("server %s: %s", url, exc)
                    self._sink(RemoteJobs(url, error=exc))
                rev, failed = 0, exc
            stop.wait(self._retry if failed is not None else self._interval)
