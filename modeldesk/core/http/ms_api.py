"""ModelScope (modelscope.cn, modelscope.ai, and any host MODELSCOPE_ENDPOINT names), as the official
`modelscope` client speaks it: GET /api/v1/models/{owner}/{name}/repo/files?Revision={rev} names the
commit of a branch or tag in each entry (Revision), …/repo/files?Revision={commit}&Recursive=True lists
the files with their sha256 (datasets: …/repo/tree), and each file at …/repo?Revision={commit}&FilePath={path}, with
Range. Answers are {"Code", "Data", "Message", "Success"}; the default branch is master.

Sources: ms://owner/name[@rev], modelscope://owner/name (Dragonfly's form), ms://datasets/owner/name,
and https://HOST/models/owner/name[/files | /summary | /file/view/REV/path | /tree/REV/dir |
/resolve/REV/path] (or /datasets/…) on a ModelScope host.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, unquote

from modeldesk.core.base.errors import AccessDeniedError, BadSourceError
from modeldesk.core.base.messages import N_, Message
from modeldesk.core.base.pathsafety import check_layout, check_relative_path
from modeldesk.core.base.repo_ids import COMMIT, DATASETS, is_repo_id
from modeldesk.core.base.urls import is_http_url, split_url
from modeldesk.core.config.ms_env import ms_endpoints_from_env
from modeldesk.core.contracts.hub_refs import HubFile, RepoRef
from modeldesk.core.contracts.selection import glob_escape

OFFICIAL_MS_ENDPOINT = "https://modelscope.cn"  # the official client's default
KNOWN_MS_HOSTS = frozenset({"modelscope.cn", "www.modelscope.cn", "modelscope.ai", "www.modelscope.ai"})
SCHEMES = ("ms://", "modelscope://")
MIRROR_TAG = "ms@"  # a host the user set as a ModelScope mirror, among the hosts classify is given
PAGE_SIZE = 200  # a dataset listing's page, as the official client asks for it
MAX_PAGES = 5000  # a million files: a listing that never ends is cut here
_IN_REPO = {"file": 2, "tree": 1, "resolve": 1}  # …/name/<what>[/view]/REV[/path]: segments before REV


def _hosts() -> frozenset[str]:
    return KNOWN_MS_HOSTS | {split_url(e).netloc for e in ms_endpoints_from_env() if is_http_url(e)}


def _repo_id(kind: str, parts: list[str], text: str) -> str:
    repo_id = "/".join(parts)
    if len(parts) != 2 or not is_repo_id(repo_id):
        raise BadSourceError(N_("{text!r} does not name a ModelScope repository (expected owner/name or "
                                "datasets/owner/name)."), text=text)
    return kind + repo_id


def _api_root(repo_id: str) -> str:
    if repo_id.startswith(DATASETS):
        return f"/api/v1/datasets/{repo_id[len(DATASETS):]}"
    return f"/api/v1/models/{repo_id}"


def _scheme_ref(text: str) -> RepoRef:
    body = text.split("://", 1)[1].strip("/")
    body, _, rev = body.partition("@")
    parts = body.split("/")
    kind, parts = (DATASETS, parts[1:]) if parts[:1] == ["datasets"] else ("", parts)
    if len(parts) != 2:
        raise BadSourceError(N_("{text!r}: write ms://owner/name, ms://owner/name@revision or "
                                "ms://datasets/owner/name."), text=text)
    return RepoRef(_repo_id(kind, parts, text), rev or "master", hub="ms")


def _url_ref(text: str) -> RepoRef:
    url = split_url(text)
    endpoint = f"{url.scheme}://{url.netloc}"
    segs = [unquote(s) for s in url.path.split("/") if s]
    kind = DATASETS if segs[:1] == ["datasets"] else ""
    repo_id = _repo_id(kind, segs[1:3], text)
    rest = segs[3:]
    if not rest or rest[0] in ("files", "summary", "feedback", "dataPeview", "quickstart"):
        return RepoRef(repo_id, "master", endpoint, hub="ms")
    skip = _IN_REPO.get(rest[0])
    if skip is None or len(rest) <= skip:
        raise BadSourceError(N_("{text!r} is not a ModelScope repository URL (…/models/owner/name, "
                                "…/file/view/REV/path, …/tree/REV/folder)."), text=text)
    rev, inner = rest[skip], "/".join(rest[skip + 1:])
    if inner:
        check_relative_path(inner, text)
    if rest[0] == "tree":
        return RepoRef(repo_id, rev, endpoint, glob_escape(inner) + "/" if inner else "", hub="ms")
    if not inner:
        raise BadSourceError(N_("{text!r} names no file (…/file/view/REVISION/path/to/file)."), text=text)
    return RepoRef(repo_id, rev, endpoint, glob_escape(inner), hub="ms")


def _needs_token(ref: RepoRef, endpoint: str, why: str) -> AccessDeniedError:
    url = split_url(endpoint)
    host = url.netloc if url.scheme == "https" else f"{url.scheme}://{url.netloc}"  # the scope `token set` takes
    return AccessDeniedError(N_("{repo_id} on {endpoint} needs a ModelScope token ({message}): set one with "
                                "`modeldesk token set --host {host}`, or MODELSCOPE_API_TOKEN."),
                             repo_id=ref.repo_id, endpoint=endpoint, message=why, host=host)


def commit_of(answer: Any, ref: RepoRef) -> str:
    """The commit a revision names: the Revision every entry of a listing at that revision carries (how
    the official client's listings pin it), or a revisions answer's CommitId for that branch or tag."""
    data = answer.get("Data") if isinstance(answer, dict) else None
    files = _entries(answer)
    if files is not None:
        commits = {e.get("Revision") for e in files if isinstance(e, dict)}
        if len(commits) == 1 and isinstance(c := commits.pop(), str) and COMMIT.match(c):
            return c
        raise BadSourceError(N_("The hub gave no commit for {ref}."), ref=ref)
    rmap = data.get("RevisionMap") if isinstance(data, dict) else None
    if not isinstance(rmap, dict):
        raise BadSourceError(N_("The hub gave no commit for {ref}."), ref=ref)
    for group in ("Branches", "Tags"):
        for entry in rmap.get(group) or ():
            if isinstance(entry, dict) and entry.get("Revision") == ref.revision:
                commit = entry.get("CommitId")
                if isinstance(commit, str) and COMMIT.match(commit):
                    return commit
    raise BadSourceError(N_("{repo_id} has no branch or tag {revision} on ModelScope."),
                         repo_id=ref.repo_id, revision=ref.revision)


def _entries(page: Any) -> list | None:
    """A listing page's entries: Data.Files, or Data itself as a list (a dataset's tree may answer so)."""
    data = page.get("Data") if isinstance(page, dict) else None
    entries = data.get("Files") if isinstance(data, dict) else data
    return entries if isinstance(entries, list) else None


def files_of_listing(pages: list, repo_id: str) -> list[HubFile]:
    what = Message.of(N_("The repository {repo_id}"), repo_id=repo_id)
    files: list[HubFile] = []
    for page in pages:
        entries = _entries(page)
        if entries is None or not all(isinstance(e, dict) for e in entries):
            raise BadSourceError(N_("{what} sent a malformed file listing (not a list of entries). Try "
                                    "another mirror."), what=what)
        for e in entries:
            if e.get("Type") != "blob":
                continue
            path, size, sha = e.get("Path"), e.get("Size"), e.get("Sha256") or None
            if not (isinstance(path, str) and type(size) is int and size >= 0
                    and (sha is None or isinstance(sha, str))):
                raise BadSourceError(N_("{what} sent a malformed file listing (an entry is not a file with a "
                                        "text path and a whole-number size). Try another mirror."), what=what)
            check_relative_path(path, what)
            files.append(HubFile(path, size, "", sha.lower() if sha else None))
    check_layout([f.path for f in files], what)
    return files


class ModelScope:
    scheme = "ms"
    label = "ModelScope"
    official = OFFICIAL_MS_ENDPOINT
    default_revision = "master"
    known_hosts = KNOWN_MS_HOSTS

    def env_endpoints(self) -> list[str]:
        return ms_endpoints_from_env()

    def offline(self) -> bool:
        return False

    def web_seed(self, endpoint: str, repo_id: str) -> str:
        """ModelScope answers Hugging Face's /resolve/ path too, under /models/ (or /datasets/)."""
        kind = "datasets" if repo_id.startswith(DATASETS) else "models"
        return f"{endpoint.rstrip('/')}/{kind}/{repo_id.removeprefix(DATASETS)}/resolve/"

    def hosts_of(self, mirrors) -> set[str]:
        """Tagged: a ModelScope mirror's host is not a Hugging Face mirror's (their URLs differ)."""
        return {MIRROR_TAG + split_url(m).netloc for m in mirrors if is_http_url(m)}

    def owns(self, text: str, hosts: frozenset[str] | set[str]) -> bool:
        if text.startswith(SCHEMES):
            return True
        if not is_http_url(text):
            return False
        url = split_url(text)
        segs = [s for s in url.path.split("/") if s]
        mine = url.netloc in _hosts() or MIRROR_TAG + url.netloc in hosts
        return mine and segs[:1] in (["models"], ["datasets"]) and len(segs) >= 3

    def parse(self, text: str) -> RepoRef:
        return _scheme_ref(text) if text.startswith(SCHEMES) else _url_ref(text)

    def revision_request(self, ref: RepoRef) -> tuple[str, dict | None]:
        """The top folder's listing at the revision: each entry names the commit (Revision)."""
        what = "repo/tree" if ref.repo_id.startswith(DATASETS) else "repo/files"
        return f"{_api_root(ref.repo_id)}/{what}", {"Revision": ref.revision, "Recursive": "False"}

    def commit_of(self, answer: Any, ref: RepoRef) -> str:
        return commit_of(answer, ref)

    def listing_request(self, ref: RepoRef, commit: str) -> tuple[str, dict | None]:
        if ref.repo_id.startswith(DATASETS):  # a dataset's tree comes in pages, as the official client asks
            query = {"Revision": commit, "Recursive": "True", "PageNumber": 1, "PageSize": PAGE_SIZE}
            return f"{_api_root(ref.repo_id)}/repo/tree", query
        return f"{_api_root(ref.repo_id)}/repo/files", {"Revision": commit, "Recursive": "True"}

    def next_page(self, answer: Any, query: dict | None) -> dict | None:
        """A full page of a paged listing asks for the next one (the official client stops at a short one)."""
        if not query or "PageNumber" not in query:
            return None
        if len(_entries(answer) or ()) < query["PageSize"] or query["PageNumber"] >= MAX_PAGES:
            return None
        return {**query, "PageNumber": query["PageNumber"] + 1}

    def files_of(self, pages: list, repo_id: str) -> list[HubFile]:
        return files_of_listing(pages, repo_id)

    def check_status(self, status: int, ref: RepoRef, endpoint: str) -> None:
        if status in (401, 403):
            raise _needs_token(ref, endpoint, f"HTTP {status}")

    def check_answer(self, answer: Any, ref: RepoRef, endpoint: str) -> None:
        if isinstance(answer, dict) and answer.get("Success") is False:
            message = str(answer.get("Message") or answer.get("Code") or "")[:200]
            if "login" in message.lower() or "auth" in message.lower():
                raise _needs_token(ref, endpoint, message)
            raise BadSourceError(N_("{endpoint} refused {repo_id}: {message}"), endpoint=endpoint,
                                 repo_id=ref.repo_id, message=message)

    def file_url(self, endpoint: str, repo_id: str, commit: str, path: str) -> str:
        return f"{endpoint}{_api_root(repo_id)}/repo?Revision={commit}&FilePath={quote(path, safe='')}"


MS = ModelScope()
