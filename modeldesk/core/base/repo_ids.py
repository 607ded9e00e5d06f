"""Hub repository ids as the hub's URLs and `hf://` paths write them: `org/name` for a model,
`datasets/org/name` for a dataset. The prefix is part of the id everywhere (library, lock, torrents),
so a file's resolve URL is always ENDPOINT/<id>/resolve/<commit>/<path>."""

from __future__ import annotations

import re

DATASETS = "datasets/"
REPO_ID = re.compile(r"^(?!.*\.\.)(?:datasets/)?[A-Za-z0-9][A-Za-z0-9._-]{0,95}/[A-Za-z0-9][A-Za-z0-9._-]{0,95}$")


COMMIT = re.compile(r"^[0-9a-f]{40}$")  # a full git commit id, as hubs pin revisions


def is_commit(text: str) -> bool:
    return bool(COMMIT.match(text))


def is_repo_id(text: str) -> bool:
    return bool(REPO_ID.match(text))


def api_root(repo_id: str) -> str:
    """Where the hub's API answers for the repo: /api/models/org/name or /api/datasets/org/name."""
    if repo_id.startswith(DATASETS):
        return f"/api/datasets/{repo_id[len(DATASETS):]}"
    return f"/api/models/{repo_id}"
