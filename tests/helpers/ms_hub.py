"""A local ModelScope-compatible hub on 127.0.0.1, checked against the official `modelscope` SDK in
tests/integration/test_ms_protocol.py so we know it speaks the real protocol.

Repos come from a folder (ROOT/owner/name/...; datasets under ROOT/datasets/owner/name). What it
answers, as modelscope.cn does:
- GET /api/v1/models/OWNER/NAME                       the repo's info
- GET /api/v1/models/OWNER/NAME/revisions             RevisionMap: Branches (master) and Tags, with CommitId
- GET /api/v1/models/OWNER/NAME/repo/files?Revision=&Recursive=   Files: Name, Path, Type, Size, Sha256,
                                                      Revision (the commit), IsLFS
- GET /api/v1/datasets/OWNER/NAME/repo/tree?Revision=&Recursive=True&PageNumber=&PageSize=   a dataset's
                                                      listing, in pages (the official client stops at a short one)
- GET /api/v1/models/OWNER/NAME/repo?Revision=&FilePath=          the file, with Range
- GET /models/OWNER/NAME/resolve/REV/PATH             the file, HF-style, with Range
Answers are {"Code", "Data", "Message", "Success"}; a repo that is not there is 404, a gated one 401
without its token (Authorization: Bearer, or the cookie m_session_id). mode "flip" serves every
file with one byte changed. Every request is kept in `requests`.
"""

from __future__ import annotations

import hashlib
import threading
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote, urlsplit

from tests.helpers.local_http import LocalHttp, repo_files, repo_folders

LFS_THRESHOLD = 10 * 1024


class MsHubServer(LocalHttp):
    def __init__(self, root: Path, gated: dict[str, str] | None = None, mode: str = "ok",
                 tags: dict[str, str] | None = None):
        self.root = Path(root)
        self.gated = gated or {}  # repo_id -> the token that opens it
        self.mode = mode
        self.files_base: str | None = None  # set: file requests are redirected there (BASE/owner/name/path), as
        # modelscope.cn hands downloads to its storage; a benchmark puts a throttled nginx over ROOT there
        self.requests: list[str] = []
        self.auth_seen: list[tuple[str, str]] = []  # (path, Authorization or cookie)
        self.bytes_sent = 0
        self.pages_served = 0  # pages of a paged listing (PageSize=…)
        self._count = threading.Lock()
        self.repos: dict[str, dict] = {}
        for repo_id, folder in repo_folders(self.root):
            self._index(repo_id, folder, tags or {})
        self._serve()

    # ---- data ------------------------------------------------------------------------
    def _index(self, repo_id: str, folder: Path, tags: dict[str, str]) -> None:
        files = {}
        for rel, data, f in repo_files(folder):
            files[rel] = ({"Name": rel.rsplit("/", 1)[-1], "Path": rel, "Type": "blob", "Size": len(data),
                           "Sha256": hashlib.sha256(data).hexdigest(), "IsLFS": len(data) > LFS_THRESHOLD,
                           "Mode": "33188"}, f)
        commit = hashlib.sha1(repo_id.encode() + b"".join(e["Sha256"].encode() for e, _ in files.values())).hexdigest()
        self.repos[repo_id] = {"files": files, "commit": commit, "tags": dict(tags),
                               "revisions": {"master": commit, commit: commit, **{t: commit for t in tags}}}

    def commit(self, repo_id: str) -> str:
        return self.repos[repo_id]["commit"]

    # ---- protocol --------------------------------------------------------------------
    def _handle(self, h: BaseHTTPRequestHandler, body: bool) -> None:
        self.requests.append(f"{h.command} {h.path}")
        who = h.headers.get("Authorization") or h.headers.get("Cookie") or ""
        if who:
            self.auth_seen.append((h.path, who))
        parts = urlsplit(h.path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        segs = [unquote(s) for s in parts.path.split("/") if s]
        if segs[:2] == ["api", "v1"] and segs[2:3] in (["models"], ["datasets"]) and len(segs) >= 5:
            repo_id = ("datasets/" if segs[2] == "datasets" else "") + "/".join(segs[3:5])
            return self._api(h, repo_id, "/".join(segs[5:]), query, body)
        kind, rest = ("datasets/", segs[1:]) if segs[:1] == ["datasets"] else ("", segs[1:] if segs[:1] == ["models"]
                                                                                else [])
        if len(rest) >= 5 and rest[2] == "resolve":
            return self._file(h, kind + "/".join(rest[:2]), rest[3], "/".join(rest[4:]), body)
        return self._send(h, 404, {"Code": 404, "Message": f"not found: {parts.path}", "Success": False}, body)

    def _open(self, h, repo_id: str, body: bool):
        repo = self.repos.get(repo_id)
        if repo is None:
            self._send(h, 404, {"Code": 10010205001, "Message": f"model {repo_id} not found", "Success": False}, body)
            return None
        token = self.gated.get(repo_id)
        if token and h.headers.get("Authorization") != f"Bearer {token}" \
                and f"m_session_id={token}" not in h.headers.get("Cookie", ""):
            self._send(h, 401, {"Code": 10010205002, "Message": "login required to access this model",
                                "Success": False}, body)
            return None
        return repo

    def _api(self, h, repo_id: str, what: str, query: dict, body: bool) -> None:
        repo = self._open(h, repo_id, body)
        if repo is None:
            return
        if what == "":
            owner, name = repo_id.split("/")[-2:]
            return self._ok(h, {"Id": 1, "Name": name, "Path": owner, "ChineseName": name, "Revision": repo["commit"],
                                "IsPublished": 1, "Private": bool(self.gated.get(repo_id))}, body)
        if what == "revisions":
            branches = [{"Revision": "master", "CommitId": repo["commit"]}]
            tags = [{"Revision": t, "CommitId": repo["commit"]} for t in repo["tags"]]
            return self._ok(h, {"RevisionMap": {"Branches": branches, "Tags": tags}}, body)
        rev = query.get("Revision") or "master"
        commit = repo["revisions"].get(rev)
        if commit is None:
            return self._send(h, 404, {"Code": 10010205003, "Message": f"revision {rev} not found",
                                       "Success": False}, body)
        if what in ("repo/files", "repo/tree"):
            root = query.get("Root", "").strip("/")
            recursive = query.get("Recursive", "False").lower() == "true"
            files = []
            for path, (entry, _) in repo["files"].items():
                rel = path[len(root) + 1:] if root and path.startswith(root + "/") else path if not root else None
                if rel is not None and (recursive or "/" not in rel):
                    files.append({**entry, "Revision": commit})
            dirs = sorted({p.rsplit("/", 1)[0] for p in repo["files"] if "/" in p})
            files += [{"Name": d.rsplit("/", 1)[-1], "Path": d, "Type": "tree", "Size": 0, "Sha256": "",
                       "Revision": commit, "IsLFS": False} for d in dirs if recursive or "/" not in d]
            if "PageSize" in query:  # a dataset's tree, in pages as modelscope.cn serves it
                size, number = int(query["PageSize"]), int(query.get("PageNumber", 1))
                self.pages_served += 1
                return self._ok(h, {"Files": files[(number - 1) * size:number * size]}, body)
            return self._ok(h, {"Files": files}, body)
        if what == "repo":
            return self._file(h, repo_id, rev, query.get("FilePath", ""), body)
        return self._send(h, 404, {"Code": 404, "Message": f"no such call: {what}", "Success": False}, body)

    def _file(self, h, repo_id: str, rev: str, path: str, body: bool) -> None:
        repo = self._open(h, repo_id, body)
        if repo is None:
            return
        if rev not in repo["revisions"] or path not in repo["files"]:
            return self._send(h, 404, {"Code": 10010205004, "Message": f"file {path} not found",
                                       "Success": False}, body)
        entry, f = repo["files"][path]
        if self.files_base:
            h.send_response(302)
            h.send_header("Location", f"{self.files_base}/{repo_id}/{quote(path)}")
            h.send_header("Content-Length", "0")
            h.end_headers()
            return
        data = f.read_bytes()
        if self.mode == "flip" and data:
            data = bytes([data[0] ^ 0xFF]) + data[1:]
        total = len(data)
        rng = h.headers.get("Range", "") if body else ""
        headers = {"Accept-Ranges": "bytes", "ETag": f'"{entry["Sha256"]}"', "Content-Type": "application/octet-stream"}
        if rng.startswith("bytes="):
            a, _, b = rng.removeprefix("bytes=").partition("-")
            start, stop = int(a), min(total, int(b) + 1 if b else total)
            data = data[start:stop]
            h.send_response(206)
            headers["Content-Range"] = f"bytes {start}-{start + len(data) - 1}/{total}"
        else:
            h.send_response(200)
        headers["Content-Length"] = str(len(data) if body or rng else total)
        for k, v in headers.items():
            h.send_header(k, v)
        h.end_headers()
        if body:
            h.wfile.write(data)
            with self._count:
                self.bytes_sent += len(data)

    def _ok(self, h, data, body: bool) -> None:
        self._send(h, 200, {"Code": 200, "Data": data, "Message": "success", "Success": True}, body)
