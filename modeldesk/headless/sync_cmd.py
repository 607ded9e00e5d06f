"""`modeldesk lock [PROJECT]`, `modeldesk sync [PROJECT]` and `modeldesk sync --check [PROJECT]`."""

from __future__ import annotations

import queue
from pathlib import Path

from modeldesk.core.sources.adds import HttpAdd, HubAdd
from modeldesk.core.base.errors import BadInputError, FilesDamagedError, ModelDeskError
from modeldesk.core.contracts.hub_refs import RepoRef
from modeldesk.core.library.owner import LibraryLock
from modeldesk.core.library.store import Library
from modeldesk.core.projects.lockfile import LOCK_NAME, Lock, read_lock, write_lock
from modeldesk.core.contracts.models import Selection
from modeldesk.core.config.paths import AppPaths, default_paths
from modeldesk.core.placement.placing import parse_link_mode
from modeldesk.core.projects.project_lock import (
    ProjectState,
    check_project,
    collect_garbage,
    lock_project,
    missing_by_model,
    write_hub_manifests,
)
from modeldesk.core.projects.project_sync import (
    SyncChanges,
    edited_files,
    mark_synced,
    place_from_library,
    put_back,
    refuse_edits,
    refuse_own_files,
)
from modeldesk.core.projects.projects import user_path
from modeldesk.core.contracts.selection import glob_escape
from modeldesk.core.config.settings import Settings
from modeldesk.core.base.units import count, fmt_bytes
from modeldesk.headless.options import settings_for
from modeldesk.core.projects.project_config import project_mirrors
from modeldesk.headless.output import Output, error_text, make_output


def _project(args) -> Path:
    project = user_path(args.project or ".")
    if not project.is_dir():
        raise BadInputError(f"{project} is not a folder; name the project folder (default: the current one).")
    return project


def _library(paths: AppPaths) -> Library:
    return Library(paths.library_db)  # created empty when there is none yet: its index is still used


def lock_command(args) -> int:
    output = make_output(args.json, quiet=getattr(args, "quiet", False))
    try:
        project = _project(args)
        lib = _library(default_paths())
        try:
            lock = lock_project(project, lib, lib.blobs)
        finally:
            lib.close()
        write_lock(project / LOCK_NAME, lock)
    except ModelDeskError as exc:
        output.error(error_text(exc))
        return exc.exit_code
    files = [f for m in lock.models for f in m.files]
    output.result("locked", f"locked {count(len(lock.models), 'model')}, {count(len(files), 'file')}, "
                  f"{fmt_bytes(sum(f.size for f in files))} → {project / LOCK_NAME}",
                  {"lock": str(project / LOCK_NAME), "models": [m.name for m in lock.models], "files": len(files)})
    return 0


def _report(output: Output, state: ProjectState, event: str, project: Path) -> None:
    for rel in state.missing:
        output.info(f"missing: {rel}")
    for rel in state.differs:
        output.info(f"differs: {rel}")
    summary = (f"{len(state.ok)} files match {LOCK_NAME}" if state.clean else
               f"{len(state.missing)} missing, {len(state.differs)} differ from {LOCK_NAME}, {len(state.ok)} match")
    output.result(event, summary, {"project": str(project), "ok": len(state.ok), "missing": state.missing,
                                   "differs": state.differs, "placed": state.placed, "clean": state.clean})


def _adds(project: Path, lock: Lock, missing: list[str], mirrors: tuple[str, ...]) -> list:
    """What to fetch for the files the library could not place: a hub model from its mirrors, a plain file
    from its URLs, a torrent from its swarm (and the web seeds its magnet names)."""
    from modeldesk.core.sources.adds import TorrentAdd
    from modeldesk.core.torrent.sources import parse_magnet

    adds: list = []
    for model, files in missing_by_model(lock, missing):
        folder = str(project if model.path == "." else project / model.path)
        picks = Selection(include=tuple(glob_escape(f.path) for f in files))
        pinned = tuple((f.path, f.size, f.sha256) for f in files)  # a swarm's files are checked against these
        if model.repo and model.commit:
            ref = RepoRef(model.repo, model.commit, hub=model.hub)
            adds.append(HubAdd(ref, folder, picks, mirrors=mirrors + model.mirrors + model.also,
                               swarms=((model.commit, model.magnet),) if model.magnet else (), expected=pinned))
        elif model.urls:
            adds.append(HttpAdd(model.urls, folder, sha256=files[0].sha256))
        elif model.magnet:
            adds.append(TorrentAdd(parse_magnet(model.magnet), folder, picks, seed=False, expected=pinned))
        else:
            raise BadInputError(f"{model.name} in {LOCK_NAME} names no source to fetch it from.")
    return adds


def _fetch(args, adds: list, output: Output, paths: AppPaths, settings: Settings, lock: LibraryLock) -> int:
    from modeldesk.core.runtime.manager import Manager
    from modeldesk.headless.runner import Run, RunOptions

    events: queue.Queue = queue.Queue()
    manager = Manager(paths, settings, events.put, owner="`modeldesk sync`", lock=lock)
    return Run(manager, events, output, RunOptions(seed=False, timeout=args.timeout)).execute(adds)


def _check(project: Path, lock: Lock, paths: AppPaths, output: Output) -> int:
    lib = _library(paths)
    try:
        state = check_project(project, lock, lib.blobs, trust_index=False)
    finally:
        lib.close()
    _report(output, state, "checked", project)
    return 0 if state.clean else FilesDamagedError.exit_code


def _prepare(args, project: Path, lock: Lock, paths: AppPaths, settings: Settings) -> SyncChanges:
    """Everything that may refuse first (our own files in the lock, the user's edits without --force),
    then the placements from the library and the old files of what must be fetched set aside."""
    refuse_own_files(project, lock)
    lib = _library(paths)
    try:
        edited = edited_files(project, lock, lib.blobs)
        if edited and not args.force:
            refuse_edits(edited, project)
        return place_from_library(project, lock, lib.blobs, parse_link_mode(settings.link_mode))
    finally:
        lib.close()


def _put_back(changes: SyncChanges, paths: AppPaths, output: Output) -> None:
    lib = _library(paths)
    try:
        back = put_back(changes, lib.blobs)
    finally:
        lib.close()
    for dest in back:
        output.info(f"put back as it was: {dest}")


def sync_command(args) -> int:
    output = make_output(args.json, quiet=getattr(args, "quiet", False))
    owner = None
    try:
        project = _project(args)
        lock = read_lock(project / LOCK_NAME)
        paths = default_paths()
        if args.check:
            return _check(project, lock, paths, output)
        settings = settings_for(args, paths)
        owner = LibraryLock(paths.ensure().library_lock)  # before anything moves: the app may hold it
        owner.acquire("`modeldesk sync`")
        changes = _prepare(args, project, lock, paths, settings)
        for rel, how in changes.state.placed.items():
            output.info(f"placed from the library ({how}): {rel}")
        for rel, where in changes.edited.items():
            output.info(f"your edited {rel} was moved to {where} (--force)")
        missing = changes.state.missing
        mirrors = tuple(args.mirror) + project_mirrors(project)  # once, then the project's modeldesk.toml
        try:
            adds = _adds(project, lock, missing, mirrors) if missing else []
            code = _fetch(args, adds, output, paths, settings, owner) if adds else 0
        except BaseException:
            _put_back(changes, paths, output)
            raise
        if code != 0:
            _put_back(changes, paths, output)
            return code
        lib = _library(paths)
        try:
            final = check_project(project, lock, lib.blobs, trust_index=True)
            mark_synced(project, lock, lib.blobs, final)
        finally:
            lib.close()
        final.placed = changes.state.placed
        write_hub_manifests(project, lock)
        _report(output, final, "synced", project)
        return 0 if final.clean else FilesDamagedError.exit_code
    except ModelDeskError as exc:
        output.error(error_text(exc))
        return exc.exit_code
    finally:
        if owner is not None:
            owner.release()


def gc_command(args) -> int:
    output = make_output(args.json, quiet=getattr(args, "quiet", False))
    try:
        lib = _library(default_paths())
        try:
            garbage = collect_garbage(lib.blobs, dry_run=args.dry_run)
        finally:
            lib.close()
    except ModelDeskError as exc:
        output.error(error_text(exc))
        return exc.exit_code
    for path in garbage.removed:
        output.info(("would remove: " if args.dry_run else "removed: ") + path)
    for path in garbage.left:
        output.info(f"left alone (not a version ModelDesk kept; delete it yourself if you do not need it): {path}")
    verb = "would free" if args.dry_run else "freed"
    output.result("gc", f"{verb} {fmt_bytes(garbage.freed)} ({len(garbage.removed)} kept versions no lock names)",
                  {"removed": garbage.removed, "freed": garbage.freed, "dry_run": args.dry_run, "left": garbage.left})
    return 0
