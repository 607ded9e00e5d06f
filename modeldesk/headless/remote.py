"""`modeldesk list --server URL` and `modeldesk get SOURCE --server URL --to PROJECT`: a lab server's
control API (core/serve/control_api.py) from the command line. The server downloads; this shows its
progress and exits with the usual codes. The token comes from MODELDESK_SERVER_TOKEN, else from the
keyring for the server's origin (`modeldesk token set --host http://lab:8690`), and goes to that
server alone."""

from __future__ import annotations

import os
import time

from modeldesk.core.base.errors import AccessDeniedError, BadInputError, ModelDeskError, NetworkError
from modeldesk.core.base.units import fmt_bytes
from modeldesk.core.config.credentials import Credentials, normalize_host
from modeldesk.core.http.client import json_call
from modeldesk.headless.output import Output, error_text, make_output

ENV_SERVER_TOKEN = "MODELDESK_SERVER_TOKEN"
API = "/api/modeldesk/v1/"
DONE = ("seeding", "finished")


def server_token(url: str) -> str:
    token = os.environ.get(ENV_SERVER_TOKEN, "").strip()
    if token:
        return token
    from modeldesk.core.config.secrets import get_token

    origin = normalize_host(url)
    token = get_token(origin) or ""
    if not token:
        raise AccessDeniedError(f"No token for {origin}: set {ENV_SERVER_TOKEN}, or keep one with "
                                f"`modeldesk token set --host {origin}`.")
    return token


class Server:
    def __init__(self, url: str):
        self.url = url.rstrip("/")
        self._credentials = Credentials({normalize_host(url): server_token(url)})

    def call(self, method: str, path: str, body: dict | None = None) -> dict:
        status, doc = json_call(self._credentials, method, self.url + API + path, body)
        said = doc.get("error") if isinstance(doc, dict) else None
        if status in (401, 403):
            raise AccessDeniedError(f"{self.url} refused the token: {said or status}")
        if status >= 400:
            raise BadInputError(f"{self.url}: {said or f'HTTP {status}'}")
        if not isinstance(doc, dict):
            raise NetworkError(f"{self.url} sent no JSON object.")
        return doc


def list_remote(args) -> int:
    output = make_output(args.json)
    try:
        jobs = Server(args.server).call("GET", "jobs")["jobs"]
    except ModelDeskError as exc:
        output.error(error_text(exc))
        return exc.exit_code
    lines = [f"{j['name']}\t{j['state']}\t{j['progress'] * 100:.0f}%\t{fmt_bytes(j['size'])}\t{j['project']}"
             for j in jobs] or [f"{args.server}: no jobs"]
    output.result("jobs", "\n".join(lines), {"server": args.server, "jobs": jobs})
    return 0


def get_remote(args) -> int:
    output = make_output(args.json, quiet=args.quiet)
    try:
        if os.path.isabs(args.to) or args.to.startswith("~"):
            raise BadInputError(f"--to {args.to}: with --server, a folder below the server's project root "
                                "(e.g. tts/models), not a path of this machine.")
        server = Server(args.server)
        ids = [server.call("POST", "jobs", {"source": s, "project": args.to, "include": args.include,
                                            "exclude": args.exclude, "seed": not args.no_seed})["id"]
               for s in args.sources]
        return _follow(server, ids, output, args.timeout)
    except ModelDeskError as exc:
        output.error(error_text(exc))
        output.exit(exc.exit_code)
        return exc.exit_code


def _follow(server: Server, ids: list[str], output: Output, timeout: float) -> int:
    """The server's jobs until each is complete or failed (its progress every few seconds)."""
    rev, last_change, shown = 0, time.monotonic(), 0.0
    seen: dict[str, dict] = {}
    while True:
        changed = server.call("GET", f"jobs?since={rev}")
        rev = changed["rev"]
        for j in changed["jobs"]:
            if j["id"] in ids:
                if seen.get(j["id"], {}).get("done") != j["done"]:
                    last_change = time.monotonic()
                seen[j["id"]] = j
        if all(seen.get(i, {}).get("state") in (*DONE, "error") for i in ids):
            break
        if timeout and time.monotonic() - last_change > timeout:
            output.error(f"no progress on {server.url} for {timeout:.0f} s")
            output.exit(3)
            return 3
        if time.monotonic() - shown >= 5:
            shown = time.monotonic()
            for j in seen.values():
                output.info(f"{j['name']}: {j['state']} {j['progress'] * 100:.0f}% of {fmt_bytes(j['size'])} "
                            f"on {server.url}")
        time.sleep(0.5)
    failed = [j for j in seen.values() if j["state"] == "error"]
    for j in seen.values():
        output.result("finished" if j not in failed else "failed",
                      f"{j['name']}: {j['state']}{' (' + j['error'] + ')' if j['error'] else ''} in {j['project']} "
                      f"on {server.url}", {"job": j, "server": server.url})
    code = next((j.get("exit_code") or 1 for j in failed), 0)  # the failure's own code, as a local get exits
    output.exit(code)
    return code
