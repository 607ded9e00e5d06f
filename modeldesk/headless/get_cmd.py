"""`modeldesk get`: its sources as add requests (--revision, --url, --sha256 applied), and --dry-run:
what it would fetch (files and bytes), read without downloading a byte of model data. Hub repos are
pinned and listed, .torrent files read; a magnet's file list comes from peers and a plain URL's size
from its server, so those two say so instead."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from modeldesk.core.sources.adds import HttpAdd, HubAdd, TorrentAdd, check_sha256
from modeldesk.core.base.errors import BadInputError
from modeldesk.core.config.hf_env import hub_cache_dir
from modeldesk.core.sources.intake import Resolved, build_add, resolve_source
from modeldesk.core.library.manifest import hub_sources_in
from modeldesk.core.projects.projects import user_path
from modeldesk.core.contracts.models import Selection
from modeldesk.core.config.secrets import load_proxy
from modeldesk.core.contracts.selection import is_selected
from modeldesk.core.config.settings import HttpSettings, Settings
from modeldesk.core.base.units import fmt_bytes
from modeldesk.headless.output import Output


def _wanted(resolved: Resolved, selection: Selection) -> list[tuple[str, int]]:
    if resolved.hub is not None:
        narrowed = resolved.hub.ref.narrowed(selection)
        return [(f.path, f.size) for f in resolved.hub.files if is_selected(f.path, narrowed)]
    top = resolved.torrent.name if resolved.torrent is not None else ""
    return [(f.path, f.size) for f in resolved.files if is_selected(f.path, selection, top)]


def _here(project: Path, path: str, size: int) -> bool:
    f = project / path
    return f.is_file() and f.stat().st_size == size


def get_adds(args, http: HttpSettings | None = None) -> list:
    """`get`'s sources through the one intake (core.intake.build_add), then --url/--sha256 for a file URL.
    `http`: the settings whose hub mirrors' URLs are read as repos of their hub."""
    selection = Selection(tuple(args.include), tuple(args.exclude))
    conns = None if args.connections is None else max(1, args.connections)
    adds: list = []
    seen: dict[str, int] = {}  # a torrent's job id -> its place in adds
    for text in (_with_revision(t, args.revision) for t in args.sources):
        add = build_add(text, args.to, selection, not args.no_seed, tuple(args.mirror), conns, args.stall_timeout,
                        http=http)
        if isinstance(add, TorrentAdd):
            if (at := seen.get(add.source.job_id)) is not None:
                adds[at] = _together(adds[at], add)  # the same torrent twice (a magnet and its .torrent)
                continue
            seen[add.source.job_id] = len(adds)
        adds.append(add)
    if args.hub_cache is not None or args.ms_cache is not None:
        adds = _into_hub_cache(adds, args.hub_cache, args.ms_cache)
    files = [a for a in adds if isinstance(a, HttpAdd)]
    if args.url or args.sha256:
        if len(files) != 1:
            raise BadInputError("--url and --sha256 go with exactly one file URL.")
        one = dataclasses.replace(files[0], urls=(*files[0].urls, *args.url), sha256=check_sha256(args.sha256))
        adds = [one if a is files[0] else a for a in adds]
    return adds


def _together(a: TorrentAdd, b: TorrentAdd) -> TorrentAdd:
    """One job of a torrent given twice: the .torrent's metadata, and the magnet's peers (x.pe),
    trackers and web seeds (the link is merged into the add when it starts)."""
    meta = a if a.source.has_metadata else b
    link = next((x.source.text for x in (a, b) if x.source.text.startswith("magnet:")), meta.source.text)
    return dataclasses.replace(meta, source=dataclasses.replace(meta.source, text=link))


def _into_hub_cache(adds: list, cache: str | None, ms_cache: str | None = None) -> list:
    """--hub-cache [CACHE] and --ms-cache [CACHE]: each Hugging Face or ModelScope repo is placed into
    its hub's cache too once it is complete."""
    for given, hub, flag, form in ((cache, "hf", "--hub-cache", "hf://org/name"),
                                   (ms_cache, "ms", "--ms-cache", "ms://owner/name")):
        if given is not None and not any(isinstance(a, HubAdd) and a.ref.hub == hub for a in adds):
            raise BadInputError(f"{flag} goes with hub repos on {'Hugging Face' if hub == 'hf' else 'ModelScope'} "
                                f"({form} or its URL).")
    folders = {"hf": None if cache is None else str(_cache_folder(cache)),
               "ms": None if ms_cache is None else str(_ms_cache_folder(ms_cache))}
    return [dataclasses.replace(a, hub_cache=folders[a.ref.hub]) if isinstance(a, HubAdd) and folders[a.ref.hub]
            else a for a in adds]


def _cache_folder(cache: str) -> Path:
    """--hub-cache's folder: the one named, else huggingface_hub's own (HF_HUB_CACHE, HF_HOME/hub)."""
    return Path(cache).expanduser().absolute() if cache else hub_cache_dir()


def _ms_cache_folder(cache: str) -> Path:
    """--ms-cache's folder: the one named, else the official modelscope client's (MODELSCOPE_CACHE)."""
    from modeldesk.core.library.ms_cache import ms_cache_dir

    return Path(cache).expanduser().absolute() if cache else ms_cache_dir()


def report_hub_cache(project: str, cache: str | None, ms_cache: str | None, output: Output) -> None:
    """Where each hub repo of a completed folder is in its hub's cache (nothing when placing it failed:
    the job's finish carried a notice that said why)."""
    from modeldesk.core.library import hf_cache, ms_cache as msc

    for source in hub_sources_in(Path(project), ("hf", "ms")):
        if source.get("kind") == "ms" and ms_cache is not None:
            snapshot = _ms_cache_folder(ms_cache) / msc.repo_folder(source["repo"]) / "snapshots" / source["commit"]
        elif source.get("kind") == "hf" and cache is not None:
            snapshot = _cache_folder(cache) / hf_cache.repo_folder(source["repo"]) / "snapshots" / source["commit"]
        else:
            continue
        if snapshot.is_dir():
            output.result("hub_cache", f"{source['repo']} is in the hub cache: {snapshot}",
                          {"repo": source["repo"], "snapshot": str(snapshot)})


def _with_revision(text: str, revision: str | None) -> str:
    """--revision for an hf:// or ms:// source that names none (hf://org/name → hf://org/name@REV)."""
    if revision and text.startswith(("hf://", "ms://", "modelscope://")) and "@" not in text:
        return f"{text.rstrip('/')}@{revision}"
    return text


def dry_run(args, settings: Settings, output: Output) -> int:
    """Blocking (network reads of listings and .torrent URLs). Prints one block per source."""
    proxy = load_proxy(settings.proxy)
    project, selection = user_path(args.to), Selection(tuple(args.include), tuple(args.exclude))
    for text in (_with_revision(t, args.revision) for t in args.sources):
        resolved = resolve_source(text, tuple(args.mirror), settings.http, proxy, project_dir=str(project))
        if not resolved.files:
            what = ("its file list comes from peers once the download starts" if resolved.kind.is_torrent
                    else "its size is known once the server answers")
            output.result("dry_run", f"{resolved.name}: {what}; nothing is listed ahead",
                          {"source": text, "name": resolved.name, "files": None})
            continue
        wanted = _wanted(resolved, selection)
        fetch = {p: s for p, s in wanted if not _here(project, p, s)}
        lines = [f"  {'fetch' if p in fetch else 'have '} {fmt_bytes(s):>10}  {p}" for p, s in wanted]
        total = sum(fetch.values())
        lines.append(f"{resolved.name}: would fetch {len(fetch)} of {len(wanted)} selected files, "
                     f"{fmt_bytes(total)} (of {len(resolved.files)} files in all) into {project}")
        output.result("dry_run", "\n".join(lines), {
            "source": text, "name": resolved.name, "project_dir": str(project),
            "files": [{"path": p, "size": s, "fetch": p in fetch} for p, s in wanted],
            "fetch_bytes": total, "fetch_files": len(fetch)})
    return 0
