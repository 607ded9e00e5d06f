"""The bookkeeping `hf download --local-dir` keeps beside a repo's files, written for what ModelDesk
fetched: DIR/.cache/huggingface/download/<path>.metadata holding the commit, the file's etag (its LFS
sha256, else its git blob id) and a time no older than the file. The official client then finds every
file current at that commit and fetches nothing (huggingface_hub/_local_folder.py reads it so)."""

from __future__ import annotations

import time
from pathlib import Path

from modeldesk.core.base.beneath import write_beneath

HF_DIR = Path(".cache") / "huggingface"


def write_download_metadata(folder: Path, commit: str, files: list[dict], root: Path | None = None) -> None:
    """files: manifest entries ({"path", "sha256"?, "git_sha1"?}), paths already checked relative. Written
    below `root` (default: `folder`) without passing through a link (core/beneath.py)."""
    root = Path(root or folder)
    base = Path(folder).relative_to(root) / HF_DIR
    stamp = time.time()
    wrote = False
    for e in files:
        etag = e.get("sha256") or e.get("git_sha1")
        if not etag or not (Path(folder) / e["path"]).is_file():
            continue
        write_beneath(root, base / "download" / f"{e['path']}.metadata", f"{commit}\n{etag}\n{stamp}\n".encode())
        wrote = True
    if wrote:  # as the official client does: the bookkeeping stays out of git (a file already there stays)
        write_beneath(root, base / ".gitignore", b"*", replace=False)
