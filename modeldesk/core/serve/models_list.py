"""GET /api/models and /api/datasets: the library's repos as the Hugging Face hub lists them (so
`huggingface_hub.list_models` reads it), each with a "modeldesk" part for the web page: its hub,
commit, size, files held, whether it seeds and to how many peers, the command that downloads it from
this server, its magnet, and its entry for a project's modeldesk.lock."""

from __future__ import annotations

import threading
import time

from modeldesk.core.base.repo_ids import DATASETS
from modeldesk.core.projects.lockfile import LockedFile, LockedModel, model_entry
from modeldesk.core.serve.catalog import Catalog, Snapshot
from modeldesk.core.serve.job_board import JobBoard


class ModelsList:
    def __init__(self, catalog: Catalog, board: JobBoard):
        self._catalog = catalog
        self._board = board
        self._locks: dict[tuple[str, str, str], str] = {}
        self._lock = threading.Lock()

    def listing(self, datasets: bool, base_url: str) -> list[dict]:
        """The newest commit of each repo the library holds (models or datasets)."""
        newest: dict[tuple[str, str], Snapshot] = {}
        for s in self._catalog.snapshots():  # newest first within a repo
            if s.repo.startswith(DATASETS) == datasets:
                newest.setdefault((s.hub, s.repo), s)
        return [self._entry(s, base_url) for s in newest.values()]

    def _entry(self, s: Snapshot, base_url: str) -> dict:
        name = s.repo.removeprefix(DATASETS)
        jobs = [j for j in (self._board.job(i) for i in s.jobs) if j is not None]
        seeding = any(j["state"] == "seeding" for j in jobs)
        if s.hub == "ms":
            kind = "--dataset" if s.repo.startswith(DATASETS) else "--model"
            command = f"MODELSCOPE_ENDPOINT={base_url} modelscope download {kind} {name}"
        else:
            kind = " --repo-type dataset" if s.repo.startswith(DATASETS) else ""
            command = f"HF_ENDPOINT={base_url} hf download {name}{kind}"
        return {
            "_id": s.commit[:24], "id": name, "modelId": name, "sha": s.commit, "private": False,
            "lastModified": time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime(s.seen_at)),
            "modeldesk": {
                "hub": s.hub, "repo": s.repo, "commit": s.commit, "revision": s.revision,
                "size": sum(f.size for f in s.files.values()), "files": len(s.files), "held": s.held,
                "seeding": seeding, "peers": sum(j["peers"] for j in jobs),
                "uploaded": sum(j["uploaded"] for j in jobs),
                "command": command, "magnet": s.magnet, "lock": self._lock_entry(s),
            },
        }

    def _lock_entry(self, s: Snapshot) -> str | None:
        """The model's [[model]] table (its small files' sha256 read once); None while a file is not held."""
        key = (s.hub, s.repo, s.commit)
        with self._lock:
            if key in self._locks:
                return self._locks[key]
        files = []
        for f in s.files.values():
            if f.disk is None:
                return None
            sha = f.sha256 or self._catalog.sha256_of(f)
            if sha is None:
                return None
            files.append(LockedFile(f.path, f.size, sha))
        model = LockedModel(f"models/{s.repo.rsplit('/', 1)[-1]}", s.repo, tuple(files), repo=s.repo, hub=s.hub,
                            revision=s.revision, commit=s.commit, magnet=s.magnet)
        text = model_entry(model)
        with self._lock:
            self._locks[key] = text
        return text
