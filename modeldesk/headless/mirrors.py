"""`modeldesk mirrors probe SOURCE`: time each candidate mirror on a real file of the source and
print them ranked (time to first byte, throughput, health)."""

from __future__ import annotations

import json
import sys

from modeldesk.core.base.errors import BadInputError, ModelDeskError
from modeldesk.core.http.prober import ProbeResult
from modeldesk.core.sources.mirror_probe import probe_source
from modeldesk.core.config.paths import default_paths
from modeldesk.core.projects.project_config import project_mirrors, set_project_mirrors
from modeldesk.core.projects.projects import user_path
from modeldesk.core.config.settings import load_settings
from modeldesk.core.base.units import fmt_bytes
from modeldesk.headless.output import error_text


def print_table(what: str, results: list[ProbeResult]) -> None:
    print(f"probed {what}")
    print(f"{'rank':>4}  {'mirror':38} {'first byte':>10} {'throughput':>12}  health")
    for i, r in enumerate(results, 1):
        ttfb = f"{r.ttfb * 1000:.0f} ms" if r.ttfb is not None else "-"
        rate = f"{fmt_bytes(int(r.throughput))}/s" if r.throughput else "-"
        rank = str(i) if r.healthy else "-"
        print(f"{rank:>4}  {r.host:38} {ttfb:>10} {rate:>12}  {r.health}")


def project_command(args) -> int:
    """`mirrors project [URL…] [--clear]`: the project's own mirrors, kept in its modeldesk.toml."""
    project = user_path(args.project)
    try:
        if args.urls or args.clear:
            path = set_project_mirrors(project, [] if args.clear else list(args.urls))
            print(f"{path}: " + (", ".join(args.urls) if args.urls else "no mirrors of its own"))
        else:
            mirrors = project_mirrors(project)
            print("\n".join(mirrors) if mirrors else f"{project} has no mirrors of its own (the global ones apply)")
    except ModelDeskError as exc:
        print(f"modeldesk: {error_text(exc)}", file=sys.stderr)
        return exc.exit_code
    return 0


def mirrors_command(args) -> int:
    if args.mirrors_command == "project":
        return project_command(args)
    try:
        if not args.source.strip():
            raise BadInputError("Name what to probe: hf://org/name[@rev], a hub URL, or a file URL.")
        settings = load_settings(default_paths().ensure().settings_file)
        what, results = probe_source(args.source, tuple(args.mirror), settings.http)
    except ModelDeskError as exc:
        print(f"modeldesk: {error_text(exc)}", file=sys.stderr)
        return exc.exit_code
    if args.json:
        print(json.dumps([{"rank": i if r.healthy else None, "url": r.url, "host": r.host, "ttfb": r.ttfb,
                           "throughput": r.throughput, "health": r.health, "ranges": r.ranges}
                          for i, r in enumerate(results, 1)], indent=1))
    else:
        print_table(what, results)
    return 0 if any(r.healthy for r in results) else 3
