"""A file server in aiohttp (web.FileResponse: sendfile, Range), the candidate the lab-server issue
named, run as its own process by benchmarks/serve.py beside nginx and `modeldesk serve` so its
throughput, time to first byte and peak RSS are measured on the same load. Not part of ModelDesk.

    python benchmarks/aiohttp_files.py ROOT PORT
"""

from __future__ import annotations

import sys
from pathlib import Path

from aiohttp import web


def main() -> None:
    root, port = Path(sys.argv[1]).resolve(), int(sys.argv[2])

    async def send(request: web.Request) -> web.StreamResponse:
        name = request.match_info["name"]
        path = (root / name).resolve()
        if path.parent != root or not path.is_file():
            raise web.HTTPNotFound()
        return web.FileResponse(path)

    app = web.Application()
    app.router.add_get("/{name}", send)
    web.run_app(app, host="127.0.0.1", port=port, print=lambda *_: print("ready", flush=True), access_log=None)


if __name__ == "__main__":
    main()
