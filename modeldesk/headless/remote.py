"""`modeldesk list --server URL` and `modeldesk get SOURCE --server URL --to PROJECT`: a lab server's
control API (core/serve/control_api.py) from the command line. The server downloads; this shows its
progress and exits with the usual codes. The client and where its token comes from:
core/serve/remote.py."""

from __future__ import annotations

import os
import time

from modeldesk.core.base.errors import BadInputError, ModelDeskError
from modeldesk.core.base.units import fmt_bytes
from modeldesk.core.serve.remote import RemoteServer
from modeldesk.headless.output import Output, error_text, make_output

DONE = ("seeding", "finished")


def list_remote(args) -> int:
    output = make_output(args.json)
    try:
        jobs = RemoteServer(args.server).call("GET", "jobs")["jobs"]
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
        server = RemoteServer(args.server)
        ids = [server.add(s, args.to, tuple(args.include or ()), tuple(args.exclude or ()), seed=not args.no_seed)
               for s in args.sources]
        return _follow(server, ids, output, args.timeout)
    except ModelDeskError as exc:
        output.error(error_text(exc))
        output.exit(exc.exit_code)
        return exc.exit_code


def _follow(server: RemoteServer, ids: list[str], output: Output, timeout: float) -> int:
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
