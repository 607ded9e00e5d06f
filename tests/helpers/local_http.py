"""The HTTP/1.1 server under the local hubs (hub_server.py, ms_hub.py): 127.0.0.1 on a free port, one
thread per request, every GET and HEAD handed to the subclass's _handle(handler, body); and the repos
a hub serves from a folder (ROOT/org/name, ROOT/datasets/org/name)."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class LocalHttp:
    url: str

    def _serve(self) -> None:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *a):
                pass

            def do_GET(self):
                owner._handle(self, body=True)

            def do_HEAD(self):
                owner._handle(self, body=False)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def _handle(self, h: BaseHTTPRequestHandler, body: bool) -> None:
        raise NotImplementedError

    def _send(self, h, code: int, obj, body: bool, headers: dict | None = None) -> None:
        """A JSON answer."""
        payload = json.dumps(obj).encode()
        h.send_response(code)
        h.send_header("Content-Type", "application/json")
        h.send_header("Content-Length", str(len(payload)))
        for k, v in (headers or {}).items():
            h.send_header(k, v)
        h.end_headers()
        if body:
            h.wfile.write(payload)

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def repo_folders(root: Path) -> list[tuple[str, Path]]:
    """(repo id, folder) of every repo under root: ROOT/org/name; datasets under ROOT/datasets/org/name."""
    found = [(f"{org.name}/{repo.name}", repo)
             for org in sorted(p for p in root.iterdir() if p.is_dir() and p.name != "datasets")
             for repo in sorted(p for p in org.iterdir() if p.is_dir())]
    datasets = sorted((root / "datasets").glob("*/*"))
    return found + [(f"datasets/{repo.parent.name}/{repo.name}", repo) for repo in datasets]


def repo_files(folder: Path) -> list[tuple[str, bytes, Path]]:
    """(path in the repo, its bytes, the file) of every file of a repo's folder, in path order."""
    return [(f.relative_to(folder).as_posix(), f.read_bytes(), f) for f in sorted(folder.rglob("*")) if f.is_file()]
