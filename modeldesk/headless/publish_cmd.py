"""`modeldesk publish SOURCE`: a model folder (or a library job's) as a deterministic hybrid torrent with
mirror web seeds; the .torrent written, the magnet printed, the job added to the library and seeded."""

from __future__ import annotations

import sys
from pathlib import Path

from modeldesk.core.adds import TorrentAdd
from modeldesk.core.atomic import atomic_write
from modeldesk.core.errors import BadInputError
from modeldesk.core.models import JobKind
from modeldesk.core.paths import AppPaths
from modeldesk.core.pathsafety import USER_PATH, short
from modeldesk.core.projects import user_path
from modeldesk.core.publishing import PublishPlan, plan_publish
from modeldesk.core.units import fmt_bytes
from modeldesk.headless.output import Output


def _library_folder(text: str, paths: AppPaths) -> tuple[Path, str | None] | None:
    """A finished library job named by its id or name: its model folder and, for a hub job, its repo."""
    if not paths.library_db.exists():
        return None
    from modeldesk.core.library.store import Library

    lib = Library(paths.library_db)
    try:
        matches = [e for e in lib.entries() if text in (e.job_id, e.name)]
        torrents = {e.job_id: lib.torrent_bytes(e.job_id) for e in matches if e.kind is JobKind.BT}
    finally:
        lib.close()
    if not matches:
        return None
    if len(matches) > 1:
        raise BadInputError(f"Several library jobs are named {text!r}; publish one by its folder or job id.")
    e = matches[0]
    if e.kind is JobKind.BT:
        from modeldesk.core.torrent.publish import magnet_of

        torrent = torrents[e.job_id]
        link = magnet_of(torrent) if torrent else e.source
        raise BadInputError(f"{e.name} already is a torrent; share it with: {link}")
    if e.progress < 1.0:
        raise BadInputError(f"{e.name} is not complete yet ({e.progress * 100:.0f}%); publish it once it is.")
    if e.source_kind == "hf":
        return Path(e.project_dir), e.name
    return Path(e.project_dir), None


def _plan(args, paths: AppPaths) -> PublishPlan:
    source = args.source
    folder = user_path(source)
    repo = args.repo
    if not folder.is_dir():
        found = _library_folder(source, paths)
        if found is None:
            raise BadInputError(f"{short(source, USER_PATH)} is neither a folder nor a job of the library "
                                "(see `modeldesk list`).")
        folder, repo = found[0], repo or found[1]
    return plan_publish(folder, tuple(args.web_seed), repo)


def _out_path(args, plan: PublishPlan) -> Path:
    if args.out:
        return user_path(args.out)
    return plan.folder.parent / f"{plan.folder.name}.torrent"


def _write(out: Path, torrent: bytes) -> None:
    """A .torrent already there with other bytes is the user's: it is not replaced."""
    if out.exists():
        if out.is_file() and out.read_bytes() == torrent:
            return
        raise BadInputError(f"{short(str(out), USER_PATH)} already exists and holds another torrent; "
                            "pass --out FILE to write this one elsewhere.")
    try:
        atomic_write(out, torrent, mode=0o644)
    except OSError as exc:
        raise BadInputError(f"{short(str(out), USER_PATH)} cannot be written: {exc.strerror}.") from None


def _progress_printer():
    if not sys.stderr.isatty():
        return None
    step = {"shown": -1}

    def show(done: int, total: int) -> None:
        pct = done * 100 // max(1, total)
        if pct != step["shown"]:
            step["shown"] = pct
            print(f"\rhashing {pct:3d}%", end="" if done < total else "\n", file=sys.stderr, flush=True)
    return show


def publish_adds(args, output: Output, paths: AppPaths) -> list[TorrentAdd]:
    """Make and write the torrent, say where it went and its magnet; the job to add (and seed)."""
    from modeldesk.core.torrent.publish import build_torrent, info_hashes, magnet_of
    from modeldesk.core.torrent.sources import parse_torrent_bytes

    plan = _plan(args, paths)
    for rel in plan.skipped:
        output.info(f"skipped (not a regular file): {rel}")
    torrent = build_torrent(plan, tuple(args.tracker), args.private, args.comment or "", _progress_printer(),
                            v1_only=args.v1_only)
    out = _out_path(args, plan)
    _write(out, torrent)
    v1, v2 = info_hashes(torrent)
    shown_name = plan.hub[0] if plan.hub else plan.name
    magnet = magnet_of(torrent, shown_name)
    output.result("published", "\n".join([
        f"published {shown_name}: {len(plan.files)} files, {fmt_bytes(plan.total)}, "
        f"pieces of {fmt_bytes(plan.piece_size)}",
        f"torrent: {out}",
        f"info-hash v1: {v1}",
        *([f"info-hash v2: {v2}"] if v2 else []),
        *(f"web seed: {url}" for url in plan.web_seeds),
        f"magnet: {magnet}",
    ]), {
        "name": shown_name, "torrent": str(out), "magnet": magnet, "btih": v1, "btmh": v2,
        "files": len(plan.files), "size": plan.total, "piece_size": plan.piece_size,
        "web_seeds": list(plan.web_seeds), "repo": plan.hub[0] if plan.hub else None,
        "commit": plan.hub[1] if plan.hub else None,
    })
    source = parse_torrent_bytes(torrent, str(out))
    save = plan.folder if plan.flat else plan.folder.parent
    return [TorrentAdd(source, str(save), seed=not args.no_seed, rename_incomplete=False)]
