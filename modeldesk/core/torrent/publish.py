"""Make the .torrent of a publish plan: hybrid (v1 + v2), deterministic, with BEP 19 web seeds.

libtorrent hashes the files (v1 pieces, v2 merkle trees and the pad files between them). It reads
them as `base/<torrent name>/<path>`; the torrent's name is not always the folder's (a hub model is
named by its commit), so `base` is a private folder holding one link of that name to the model folder.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Protocol

import libtorrent as lt

from modeldesk.core.contracts.hub_refs import HubKey
from modeldesk import __version__
from modeldesk.core.base.errors import DiskError
from modeldesk.core.base.messages import N_
from modeldesk.core.torrent.sources import HUB_KEY

_DN = re.compile(r"(?<=[?&])dn=[^&]*")


class TorrentLayout(Protocol):
    """What a torrent is made of; core.publish's PublishPlan is one (this layer does not import it)."""

    @property
    def folder(self) -> Path: ...
    @property
    def name(self) -> str: ...  # the torrent's name
    @property
    def files(self) -> tuple[tuple[str, int], ...]: ...  # (path relative to the folder, size), sorted
    @property
    def piece_size(self) -> int: ...
    @property
    def web_seeds(self) -> tuple[str, ...]: ...
    @property
    def hub(self) -> HubKey | None: ...  # (org/name, commit, hub) of a hub model
    @property
    def sha256(self) -> Mapping[str, str]: ...  # path -> hex, from the hub manifest


def build_torrent(plan: TorrentLayout, trackers: tuple[str, ...] = (), private: bool = False, comment: str = "",
                  progress: Callable[[int, int], None] | None = None, v1_only: bool = False) -> bytes:
    """The .torrent's bytes. Nothing that varies between machines goes in: no creation date, no file
    times or modes (so no "x" attribute), the files in sorted order. Hybrid unless `v1_only`, for
    clients that cannot read a v2 info dictionary at all (Transmission 3, still Debian 12's)."""
    entries = [lt.create_file_entry(f"{plan.name}/{rel}", size) for rel, size in plan.files]
    ct = lt.create_torrent(entries, plan.piece_size, lt.create_torrent.v1_only if v1_only else 0)
    for i, url in enumerate(trackers):
        ct.add_tracker(url, i)
    for url in plan.web_seeds:
        ct.add_url_seed(url)
    if private:
        ct.set_priv(True)
    num_pieces = ct.num_pieces()
    with tempfile.TemporaryDirectory(prefix="modeldesk-publish-") as base:
        os.symlink(plan.folder, Path(base) / plan.name, target_is_directory=True)
        try:
            if progress is None:
                lt.set_piece_hashes(ct, base)
            else:
                lt.set_piece_hashes(ct, base, lambda piece: progress(piece + 1, num_pieces))
        except RuntimeError as exc:
            raise DiskError(N_("Reading {folder} failed while hashing it: {exc}."),
                            folder=plan.folder, exc=exc) from None
    doc = ct.generate()
    doc.pop(b"creation date", None)
    doc[b"created by"] = f"ModelDesk {__version__}".encode()
    if comment:
        doc[b"comment"] = comment.encode()
    if plan.hub is not None:
        repo, commit, hub = plan.hub
        meta: dict[bytes, object] = {b"repo": repo.encode(), b"commit": commit.encode()}
        if hub != "hf":  # a torrent without it names a Hugging Face repo, as before hubs were two
            meta[b"hub"] = hub.encode()
        if plan.sha256:
            meta[b"sha256"] = {p.encode(): h.encode() for p, h in sorted(plan.sha256.items())}
        doc[HUB_KEY] = meta
    return lt.bencode(doc)


def magnet_of(torrent: bytes, display_name: str = "") -> str:
    """btih and btmh (hybrid), dn, every tracker and every web seed (ws)."""
    link = lt.make_magnet_uri(lt.torrent_info(torrent))
    if display_name:
        from urllib.parse import quote

        link = _DN.sub("dn=" + quote(display_name, safe=""), link, count=1)
    return link


def info_hashes(torrent: bytes) -> tuple[str, str | None]:
    """(v1 hex, v2 hex) of a hybrid torrent; v2 is None for a v1-only one."""
    hashes = lt.torrent_info(torrent).info_hashes()
    return str(hashes.v1), str(hashes.v2) if hashes.has_v2() else None
