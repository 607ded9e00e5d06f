"""ModelScope's API over the library's ModelScope repos, as the official `modelscope` client asks it
(MODELSCOPE_ENDPOINT=http://lab:PORT): a repo's info and revisions, its file listing (a dataset's in
pages), each file at …/repo?Revision=&FilePath= and at /models/{owner}/{name}/resolve/{rev}/{path} (the
web seed of a ModelScope model's torrent). Answers are {"Code", "Data", "Message", "Success"}."""

from __future__ import annotations

from urllib.parse import parse_qs, unquote

from modeldesk.core.base.repo_ids import DATASETS, is_repo_id
from modeldesk.core.serve.catalog import Snapshot
from modeldesk.core.serve.hf_routes import pulled_answer
from modeldesk.core.serve.repos import Repos
from modeldesk.core.serve.request import Answer, Request, json_answer


def _ok(data) -> Answer:
    return json_answer(200, {"Code": 200, "Data": data, "Message": "success", "Success": True})


def _fail(status: int, text: str) -> Answer:
    return json_answer(status, {"Code": status, "Data": None, "Message": text, "Success": False})


def _listing(snap: Snapshot, root: str, recursive: bool) -> list[dict]:
    files, folders = snap.under(root, recursive)
    return [{"Name": f.path.rsplit("/", 1)[-1], "Path": f.path, "Type": "blob", "Size": f.size,
             "Sha256": f.sha256 or "", "Revision": snap.commit, "IsLFS": f.lfs} for f in files] + [
        {"Name": d.rsplit("/", 1)[-1], "Path": d, "Type": "tree", "Size": 0, "Sha256": "", "Revision": snap.commit,
         "IsLFS": False} for d in folders]


def _file(repos: Repos, req: Request, snap: Snapshot | None, repo: str, path: str) -> Answer:
    f = snap.files.get(path) if snap is not None else None
    if snap is None or f is None or (f.disk is None and not snap.pulled):
        return _fail(404, f"{path} of {repo} is not held by this ModelDesk library.")
    headers = {"Accept-Ranges": "bytes", "ETag": f'"{f.etag}"', "Content-Type": "application/octet-stream"}
    if f.disk is None:
        return pulled_answer(repos, req, snap, f, headers)
    return Answer(200, headers, file=(snap, f))


def ms_answer(repos: Repos, req: Request) -> Answer | None:
    """The answer to a request of ModelScope's API, or None when the path is not one."""
    segs = [unquote(s) for s in req.path.split("/") if s]
    q = {k: v[0] for k, v in parse_qs(req.query).items()}
    if req.method not in ("GET", "HEAD"):
        return None
    if segs[:2] == ["api", "v1"] and segs[2:3] in (["models"], ["datasets"]) and len(segs) >= 5:
        repo = (DATASETS if segs[2] == "datasets" else "") + "/".join(segs[3:5])
        return _api(repos, req, repo, "/".join(segs[5:]), q) if is_repo_id("/".join(segs[3:5])) else None
    if segs[:1] in (["models"], ["datasets"]) and len(segs) >= 6 and segs[3] == "resolve":
        repo = (DATASETS if segs[0] == "datasets" else "") + "/".join(segs[1:3])
        return _file(repos, req, repos.find("ms", repo, segs[4]), repo, "/".join(segs[5:]))
    return None


def _api(repos: Repos, req: Request, repo: str, what: str, q: dict) -> Answer:
    rev = q.get("Revision") or "master"
    if what == "revisions":
        mine = [s for s in repos.snapshots() if s.hub == "ms" and s.repo == repo]
        if not mine and (listed := repos.find("ms", repo, "master")) is not None:
            mine = [listed]  # not held: as the mirrors list it (pull-through)
        if not mine:
            return _fail(404, f"{repo} is not in this ModelDesk library{repos.why_not()}.")
        branches = [{"Revision": s.revision, "CommitId": s.commit} for s in mine if s.revision != s.commit]
        return _ok({"RevisionMap": {"Branches": branches, "Tags": []}})
    snap = repos.find("ms", repo, rev)
    if snap is None and not repos.knows("ms", repo):
        return _fail(404, f"{repo} is not in this ModelDesk library{repos.why_not()}.")
    if snap is None:
        return _fail(404, f"This library holds {repo} at no revision {rev!r}.")
    if what == "":
        owner, name = repo.removeprefix(DATASETS).split("/")
        return _ok({"Name": name, "Path": owner, "ChineseName": name, "Revision": snap.commit, "IsPublished": 1,
                    "Private": False})
    if what in ("repo/files", "repo/tree"):
        entries = _listing(snap, q.get("Root", ""), q.get("Recursive", "False").lower() == "true")
        if "PageSize" in q:  # a dataset's listing, in pages as modelscope.cn gives it
            try:
                size, number = max(1, int(q["PageSize"])), max(1, int(q.get("PageNumber", "1")))
            except ValueError:
                return _fail(400, "PageSize and PageNumber are whole numbers.")
            entries = entries[(number - 1) * size:number * size]
        return _ok({"Files": entries})
    if what == "repo":
        return _file(repos, req, snap, repo, q.get("FilePath", ""))
    return _fail(404, f"no such call: {what}")
