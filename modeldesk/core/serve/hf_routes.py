"""The Hugging Face hub's API over the library, as the official `huggingface_hub` client and `hf download`
ask it (HF_ENDPOINT=http://lab:PORT): a repo's info at a revision, its tree, paths-info, and each file
at /{repo}/resolve/{rev}/{path} with the headers the client reads (X-Repo-Commit, ETag, X-Linked-Etag,
X-Linked-Size) and Range. /{repo}/resolve/{commit}/ is also the BEP 19 web seed of the torrent named by
that commit (what `publish` makes). Datasets answer under /api/datasets/… and /datasets/….

Errors carry the hub's X-Error-Code (RepoNotFound, RevisionNotFound, EntryNotFound), which the client
turns into its own exceptions."""

from __future__ import annotations

import json
import time
from urllib.parse import parse_qs, unquote

from modeldesk.core.base.repo_ids import DATASETS, is_repo_id
from modeldesk.core.base.units import fmt_bytes
from modeldesk.core.serve.catalog import ServedFile, Snapshot
from modeldesk.core.serve.repos import Repos
from modeldesk.core.serve.request import Answer, Request, byte_range, json_answer


def _error(status: int, code: str, text: str, commit: str | None = None) -> Answer:
    return json_answer(status, {"error": text}, {"X-Error-Code": code, **({"X-Repo-Commit": commit} if commit else {})})


def _not_held(repos: Repos, repo: str) -> Answer:
    return _error(404, "RepoNotFound", f"{repo} is not in this ModelDesk library{repos.why_not()}.")


def _entry(f: ServedFile) -> dict:
    e: dict = {"type": "file", "oid": f.oid, "size": f.size, "path": f.path}
    if f.lfs:
        e["lfs"] = {"oid": f.sha256, "size": f.size, "pointerSize": 134}
    return e


def _dir_entry(path: str) -> dict:
    return {"type": "directory", "oid": "0" * 40, "size": 0, "path": path}


def _info(snap: Snapshot) -> dict:
    when = time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime(snap.seen_at))
    name = snap.repo.removeprefix(DATASETS)
    return {"_id": snap.commit[:24], "id": name, "modelId": name, "author": name.split("/")[0], "sha": snap.commit,
            "lastModified": when, "private": False, "gated": False, "disabled": False, "downloads": 0, "likes": 0,
            "tags": [], "siblings": [{"rfilename": p} for p in sorted(snap.files)]}


def _tree(snap: Snapshot, under: str, recursive: bool) -> list[dict]:
    files, folders = snap.under(under, recursive)
    return [_dir_entry(d) for d in folders] + [_entry(f) for f in files]


def _paths_info(snap: Snapshot, body: bytes, content_type: str) -> list[dict]:
    if "json" in content_type:
        try:
            asked = json.loads(body or b"{}").get("paths") or []
        except (ValueError, AttributeError):
            asked = []
    else:
        asked = parse_qs(body.decode("utf-8", "replace")).get("paths", [])
    folders = snap.folders
    out = []
    for p in asked if isinstance(asked, list) else ():
        p = str(p).strip("/")
        if p in snap.files:
            out.append(_entry(snap.files[p]))
        elif p in folders:
            out.append(_dir_entry(p))
    return out


def _repo_of(segs: list[str]) -> tuple[str, list[str]] | None:
    """(repo id, the segments after it) of /[datasets/]org/name/…; None when they name no repo."""
    kind, segs = (DATASETS, segs[1:]) if segs[:1] == ["datasets"] else ("", segs)
    if len(segs) < 2 or not is_repo_id("/".join(segs[:2])):
        return None
    return kind + "/".join(segs[:2]), segs[2:]


def hf_answer(repos: Repos, req: Request) -> Answer | None:
    """The answer to a request of the Hugging Face API, or None when the path is not one."""
    segs = [unquote(s) for s in req.path.split("/") if s]  # a revision with '/' comes as one quoted segment
    if segs[:1] == ["api"] and segs[1:2] in (["models"], ["datasets"]):
        found = _repo_of(segs[2:] if segs[1] == "models" else segs[1:])
        if found is None:
            return None
        return _api(repos, req.method, *found, parse_qs(req.query), req.body, req.headers.get("Content-Type", ""))
    found = _repo_of(segs)
    if found is None or len(found[1]) < 3 or found[1][0] != "resolve" or req.method not in ("GET", "HEAD"):
        return None
    repo, rest = found
    return _resolve(repos, req, repo, rest[1], "/".join(rest[2:]))


def _api(repos: Repos, method: str, repo: str, rest: list[str], query: dict, body: bytes,
         content_type: str) -> Answer:
    what, rev = (rest[0], rest[1]) if len(rest) >= 2 else ("revision", "main")
    snap = repos.find("hf", repo, rev)
    if snap is None:
        if not repos.knows("hf", repo):
            return _not_held(repos, repo)
        return _error(404, "RevisionNotFound", f"This library holds {repo} at no revision {rev!r}.")
    if what == "revision" and method == "GET":
        return json_answer(200, _info(snap))
    if what == "tree" and method == "GET":
        under = "/".join(rest[2:]).strip("/")
        if under and under not in snap.folders:
            return _error(404, "EntryNotFound", f"{under} is not a folder of {repo}@{snap.commit[:12]}.", snap.commit)
        recursive = query.get("recursive", ["false"])[0].lower() == "true"
        return json_answer(200, _tree(snap, under, recursive))
    if what == "paths-info" and method == "POST":
        return json_answer(200, _paths_info(snap, body, content_type))
    return _error(404, "EntryNotFound", f"No such call: {what}.")


def _resolve(repos: Repos, req: Request, repo: str, rev: str, path: str) -> Answer:
    snap = repos.find("hf", repo, rev)
    if snap is None:
        if not repos.knows("hf", repo):
            return _not_held(repos, repo)
        return _error(404, "RevisionNotFound", f"This library holds {repo} at no revision {rev!r}.")
    f = snap.files.get(path)
    if f is None:
        return _error(404, "EntryNotFound", f"{path} is not a file of {repo}@{snap.commit[:12]}.", snap.commit)
    headers = {"X-Repo-Commit": snap.commit, "ETag": f'"{f.etag}"', "Accept-Ranges": "bytes",
               "Content-Type": "application/octet-stream"}
    if f.lfs:
        headers.update({"X-Linked-Etag": f'"{f.sha256}"', "X-Linked-Size": str(f.size)})
    if f.disk is not None:
        return Answer(200, headers, file=(snap, f))
    if not snap.pulled:
        return _error(404, "EntryNotFound", f"{path} of {repo}@{snap.commit[:12]} is not held by this library "
                      "(left out when it was downloaded).", snap.commit)
    return pulled_answer(repos, req, snap, f, headers)


def pulled_answer(repos: Repos, req: Request, snap: Snapshot, f: ServedFile, headers: dict[str, str]) -> Answer:
    """A file the library is fetching: its bytes as they arrive (HEAD: its headers, from the listing)."""
    span = byte_range(req.headers.get("Range", ""), f.size)
    if span == "bad":
        return Answer(416, {"Content-Range": f"bytes */{f.size}"})
    start, end = span if isinstance(span, tuple) else (0, f.size)
    headers = {**headers, "Content-Length": str(end - start)}
    if isinstance(span, tuple):
        headers["Content-Range"] = f"bytes {start}-{end - 1}/{f.size}"
    status = 206 if isinstance(span, tuple) else 200
    if req.method == "HEAD":
        return Answer(status, headers, stream=lambda write: None)
    short = repos.short_of_room(snap)
    if short is not None:  # said before a byte is sent, not as a stream that breaks off
        return json_answer(507, {"error": f"The lab server's disk has no room for {snap.repo}@{snap.commit[:12]}: it "
                                          f"needs {fmt_bytes(short[0])} more and {fmt_bytes(short[1])} is free. "
                                          "Ask the server's admin to free some space."})
    return Answer(status, headers, stream=repos.stream(snap, f, start, end), pulled=(snap, f, start, end))
