"""Hugging Face-style hubs: repo references, revision → commit, file listings with LFS sha256.

Speaks the hub's HTTP API as huggingface_hub does (GET /api/models/{repo}/revision/{rev},
GET /api/models/{repo}/tree/{commit}?recursive=true with Link pagination, files under
/{repo}/resolve/{commit}/{path}) against any HF-compatible endpoint, trying each mirror in turn.
"""

from __future__ import annotations

from urllib.parse import quote, unquote

import requests

from modeldesk.core.config.credentials import Credentials
from modeldesk.core.config.hf_env import hub_offline
from modeldesk.core.contracts.hub_refs import HubFile, RepoRef
from modeldesk.core.base.errors import AccessDeniedError, BadInputError, BadSourceError, ModelDeskError, NetworkError
from modeldesk.core.config.proxy import Proxy
from modeldesk.core.http.client import new_session
from modeldesk.core.http.status import raise_for_status
from modeldesk.core.base.messages import N_, Message
from modeldesk.core.base.pathsafety import check_layout, check_relative_path
from modeldesk.core.base.repo_ids import COMMIT, DATASETS, api_root, is_repo_id
from modeldesk.core.contracts.selection import glob_escape
from modeldesk.core.base.urls import is_http_url, split_url

OFFICIAL_ENDPOINT = "https://huggingface.co"
KNOWN_HUB_HOSTS = {"huggingface.co", "hf.co", "hf-mirror.com"}


def _repo_id(parts: list[str], text: str) -> str:
    repo_id = "/".join(parts)
    if len(parts) != 2 or not is_repo_id(repo_id):
        raise BadSourceError(N_("{text!r} does not name a repository (expected org/name or datasets/org/name)."),
                             text=text)
    return repo_id


_IN_REPO = ("tree", "blob", "resolve")  # …/org/name/<what>/REV[/path]


def _url_parts(segs: list[str]) -> tuple[str, list[str]]:
    """("datasets/", the segments after it) for a dataset URL, ("", segs) for a model's."""
    if segs[:1] == ["datasets"]:
        return DATASETS, segs[1:]
    return "", segs


def is_hub_url(text: str, hosts: set[str] | frozenset[str]) -> bool:
    """hf://…, a repo or a file or folder in it on one of `hosts` (core.sources.classify.hub_hosts: the
    hub, HF_ENDPOINT, the mirrors the user named), or on any host a URL with /tree/, /blob/ or
    /resolve/ after org/name."""
    if text.startswith("hf://"):
        return True
    if not is_http_url(text):
        return False
    parts = split_url(text)
    _, segs = _url_parts([s for s in parts.path.split("/") if s])
    in_repo = len(segs) >= 4 and segs[2] in _IN_REPO
    return in_repo or (parts.netloc in hosts and len(segs) == 2)


def parse_repo_ref(text: str) -> RepoRef:
    """hf://[datasets/]org/name[@rev], or https://HOST/[datasets/]org/name[/tree/REV[/folder]] and
    …/blob/REV/file or …/resolve/REV/file, on the hub or any mirror."""
    if text.startswith("hf://"):
        body, _, rev = text[len("hf://"):].strip("/").partition("@")
        prefix, parts = _url_parts(body.split("/"))
        if len(parts) != 2:
            raise BadSourceError(N_("{text!r}: write hf://org/name, hf://org/name@revision or "
                                    "hf://datasets/org/name."), text=text)
        return RepoRef(prefix + _repo_id(parts, text), rev or "main")
    url = split_url(text)
    endpoint = f"{url.scheme}://{url.netloc}"
    prefix, segs = _url_parts([unquote(s) for s in url.path.split("/") if s])
    if segs[:1] == ["spaces"]:
        raise BadSourceError(N_("{text!r} is a Space (an app), not a model or dataset repository."), text=text)
    if len(segs) == 2:
        return RepoRef(prefix + _repo_id(segs, text), "main", endpoint)
    if len(segs) >= 4 and segs[2] in _IN_REPO:
        repo_id, rev, inner = prefix + _repo_id(segs[:2], text), segs[3], "/".join(segs[4:])
        if inner:
            check_relative_path(inner, text)
        if segs[2] == "tree":
            return RepoRef(repo_id, rev, endpoint, glob_escape(inner) + "/" if inner else "")
        if not inner:
            raise BadSourceError(N_("{text!r} names no file (…/{form}/REVISION/path/to/file)."),
                                 text=text, form=segs[2])
        return RepoRef(repo_id, rev, endpoint, glob_escape(inner))
    raise BadSourceError(N_("{text!r} is not a repository URL (…/org/name, …/org/name/tree/REV, "
                            "…/org/name/blob/REV/file)."), text=text)


def file_url(endpoint: str, repo_id: str, commit: str, path: str) -> str:
    return f"{endpoint}/{repo_id}/resolve/{commit}/{quote(path)}"


class HubClient:
    """Metadata calls against a list of endpoints; the first that answers wins."""

    def __init__(self, endpoints: list[str], timeout: float = 20.0, credentials: Credentials | None = None,
                 proxy: Proxy | None = None):
        self.endpoints = list(dict.fromkeys(e.rstrip("/") for e in endpoints))
        self._timeout = timeout
        self._credentials = credentials
        self._proxy = proxy or Proxy()

    def _get_json(self, ref: RepoRef, path: str, params=None):
        if hub_offline():
            raise NetworkError(N_("HF_HUB_OFFLINE is set, so no hub is asked about {repo_id}. Unset it to "
                                  "download; a folder that already holds the repo is used as it is."),
                               repo_id=ref.repo_id)
        problems: list[ModelDeskError] = []
        with new_session(self._credentials, self._proxy) as s:
            for ep in self.endpoints:
                url: str | None = f"{ep}{path}"
                query = params  # every endpoint is asked the same; a next-page link carries them itself
                pages = []
                try:
                    while url:
                        r = s.get(url, params=query, timeout=self._timeout)
                        query = None
                        raise_for_status(r, ref.repo_id, ep, ref.revision)
                        pages.append(r.json())
                        url = r.links.get("next", {}).get("url")
                except (BadInputError, NetworkError) as exc:  # not found, gated, busy: an answer
                    problems.append(exc)
                    continue
                except (requests.RequestException, ValueError) as exc:
                    problems.append(NetworkError(N_("{ep}: {kind}"), ep=ep, kind=type(exc).__name__))
                    continue
                return ep, pages
        # A definite answer (not found, gated) beats a network failure elsewhere, and "gated" beats "not
        # found": a mirror that lacks the repo says nothing of the one that has it behind a licence.
        definite = [p for p in problems if not isinstance(p, NetworkError)]
        definite.sort(key=lambda p: not isinstance(p, AccessDeniedError))
        if definite:
            raise definite[0]
        raise NetworkError(N_("No hub endpoint answered for {repo_id} ({problems}). Check the network, or add a "
                              "mirror.{proxy_hint}"), repo_id=ref.repo_id, problems=tuple(problems),
                           proxy_hint=self._proxy.network_hint(), hint="mirror")

    def resolve(self, ref: RepoRef) -> str:
        if COMMIT.match(ref.revision):
            return ref.revision
        _, pages = self._get_json(ref, f"{api_root(ref.repo_id)}/revision/{quote(ref.revision, safe='')}")
        return commit_of(pages[0], ref)

    def list_files(self, ref: RepoRef, commit: str) -> list[HubFile]:
        _, pages = self._get_json(ref, f"{api_root(ref.repo_id)}/tree/{commit}", {"recursive": "true"})
        return files_of_listing(pages, ref.repo_id)


def commit_of(answer: object, ref: RepoRef) -> str:
    """The commit in a revision answer ({"sha": "<40 hex>", ...})."""
    sha = answer.get("sha") if isinstance(answer, dict) else None
    if not isinstance(sha, str) or not COMMIT.match(sha):
        raise BadSourceError(N_("The hub gave no commit for {ref}."), ref=ref)
    return sha


def _hub_file(entry: dict, what: Message) -> HubFile:
    path, size, oid = entry.get("path"), entry.get("size"), entry.get("oid", "")
    lfs = entry.get("lfs") or {}
    sha256 = lfs.get("oid") if isinstance(lfs, dict) else None
    if not (isinstance(path, str) and type(size) is int and size >= 0 and isinstance(oid, str)
            and isinstance(lfs, dict) and (sha256 is None or isinstance(sha256, str))):
        raise BadSourceError(N_("{what} sent a malformed file listing (an entry is not a file with a text "
                                "path and a whole-number size). Try another mirror."), what=what)
    check_relative_path(path, what)
    return HubFile(path, size, oid, sha256, bool(entry.get("xetHash")))


def files_of_listing(pages: list, repo_id: str) -> list[HubFile]:
    """The files of a recursive tree listing (pages of JSON lists of entries), checked: an entry of the
    wrong shape, a path that leaves the folder, or a file that is also a folder is refused up front."""
    what = Message.of(N_("The repository {repo_id}"), repo_id=repo_id)
    files: list[HubFile] = []
    for page in pages:
        if not isinstance(page, list) or not all(isinstance(e, dict) for e in page):
            raise BadSourceError(N_("{what} sent a malformed file listing (not a list of entries). Try "
                                    "another mirror."), what=what)
        files.extend(_hub_file(e, what) for e in page if e.get("type") == "file")
    check_layout([f.path for f in files], what)
    return files
