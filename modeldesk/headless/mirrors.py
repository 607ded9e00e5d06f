"""`modeldesk mirrors probe SOURCE`: time each candidate mirror on a real file of the source and
print them ranked (time to first byte, throughput, health)."""

from __future__ import annotations

import json
import sys

from modeldesk.core.errors import ModelDeskError
from modeldesk.core.intake import SourceKind, classify, mirror_hosts
from modeldesk.core.http.hub import HubClient, file_url, parse_repo_ref
from modeldesk.core.http.hub_plan import hub_endpoints
from modeldesk.core.http.prober import ProbeResult, probe_all
from modeldesk.core.paths import default_paths
from modeldesk.core.secrets import load_credentials
from modeldesk.core.settings import load_settings
from modeldesk.core.units import fmt_bytes


def probe_targets(source: str, extra: list[str]) -> tuple[str, list[str], object]:
    """What to probe: (what it is, one URL per mirror, credentials)."""
    settings = load_settings(default_paths().ensure().settings_file)
    credentials = load_credentials(settings.http.token_hosts)
    if classify(source, mirror_hosts(tuple(extra) + settings.http.hub_mirrors)) is SourceKind.HUB:
        ref = parse_repo_ref(source)
        endpoints = hub_endpoints(ref, tuple(extra) + settings.http.hub_mirrors, settings.http.use_official_hub)
        client = HubClient(endpoints, credentials=credentials)
        commit = client.resolve(ref)
        files = client.list_files(ref, commit)
        if not files:
            raise ModelDeskError(f"{ref.repo_id} has no files to probe.")
        biggest = max(files, key=lambda f: f.size)
        what = f"{ref.repo_id}/{biggest.path} ({fmt_bytes(biggest.size)})"
        return what, [file_url(ep, ref.repo_id, commit, biggest.path) for ep in endpoints], credentials
    return source, list(dict.fromkeys([source, *extra])), credentials


def print_table(what: str, results: list[ProbeResult]) -> None:
    print(f"probed {what}")
    print(f"{'rank':>4}  {'mirror':38} {'first byte':>10} {'throughput':>12}  health")
    for i, r in enumerate(results, 1):
        ttfb = f"{r.ttfb * 1000:.0f} ms" if r.ttfb is not None else "-"
        rate = f"{fmt_bytes(int(r.throughput))}/s" if r.throughput else "-"
        rank = str(i) if r.healthy else "-"
        print(f"{rank:>4}  {r.host:38} {ttfb:>10} {rate:>12}  {r.health}")


def mirrors_command(args) -> int:
    try:
        what, urls, credentials = probe_targets(args.source, args.mirror)
        results = probe_all(urls, credentials)
    except ModelDeskError as exc:
        print(f"modeldesk: {exc}", file=sys.stderr)
        return exc.exit_code
    if args.json:
        print(json.dumps([{"rank": i if r.healthy else None, "url": r.url, "host": r.host, "ttfb": r.ttfb,
                           "throughput": r.throughput, "health": r.health, "ranges": r.ranges}
                          for i, r in enumerate(results, 1)], indent=1))
    else:
        print_table(what, results)
    return 0 if any(r.healthy for r in results) else 3
