"""A local Hugging Face-compatible hub on 127.0.0.1, checked against the official huggingface_hub
client in tests/integration/test_hub_protocol.py so we know it speaks the real protocol.

Repos come from a folder (ROOT/org/name/...). Files over LFS_THRESHOLD bytes are "LFS": their
listing carries lfs.oid (sha256), and /resolve answers 302 to a separate CDN server with
X-Linked-Etag and X-Linked-Size, like the hub. Revisions: "main" and any extra tags given.
Datasets live under ROOT/datasets/org/name and answer under /api/datasets/… and /datasets/….
Errors carry the hub's X-Error-Code (RepoNotFound, RevisionNotFound, EntryNotFound, GatedRepo).
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote, urlsplit

from tests.helpers.local_http import LocalHttp, repo_files, repo_folders
from tests.helpers.faulty_http import FaultyServer

LFS_THRESHOLD = 10 * 1024


def git_blob_sha1(data: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


class HubServer(LocalHttp):
    def __init__(self, root: Path, tags: dict[str, str] | None = None, gated: dict[str, str] | None = None,
                 cdn_mode: str = "ok", resolve_delay: float = 0.0, xet: frozenset[str] = frozenset(),
                 serves_xet: bool = True, listings: dict[str, object] | None = None):
        self.root = Path(root)
        self.listings = listings or {}  # repo_id → the raw tree answer a hostile mirror sends instead
        self.xet = xet  # paths listed with a xetHash, as the hub lists files stored with Xet
        self.serves_xet = serves_xet  # False: a mirror that passes on LFS files only (404 for Xet ones)
        self.resolve_delay = resolve_delay  # seconds each /resolve takes, to see requests overlap
        self._gauge = threading.Lock()
        self.resolving = 0  # /resolve requests in flight now
        self.max_resolving = 0
        self.gated = gated or {}  # repo_id → token that opens it
        self.auth_seen: list[tuple[str, str]] = []  # (path, Authorization)
        self.requests: list[str] = []
        self._cdn_dir = self.cdn_dir = Path(tempfile.mkdtemp(prefix="hub-cdn-"))
        self.repos: dict[str, dict] = {}
        for repo_id, folder in repo_folders(self.root):
            self._index(repo_id, folder, tags or {})
        self.cdn = FaultyServer(self._cdn_dir, cdn_mode)
        self.cdn_base: str | None = None  # set: LFS files redirect there (a benchmark's nginx over cdn_dir)
        self._serve()

    # ---- data ------------------------------------------------------------------------
    def _index(self, repo_id: str, folder: Path, tags: dict[str, str]) -> None:
        files = {}
        for rel, data, f in repo_files(folder):
            entry = {"type": "file", "oid": git_blob_sha1(data), "size": len(data), "path": rel}
            if len(data) > LFS_THRESHOLD:
                sha = hashlib.sha256(data).hexdigest()
                entry["lfs"] = {"oid": sha, "size": len(data), "pointerSize": 134}
                if rel in self.xet:
                    entry["xetHash"] = hashlib.sha256(b"xet" + data).hexdigest()
                shutil.copyfile(f, self._cdn_dir / sha)
            files[rel] = (entry, f)
        commit = hashlib.sha1(repo_id.encode() + b"".join(e["oid"].encode() for e, _ in files.values())).hexdigest()
        self.repos[repo_id] = {"files": files, "commit": commit,
                               "revisions": {"main": commit, commit: commit, **{t: commit for t in tags}}}

    def commit(self, repo_id: str) -> str:
        return self.repos[repo_id]["commit"]

    # ---- protocol --------------------------------------------------------------------
    def _handle(self, h: BaseHTTPRequestHandler, body: bool) -> None:
        self.requests.append(f"{h.command} {h.path}")
        if h.headers.get("Authorization"):
            self.auth_seen.append((h.path, h.headers["Authorization"]))
        parts = urlsplit(h.path)
        segs = [unquote(s) for s in parts.path.split("/") if s]
        if segs[:1] == ["api"] and segs[1:2] in (["models"], ["datasets"]) and len(segs) >= 6:
            kind = "datasets/" if segs[1] == "datasets" else ""
            return self._api(h, kind + "/".join(segs[2:4]), segs[4], segs[5], parse_qs(parts.query), body)
        kind, segs = ("datasets/", segs[1:]) if segs[:1] == ["datasets"] else ("", segs)
        if len(segs) >= 5 and segs[2] == "resolve":
            return self._resolve(h, kind + "/".join(segs[:2]), segs[3], "/".join(segs[4:]), body)
        return self._send(h, 404, {"error": "not found"}, body)

    def _repo(self, h, repo_id: str, rev: str, body: bool):
        repo = self.repos.get(repo_id)
        if repo is None:
            self._send(h, 401, {"error": "Repository not found"}, body, {"X-Error-Code": "RepoNotFound"})
            return None
        token = self.gated.get(repo_id)
        if token and h.headers.get("Authorization") != f"Bearer {token}":
            self._send(h, 401, {"error": "Access to this repo is restricted"}, body, {"X-Error-Code": "GatedRepo"})
            return None
        commit = repo["revisions"].get(rev)
        if commit is None:
            self._send(h, 404, {"error": "Invalid rev id"}, body, {"X-Error-Code": "RevisionNotFound"})
            return None
        return repo, commit

    def _api(self, h, repo_id: str, what: str, rev: str, query: dict, body: bool) -> None:
        found = self._repo(h, repo_id, rev, body)
        if found is None:
            return
        repo, commit = found
        if what == "revision":
            return self._send(h, 200, {"id": repo_id, "sha": commit, "private": False,
                                       "gated": bool(self.gated.get(repo_id)),
                                       "siblings": [{"rfilename": p} for p in repo["files"]]}, body)
        if what == "tree" and repo_id in self.listings:
            return self._send(h, 200, self.listings[repo_id], body)
        if what == "tree":
            recursive = query.get("recursive", ["false"])[0].lower() == "true"
            entries = [e for e, _ in repo["files"].values() if recursive or "/" not in e["path"]]
            dirs = sorted({p.rsplit("/", 1)[0] for p in repo["files"] if "/" in p})
            entries += [{"type": "directory", "oid": "0" * 40, "size": 0, "path": d} for d in dirs]
            # Two pages, linked like the hub does, so pagination is exercised.
            page = int(query.get("page", ["0"])[0])
            half = (len(entries) + 1) // 2
            chunk = entries[:half] if page == 0 else entries[half:]
            headers = {}
            if page == 0 and len(entries) > half:
                api = f"datasets/{repo_id[9:]}" if repo_id.startswith("datasets/") else f"models/{repo_id}"
                here = f"http://{h.headers['Host']}" if h.headers.get("Host") else self.url  # the name it was asked by
                nxt = (f"{here}/api/{api}/tree/{quote(rev, safe='')}"
                       f"?recursive={str(recursive).lower()}&page=1")
                headers["Link"] = f'<{nxt}>; rel="next"'
            return self._send(h, 200, chunk, body, headers)
        return self._send(h, 404, {"error": "not found"}, body)

    def _resolve(self, h, repo_id: str, rev: str, path: str, body: bool) -> None:
        with self._gauge:
            self.resolving += 1
            self.max_resolving = max(self.max_resolving, self.resolving)
        time.sleep(self.resolve_delay)
        with self._gauge:  # before the answer: a client may send its next request as soon as it has it
            self.resolving -= 1
        self._resolve_now(h, repo_id, rev, path, body)

    def _resolve_now(self, h, repo_id: str, rev: str, path: str, body: bool) -> None:
        found = self._repo(h, repo_id, rev, body)
        if found is None:
            return
        repo, commit = found
        if path not in repo["files"]:
            return self._send(h, 404, {"error": "Entry not found"}, body, {"X-Error-Code": "EntryNotFound",
                                                                           "X-Repo-Commit": commit})
        entry, f = repo["files"][path]
        common = {"X-Repo-Commit": commit}
        if "xetHash" in entry and not self.serves_xet:
            return self._send(h, 404, {"error": "Entry not found"}, body, {"X-Error-Code": "EntryNotFound", **common})
        if "lfs" in entry:
            sha = entry["lfs"]["oid"]
            h.send_response(302)
            for k, v in {**common, "Location": f"{self.cdn_base or self.cdn.url}/{sha}", "X-Linked-Etag": f'"{sha}"',
                         "X-Linked-Size": str(entry["size"]), "ETag": f'"{entry["oid"]}"',
                         "Content-Length": "0"}.items():
                h.send_header(k, v)
            h.end_headers()
            return
        data = f.read_bytes()
        rng = h.headers.get("Range", "") if body else ""
        headers = {**common, "ETag": f'"{entry["oid"]}"', "Accept-Ranges": "bytes"}
        if rng.startswith("bytes="):  # small files too honour a single range, like the hub
            a, _, b = rng.removeprefix("bytes=").partition("-")
            start, stop = int(a), (int(b) + 1 if b else len(data))
            data = data[start:stop]
            h.send_response(206)
            headers["Content-Range"] = f"bytes {start}-{start + len(data) - 1}/{entry['size']}"
        else:
            h.send_response(200)
        headers["Content-Length"] = str(len(data))
        for k, v in headers.items():
            h.send_header(k, v)
        h.end_headers()
        if body:
            h.wfile.write(data)

    def stop(self) -> None:
        super().stop()
        self.cdn.stop()
        shutil.rmtree(self._cdn_dir, ignore_errors=True)
