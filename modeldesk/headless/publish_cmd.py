"""`modeldesk publish SOURCE`: a model folder (or a library job's) as a deterministic hybrid torrent with
mirror web seeds; the .torrent written, the magnet printed, the job added to the library and seeded."""

from __future__ import annotations

import sys

from modeldesk.core.adds import TorrentAdd
from modeldesk.core.paths import AppPaths
from modeldesk.core.projects import user_path
from modeldesk.core.publish_flow import PublishOptions, default_out, plan_for, publish
from modeldesk.core.units import fmt_bytes
from modeldesk.headless.output import Output


def _progress_printer():
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:  # (called once per percent)
        print(f"\rhashing {done * 100 // max(1, total):3d}%", end="" if done < total else "\n", file=sys.stderr,
              flush=True)
    return show


def publish_adds(args, output: Output, paths: AppPaths) -> list[TorrentAdd]:
    """Make and write the torrent, say where it went and its magnet; the job to add (and seed)."""
    options = PublishOptions(tuple(args.web_seed), tuple(args.tracker), args.private, args.comment or "",
                             args.v1_only, args.repo)
    plan = plan_for(args.source, options, paths)
    for rel in plan.skipped:
        output.info(f"skipped (not a regular file): {rel}")
    done = publish(plan, user_path(args.out) if args.out else default_out(plan), options, _progress_printer())
    output.result("published", "\n".join([
        f"published {done.name}: {len(plan.files)} files, {fmt_bytes(plan.total)}, "
        f"pieces of {fmt_bytes(plan.piece_size)}",
        f"torrent: {done.out}",
        f"info-hash v1: {done.btih}",
        *([f"info-hash v2: {done.btmh}"] if done.btmh else []),
        *(f"web seed: {url}" for url in plan.web_seeds),
        f"magnet: {done.magnet}",
    ]), {
        "name": done.name, "torrent": str(done.out), "magnet": done.magnet, "btih": done.btih, "btmh": done.btmh,
        "files": len(plan.files), "size": plan.total, "piece_size": plan.piece_size,
        "web_seeds": list(plan.web_seeds), "repo": plan.hub[0] if plan.hub else None,
        "commit": plan.hub[1] if plan.hub else None,
    })
    return [done.seed_add(seed=not args.no_seed)]
