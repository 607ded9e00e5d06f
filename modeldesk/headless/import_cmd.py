"""`modeldesk import DIR --source hf://org/name[@rev]` (or ms://owner/name[@rev]): a folder already on
disk (fetched by `hf download --local-dir` or modelscope's, rsync, a colleague's disk) checked file by
file against the hub's listing and, when it is whole, added to the library as that repo at that commit:
then it can be locked, placed, published and seeded like anything ModelDesk downloaded. `--torrent FILE`
checks it against a torrent instead (as `seed --from`, without staying to seed unless asked)."""

from __future__ import annotations

from pathlib import Path

from modeldesk.core.sources.hub_access import HubAccess
from modeldesk.core.contracts.source_kind import SourceKind
from modeldesk.core.base.errors import BadInputError, FilesDamagedError, ModelDeskError
from modeldesk.core.contracts.hub_refs import HubFile, RepoRef
from modeldesk.core.http.hub_plan import HubListing, hub_job_id, manifest_entry
from modeldesk.core.base.digests import file_matches
from modeldesk.core.library.manifest import write_manifest
from modeldesk.core.library.owner import LibraryLock
from modeldesk.core.library.store import Library
from modeldesk.core.contracts.models import FileEntry, JobKind, Selection
from modeldesk.core.config.paths import AppPaths, default_paths
from modeldesk.core.base.pathsafety import resolve_inside
from modeldesk.core.projects.projects import user_path
from modeldesk.core.config.settings import load_settings
from modeldesk.core.base.units import fmt_bytes
from modeldesk.headless.output import Output, error_text, make_output


def _check(folder: Path, files: tuple[HubFile, ...]) -> tuple[list[str], list[str]]:
    missing, corrupt = [], []
    for f in files:
        path = resolve_inside(folder, f.path)
        if not path.is_file():
            missing.append(f.path)
        elif not file_matches(path, f.size, f.sha256, None if f.sha256 else f.blob_sha1 or None):
            corrupt.append(f.path)
    return missing, corrupt


def _record(paths: AppPaths, folder: Path, listing: HubListing, mirrors: list[str]) -> str:
    """The library row, finished, the manifest, and the index of contents, under the library's owner lock."""
    repo, commit, hub = listing.ref.repo_id, listing.commit, listing.ref.hub
    job_id = hub_job_id(repo, folder, hub)
    lock = LibraryLock(paths.ensure().library_lock)
    lock.acquire("`modeldesk import`")
    try:
        lib = Library(paths.library_db)
        try:
            lib.add_job(job_id=job_id, kind=JobKind.HTTP, name=repo, source_kind=SourceKind.HUB,
                        source=str(RepoRef(repo, commit, hub=hub)),
                        torrent=None, project_dir=str(folder), selection=Selection(),
                        options={"mirrors": mirrors, "connections": None, "limits": [0, 0]})
            total = sum(f.size for f in listing.files)
            lib.set_metadata(job_id, repo, [FileEntry(i, f.path, f.size) for i, f in enumerate(listing.files)],
                             total, total)
            lib.mark_finished(job_id)
            index = lib.blobs
            for f in listing.files:
                if f.sha256:  # checked just now
                    index.remember(folder / f.path, f.sha256, ours=True)  # the repo's own bytes
        finally:
            lib.close()
    finally:
        lock.release()
    write_manifest(folder, repo, {"kind": hub, "repo": repo, "revision": listing.ref.revision, "commit": commit,
                                  "mirrors": mirrors}, [manifest_entry(f) for f in listing.files])
    return job_id


def _import_hub(args, folder: Path, output: Output) -> int:
    from modeldesk.core.sources.intake import resolve_source

    paths = default_paths()
    http = load_settings(paths.settings_file).http
    resolved = resolve_source(args.source, tuple(args.mirror), http)
    if resolved.hub is None:
        raise BadInputError("--source takes a hub repo: hf://org/name[@revision], ms://owner/name[@revision], or "
                            "its URL on a hub or mirror.")
    listing = resolved.hub
    missing, corrupt = _check(folder, listing.files)
    for rel in missing:
        output.info(f"missing: {rel}")
    for rel in corrupt:
        output.info(f"corrupt: {rel}")
    name = f"{listing.ref.repo_id}@{listing.commit[:12]}"
    if missing or corrupt:
        output.result("import_failed", f"{folder} is not a whole copy of {name}: {len(missing)} missing, "
                      f"{len(corrupt)} corrupt. Fetch just those with: modeldesk get "
                      f"{RepoRef(listing.ref.repo_id, listing.commit, hub=listing.ref.hub)} --to {folder}",
                      {"folder": str(folder), "repo": listing.ref.repo_id, "commit": listing.commit,
                       "missing": missing, "corrupt": corrupt})
        return FilesDamagedError.exit_code
    mirrors = HubAccess(http).endpoints(listing.ref, args.mirror)
    job_id = _record(paths, folder, listing, mirrors)
    output.result("imported", f"imported {name} ({len(listing.files)} files, "
                  f"{fmt_bytes(sum(f.size for f in listing.files))}) from {folder}; every file checked",
                  {"folder": str(folder), "repo": listing.ref.repo_id, "commit": listing.commit, "job_id": job_id,
                   "files": len(listing.files)})
    return 0


def import_command(args) -> int:
    output = make_output(args.json, quiet=getattr(args, "quiet", False))
    try:
        folder = user_path(args.folder)
        if not folder.is_dir():
            raise BadInputError(f"{folder} is not a folder.")
        if not args.source:
            raise BadInputError("import needs --source hf://org/name[@revision] or --torrent FILE.")
        return _import_hub(args, folder, output)
    except ModelDeskError as exc:
        output.error(error_text(exc))
        return exc.exit_code
