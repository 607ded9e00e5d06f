"""`modeldesk list` and `modeldesk verify`: what the library holds, and whether a folder's files are whole."""

from __future__ import annotations

import json
import logging
import sys
import time
from pathlib import Path

from modeldesk.core.contracts.model_kinds import ModelKind, kind_of
from modeldesk.core.base.errors import ModelDeskError
from modeldesk.core.config.paths import default_paths
from modeldesk.core.base.units import fmt_bytes


def verify(args) -> int:
    from modeldesk.core.base.errors import FilesDamagedError
    from modeldesk.core.projects.verify import verify_folder

    try:
        result = verify_folder(Path(args.folder), default_paths())
    except ModelDeskError as exc:
        print(f"modeldesk: {exc}", file=sys.stderr)
        return exc.exit_code
    if args.json:
        print(json.dumps({"checked": result.checked, "missing": list(result.missing), "corrupt": list(result.corrupt),
                          "unverified": list(result.unverified), "ok": result.ok}))
    else:
        for rel in result.missing:
            print(f"missing: {rel}")
        for rel in result.corrupt:
            print(f"corrupt: {rel}")
        for rel in result.unverified:
            print(f"size only (no published sha256): {rel}")
        print(f"{result.checked} files checked: " + ("all good" if result.ok else
              f"{len(result.missing)} missing, {len(result.corrupt)} corrupt; run the same get again to repair"))
    return 0 if result.ok else FilesDamagedError.exit_code


def _settle_stale_states(lib, paths) -> None:
    """With no ModelDesk running the library, no job downloads or seeds: a process that was killed
    left its jobs "downloading". Say what they are now (paused, or finished if complete)."""
    from modeldesk.core.base.errors import LibraryBusyError
    from modeldesk.core.library.owner import LibraryLock
    from modeldesk.core.contracts.models import JobState

    lock = LibraryLock(paths.library_lock)
    try:
        lock.acquire("`modeldesk list`")
    except (LibraryBusyError, OSError):
        return  # running: its states are live
    try:
        active = (JobState.QUEUED, JobState.CHECKING, JobState.METADATA, JobState.DOWNLOADING, JobState.SEEDING)
        lib.mark_stopped([e.job_id for e in lib.entries() if e.state in active])
    except Exception as exc:  # a read-only or full disk: show what is recorded
        logging.getLogger(__name__).info("cannot settle stale job states: %s", exc)
    finally:
        lock.release()


def identity_of(e) -> dict:
    """What names the model's bytes: a torrent's info-hash, a hub repo's commit, a URL file's sha256."""
    return {
        ModelKind.TORRENT: lambda: {"info_hash": e.job_id},
        ModelKind.HUB_REPO: lambda: {"commit": e.source.rsplit("@", 1)[-1] if "@" in e.source else None},
        ModelKind.URL_FILE: lambda: {"sha256": e.options.get("sha256")},
    }[kind_of(e)]()


def _print_history(rows: list[dict], as_json: bool) -> int:
    if as_json:
        print(json.dumps(rows, indent=2))
        return 0
    if not rows:
        print("No job was removed from the library yet.")
        return 0
    print(f"{'REMOVED':19} {'NAME':32} {'SOURCE':8} {'SIZE':>10} {'UPLOADED':>10}  FOLDER")
    for r in rows:
        when = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(r["removed_at"]))
        print(f"{when:19} {r['name'][:32]:32} {r['source_kind']:8} {fmt_bytes(r['size']):>10} "
              f"{fmt_bytes(r['uploaded']):>10}  {r['project_dir']}")
    return 0


def list_jobs(args) -> int:
    from modeldesk.core.library.store import Library

    paths = default_paths()
    if not paths.library_db.exists():
        entries = []
    else:
        lib = Library(paths.library_db)
        try:
            if getattr(args, "history", False):
                return _print_history(lib.history(), args.json)
            _settle_stale_states(lib, paths)
            entries = lib.entries()
        finally:
            lib.close()
    if args.json:
        rows = []
        for e in entries:
            rows.append({
                "job_id": e.job_id, "kind": e.kind.value, "name": e.name, "source_kind": e.source_kind,
                "source": e.source, "project_dir": e.project_dir, "state": e.state.value,
                "progress": round(e.progress, 6), "size": e.size_wanted, "size_total": e.size_total,
                "uploaded": e.uploaded, "downloaded": e.downloaded, "ratio": round(e.ratio, 4),
                "seeding_seconds": e.seeding_seconds, "peers_served": e.peers_served,
                "peers_served_lan": e.peers_served_lan, "uploaded_lan": e.uploaded_lan,
                "uploaded_internet": e.uploaded_internet,
                "added_at": e.added_at, "finished_at": e.finished_at, "error": str(e.error),
                "include": list(e.selection.include), "exclude": list(e.selection.exclude),
                "placed_in": list(e.placed_in), **identity_of(e),
            })
        print(json.dumps(rows, indent=2))
        return 0
    if not entries:
        print("The library is empty. Add a model with: modeldesk get SOURCE --to DIR")
        return 0
    header = f"{'NAME':32} {'SOURCE':8} {'STATE':11} {'DONE':>6} {'SIZE':>10} {'UPLOADED':>10} {'RATIO':>6}  FOLDER"
    print(header)
    for e in entries:
        print(
            f"{e.name[:32]:32} {e.source_kind:8} {e.state.value:11} {e.progress * 100:5.1f}% "
            f"{fmt_bytes(e.size_wanted):>10} {fmt_bytes(e.uploaded):>10} {e.ratio:6.2f}  {e.project_dir}"
        )
        for folder in e.placed_in:
            print(f"    also placed in: {folder}")
        if e.error:
            print(f"    error: {e.error}")
    return 0
