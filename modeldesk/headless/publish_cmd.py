"""`modeldesk publish SOURCE`: a model folder (or a library job's) as a deterministic hybrid torrent with
mirror web seeds; the .torrent written, the magnet printed, the job added to the library and seeded.
What will be published (and what is left out) is said before anything is hashed; `--dry-run` lists it
all and stops there."""

from __future__ import annotations

import sys

from modeldesk.core.sources.adds import TorrentAdd
from modeldesk.core.config.paths import AppPaths
from modeldesk.core.projects.projects import user_path
from modeldesk.core.publish.publish_flow import PublishOptions, default_out, plan_for, publish
from modeldesk.core.publish.publishing import PublishPlan
from modeldesk.core.base.units import fmt_bytes
from modeldesk.headless.output import Output

FIRST_FILES = 10  # files named before hashing; --dry-run names them all


def _progress_printer():
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:  # (called once per percent)
        print(f"\rhashing {done * 100 // max(1, total):3d}%", end="" if done < total else "\n", file=sys.stderr,
              flush=True)
    return show


def _options(args) -> PublishOptions:
    return PublishOptions(tuple(args.web_seed), tuple(args.tracker), args.private, args.comment or "",
                          args.v1_only, args.repo, args.include_hidden)


def plan_lines(plan: PublishPlan, every: bool) -> list[str]:
    """What goes into the torrent and what stays home, in the words the user reads before hashing."""
    shown = plan.files if every else plan.files[:FIRST_FILES]
    lines = [f"to publish from {plan.folder}: {len(plan.files)} files, {fmt_bytes(plan.total)}"]
    lines += [f"  {rel}  ({fmt_bytes(size)})" for rel, size in shown]
    if len(shown) < len(plan.files):
        lines.append(f"  … and {len(plan.files) - len(shown)} more (all of them with --dry-run)")
    if plan.hidden:
        lines.append(f"left out, hidden ({len(plan.hidden)}; --include-hidden publishes them): "
                     + ", ".join(plan.hidden if every else plan.hidden[:FIRST_FILES])
                     + ("" if every or len(plan.hidden) <= FIRST_FILES else ", …"))
    lines += [f"skipped (not a regular file): {rel}" for rel in plan.skipped]
    return lines


def _plan_json(plan: PublishPlan) -> dict:
    return {"folder": str(plan.folder), "files": [{"path": p, "size": s} for p, s in plan.files],
            "size": plan.total, "hidden_left_out": list(plan.hidden), "skipped": list(plan.skipped)}


def publish_dry_run(args, output: Output, paths: AppPaths) -> int:
    plan = plan_for(args.source, _options(args), paths)
    output.result("dry_run", "\n".join(plan_lines(plan, every=True)), _plan_json(plan))
    return 0


def publish_adds(args, output: Output, paths: AppPaths) -> list[TorrentAdd]:
    """Make and write the torrent, say where it went and its magnet; the job to add (and seed)."""
    options = _options(args)
    plan = plan_for(args.source, options, paths)
    for line in plan_lines(plan, every=False):
        output.info(line)
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
        "commit": plan.hub[1] if plan.hub else None, "hidden_left_out": list(plan.hidden),
    })
    return [done.seed_add(seed=not args.no_seed)]
