"""Turn a hub repository reference into the files to fetch: pin the revision to a commit, list the
files, apply the selection, and give every file one URL per mirror (the layout of
`hf download --local-dir`: each file lands at DIR/<path in repo>)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from modeldesk.core.config.credentials import Credentials
from modeldesk.core.base.errors import BadInputError
from modeldesk.core.http.downloader import FileSpec
from modeldesk.core.http.prober import probe_all
from modeldesk.core.contracts.hub_refs import HubFile, HubKey, RepoRef
from modeldesk.core.http.hub import HubClient
from modeldesk.core.base.urls import is_http_url, split_url
from modeldesk.core.http.hub_api import api_for_source, api_of, hub_apis
from modeldesk.core.http.hub_pairs import Alternate, pairing_note
from modeldesk.core.base.messages import N_, Message
from modeldesk.core.contracts.models import Selection
from modeldesk.core.config.proxy import Proxy
from modeldesk.core.contracts.selection import is_selected


@dataclass(frozen=True)
class HubPlan:
    job_id: str
    name: str
    commit: str
    endpoints: tuple[str, ...]
    files: tuple[FileSpec, ...]  # the selected files
    skipped: tuple[FileSpec, ...]  # the rest of the repo, to be picked later in the Files tab
    manifest_files: tuple[dict, ...]  # one entry per file of the repo, selected or not
    note: Message | None = None  # which files also come from another hub's repo (hub_pairs.py)


@dataclass(frozen=True)
class HubListing:
    """A repo pinned to its commit and listed: what the add dialog previews is exactly what gets added."""

    ref: RepoRef
    commit: str
    files: tuple[HubFile, ...]


def list_repo(ref: RepoRef, endpoints: list[str], credentials: Credentials | None = None,
              proxy: Proxy | None = None) -> HubListing:
    client = HubClient(endpoints, credentials=credentials, proxy=proxy)
    commit = client.resolve(ref)
    return HubListing(ref, commit, tuple(client.list_files(ref, commit)))


def hub_endpoints(ref: RepoRef, mirrors: tuple[str, ...], use_official: bool) -> list[str]:
    """The URL's own host, then --mirror and settings mirrors, then the endpoint the hub's own client
    reads from the environment (HF_ENDPOINT, MODELSCOPE_ENDPOINT), which stands in for the official
    hub as it does for that client; else the official hub (unless turned off)."""
    api = api_of(ref)
    env = api.env_endpoints()
    mirrors = tuple(m for m in mirrors if api_for_source(m) is None)  # a hub repo given as a mirror: hub_pairs.py
    eps = ([ref.endpoint] if ref.endpoint else []) + [m for m in mirrors if not _another_hubs(m, api)] + env
    if use_official and not env:
        eps.append(api.official)
    eps = list(dict.fromkeys(e.rstrip("/") for e in eps))
    if not eps:
        raise BadInputError(N_("No hub endpoint to ask: add a mirror, or turn the official hub back on."),
                            hint="mirror")
    return eps


def _another_hubs(endpoint: str, api) -> bool:
    """A mirror on a host another hub claims (hf-mirror.com for a ModelScope repo, modelscope.cn for a
    Hugging Face one) is not asked: a mirror given for every hub model (`sync --mirror`) serves its own."""
    host = split_url(endpoint).netloc if is_http_url(endpoint) else ""
    return any(host in other.known_hosts or host in {split_url(e).netloc for e in other.env_endpoints()}
               for other in hub_apis() if other.scheme != api.scheme)


def hub_mirrors_of(hub: HubKey | None, mirrors: tuple[str, ...], use_official: bool) -> tuple[str, ...]:
    """The hubs a torrent that names its repo and commit can ask: every mirror of its hub the user knows
    (--mirror, settings, HF_ENDPOINT or MODELSCOPE_ENDPOINT, the official hub); none when it names no repo."""
    if hub is None:
        return ()
    try:
        return tuple(hub_endpoints(hub.ref(), mirrors, use_official))
    except BadInputError:
        return ()


def hub_web_seeds(hub: HubKey | None, mirrors: tuple[str, ...], use_official: bool) -> tuple[str, ...]:
    """BEP 19 seeds for a torrent that names its hub repo and commit: its name is the commit, so the
    hub's resolve prefix (`ENDPOINT/org/name/resolve/` on Hugging Face) + name + "/" + path is each
    file's URL on every mirror of its hub the user knows; redirects to CDNs are followed."""
    if hub is None:
        return ()
    api = api_of(hub.ref())
    return tuple(api.web_seed(ep, hub.repo) for ep in hub_mirrors_of(hub, mirrors, use_official))


def hub_job_id(repo_id: str, project: Path, hub: str = "hf") -> str:
    """One library job per repo and folder: a `get` or `import` of it there again is the same job.
    (A Hugging Face repo keeps the id it always had; another hub's repo of the same name is another job.)"""
    key = f"{repo_id}|{project}" if hub == "hf" else f"{hub}|{repo_id}|{project}"
    return f"{hub}-" + hashlib.sha1(key.encode()).hexdigest()[:24]


def manifest_entry(f: HubFile) -> dict:
    """A listed file as the manifest records it: size, and sha256 (LFS) or the git blob id."""
    entry: dict = {"path": f.path, "size": f.size}
    entry.update({"sha256": f.sha256} if f.sha256 else {"git_sha1": f.blob_sha1} if f.blob_sha1 else {})
    return entry


def plan_hub_job(ref: RepoRef, project: Path, selection: Selection, endpoints: list[str],
                 credentials: Credentials | None = None, listing: HubListing | None = None,
                 proxy: Proxy | None = None, alternates: tuple[Alternate, ...] = ()) -> HubPlan:
    """`listing`: the repo as a preview already pinned and listed it (else it is asked for now).
    `alternates`: the same model on other hubs; a file with the same sha256 there has their URLs too."""
    if listing is None or listing.ref != ref:
        listing = list_repo(ref, endpoints, credentials, proxy)
    commit, listed, api = listing.commit, list(listing.files), api_of(ref)
    chosen = [f for f in listed if is_selected(f.path, selection)]
    if not chosen:
        raise BadInputError(N_("Your --include/--exclude patterns match none of the {listed_count} files of "
                               "{repo_id}."), listed_count=len(listed), repo_id=ref.repo_id)
    if len(endpoints) > 1:
        # Rank the mirrors on the biggest chosen file: every file lists the fastest healthy one first.
        biggest = max(chosen, key=lambda f: f.size)
        probe_urls = {ep: api.file_url(ep, ref.repo_id, commit, biggest.path) for ep in endpoints}
        order = {r.url: i for i, r in enumerate(probe_all(list(probe_urls.values()), credentials,
                                                                   proxy=proxy))}
        endpoints = sorted(endpoints, key=lambda ep: order[probe_urls[ep]])
    specs: list[FileSpec] = []
    skipped: list[FileSpec] = []
    manifest: list[dict] = []
    chosen_paths = {f.path for f in chosen}
    shared: set[str] = set()
    for f in listed:
        urls = tuple(api.file_url(ep, ref.repo_id, commit, f.path) for ep in endpoints)
        if f.sha256 and (more := tuple(u for a in alternates for u in a.urls_of(f.sha256))):
            urls += more
            shared.add(f.path)
        git = None if f.sha256 else f.blob_sha1 or None
        spec = FileSpec(urls, project / f.path, f.size, f.sha256, git, f.xet)
        (specs if f.path in chosen_paths else skipped).append(spec)
        manifest.append(manifest_entry(f))
    note = pairing_note(ref.repo_id, chosen, shared, list(alternates), api.label)
    return HubPlan(hub_job_id(ref.repo_id, project, ref.hub), ref.repo_id, commit, tuple(endpoints), tuple(specs),
                   tuple(skipped), tuple(manifest), note)
