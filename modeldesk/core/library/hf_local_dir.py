"""The bookkeeping `hf download --local-dir` keeps beside a repo's files, written for what ModelDesk
fetched: DIR/.cache/huggingface/download/<path>.metadata holding the commit, the file's etag (its LFS
sha256, else its git blob id) and a time no older than the file. The official client then finds every
file current at that commit and fetches nothing (huggingface_hub/_local_folder.py reads it so)."""

from __future__ import annotations

import time
from pathlib import Path

from modeldesk.core.atomic import atomic_write

HF_DIR = Path(".cache") / "huggingface"


def write_download_metadata(folder: Path, commit: str, files: list[dict]) -> None:
    """files: manifest entries ({"path", "sha256"?, "git_sha1"?}), paths already checked relative."""
    base = Path(folder) / HF_DIR
    stamp = time.time()
    for e in files:
        etag = e.get("sha256") or e.get("git_sha1")
        if not etag or not (Path(folder) / e["path"]).is_file():
            continue
        meta = base / "download" / f"{e['path']}.metadata"
        meta.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(meta, f"{commit}\n{etag}\n{stamp}\n".encode(), mode=0o644)
    ignore = base / ".gitignore"
    if base.is_dir() and not ignore.exists():
        ignore.write_text("*")  # as the official client does: the bookkeeping stays out of git
