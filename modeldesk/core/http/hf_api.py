"""Hugging Face and every HF-compatible mirror (hf-mirror.com, a lab's `modeldesk serve`): sources
(hf://org/name[@rev], repo, folder and file URLs), GET /api/models/{repo}/revision/{rev} for the commit,
GET /api/models/{repo}/tree/{commit}?recursive=true (Link-paginated) for the files with their LFS
sha256, and files under /{repo}/resolve/{commit}/{path}, as huggingface_hub speaks it."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, unquote

from modeldesk.core.base.errors import BadSourceError
from modeldesk.core.base.messages import N_, Message
from modeldesk.core.base.pathsafety import check_layout, check_relative_path
from modeldesk.core.base.repo_ids import COMMIT, DATASETS, api_root, is_repo_id
from modeldesk.core.base.urls import is_http_url, split_url
from modeldesk.core.config.hf_env import endpoints_from_env, hub_offline
from modeldesk.core.contracts.hub_refs import HubFile, RepoRef
from modeldesk.core.contracts.selection import glob_escape

OFFICIAL_ENDPOINT = "https://huggingface.co"
KNOWN_HUB_HOSTS = frozenset({"huggingface.co", "hf.co", "hf-mirror.com"})


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


def is_hf_url(text: str, hosts: set[str] | frozenset[str]) -> bool:
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


def parse_hf_ref(text: str) -> RepoRef:
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


class HuggingFace:
    scheme = "hf"
    label = "Hugging Face"
    official = OFFICIAL_ENDPOINT
    default_revision = "main"
    known_hosts = KNOWN_HUB_HOSTS

    def env_endpoints(self) -> list[str]:
        return endpoints_from_env()

    def offline(self) -> bool:
        return hub_offline()

    def next_page(self, answer: Any, query: dict | None) -> dict | None:
        return None  # the hub pages a tree listing with Link headers

    def web_seed(self, endpoint: str, repo_id: str) -> str:
        return f"{endpoint.rstrip('/')}/{repo_id}/resolve/"

    def hosts_of(self, mirrors) -> set[str]:
        return {split_url(m).netloc for m in mirrors if is_http_url(m)}

    def owns(self, text: str, hosts: frozenset[str] | set[str]) -> bool:
        return is_hf_url(text, hosts | self.known_hosts)

    def parse(self, text: str) -> RepoRef:
        return parse_hf_ref(text)

    def revision_request(self, ref: RepoRef) -> tuple[str, dict | None]:
        return f"{api_root(ref.repo_id)}/revision/{quote(ref.revision, safe='')}", None

    def commit_of(self, answer: Any, ref: RepoRef) -> str:
        return commit_of(answer, ref)

    def listing_request(self, ref: RepoRef, commit: str) -> tuple[str, dict | None]:
        return f"{api_root(ref.repo_id)}/tree/{commit}", {"recursive": "true"}

    def files_of(self, pages: list, repo_id: str) -> list[HubFile]:
        return files_of_listing(pages, repo_id)

    def check_status(self, status: int, ref: RepoRef, endpoint: str) -> None:
        return None  # http/status.py reads the hub's statuses and X-Error-Code

    def check_answer(self, answer: Any, ref: RepoRef, endpoint: str) -> None:
        return None  # the hub's errors are statuses

    def file_url(self, endpoint: str, repo_id: str, commit: str, path: str) -> str:
        return file_url(endpoint, repo_id, commit, path)


HF = HuggingFace()
