"""Build libtorrent add_torrent_params for a job: from resume data when we have it, else from
the source; always with our save path, part-file folder and flags."""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

import libtorrent as lt

from modeldesk.core.config.settings import TorrentSettings
from modeldesk.core.torrent.job import AddRequest
from modeldesk.core.torrent.session_config import torrent_flags
from modeldesk.core.torrent.sources import job_id_of

log = logging.getLogger(__name__)

# Every job runs: ModelDesk does not queue behind libtorrent's auto-manager. And it downloads: libtorrent
# puts a torrent that hit a full disk in upload mode, and its resume data keeps that flag; a new run after
# the space came back would otherwise ask no peer for anything.
_CLEAR = lt.torrent_flags.paused | lt.torrent_flags.auto_managed | lt.torrent_flags.upload_mode


def _from_resume(request: AddRequest):
    if not request.resume_data:
        return None
    try:
        atp = lt.read_resume_data(request.resume_data)
    except RuntimeError as exc:
        log.warning("resume data for %s is unusable (%s); checking files instead", request.source.job_id, exc)
        return None
    if job_id_of(atp.info_hashes) != request.source.job_id:
        log.warning("resume data for %s belongs to another torrent; ignored", request.source.job_id)
        return None
    return atp


def build_add_params(request: AddRequest, parts_dir: Path, settings: TorrentSettings):
    atp = _from_resume(request)
    if atp is None:
        if request.source.has_metadata:
            # load_torrent_buffer, not torrent_info(): its info keeps no web seeds of its own, so the
            # url-list lands in atp.url_seeds, where the engine decides who fetches from them.
            atp = lt.load_torrent_buffer(request.source.torrent)
            if request.source.text.startswith("magnet:"):  # metadata a preview fetched: keep the link's hints
                _merge_magnet_hints(atp, lt.parse_magnet_uri(request.source.text))
        else:
            atp = lt.parse_magnet_uri(request.source.text)
    else:
        if request.source.has_metadata:
            # Resume data keeps the info dict only: the url-list comes from the .torrent again.
            loaded = lt.load_torrent_buffer(request.source.torrent)
            if atp.ti is None:
                atp.ti = loaded.ti
            atp.url_seeds = list(atp.url_seeds) + [u for u in loaded.url_seeds if u not in atp.url_seeds]
        if request.source.text:
            _merge_magnet_hints(atp, lt.parse_magnet_uri(request.source.text))
    if atp.ti is None:
        # Until we have checked the file names and applied the selection, want nothing.
        atp.flags |= lt.torrent_flags.default_dont_download
    atp.flags &= ~_CLEAR
    atp.flags |= torrent_flags(settings)
    atp.save_path = request.save_path
    sweep_misplaced_parts(parts_dir, request.save_path)
    atp.part_file_dir = part_file_dir(parts_dir, request.save_path)
    atp.download_limit, atp.upload_limit = (limit if limit > 0 else -1 for limit in request.limits)
    return atp


def part_file_dir(parts_dir: Path, save_path: str) -> str:
    """The part-file folder as libtorrent 2.1 takes it: it joins this setting onto the save path even
    when it is absolute (/state/parts became PROJECT/state/parts), so it is given relative to the save
    path. Where no relative path exists (another drive on Windows) the part file stays hidden beside
    the model (".<hash>.parts" in the save path), as qBittorrent keeps it."""
    try:
        return os.path.relpath(Path(parts_dir).resolve(), Path(save_path).resolve())
    except ValueError:
        return "."


_PART_FILE = re.compile(r"\.[0-9a-f]{40,64}\.parts")


def sweep_misplaced_parts(parts_dir: Path, save_path: str) -> None:
    """Part files an earlier version left inside the project (libtorrent put /STATE/parts at
    PROJECT/STATE/parts) go back to the state folder, and the folders that held only them are removed."""
    root = Path(save_path)
    misplaced = root / str(Path(parts_dir).resolve()).lstrip(os.sep)
    if not misplaced.is_dir() or misplaced.is_symlink():
        return
    for f in misplaced.iterdir():
        if _PART_FILE.fullmatch(f.name) and f.is_file() and not f.is_symlink():
            try:
                Path(parts_dir).mkdir(parents=True, exist_ok=True)
                if not (Path(parts_dir) / f.name).exists():
                    os.replace(f, Path(parts_dir) / f.name)
                else:
                    f.unlink()
            except OSError as exc:
                log.info("misplaced part file %s left: %s", f, exc)
    folder = misplaced
    while folder != root and root in folder.parents:
        try:
            folder.rmdir()  # only an empty folder goes
        except OSError:
            return
        folder = folder.parent


def _merge_magnet_hints(atp, magnet) -> None:
    """Peers (x.pe), trackers (tr) and web seeds (ws) of the link still count on a resumed run."""
    atp.peers = list(atp.peers) + [p for p in magnet.peers if p not in atp.peers]
    atp.trackers = list(atp.trackers) + [t for t in magnet.trackers if t not in atp.trackers]
    atp.url_seeds = list(atp.url_seeds) + [u for u in magnet.url_seeds if u not in atp.url_seeds]


def set_metadata_params(atp, priorities: list[int], renames: dict[int, str]) -> None:
    atp.file_priorities = priorities
    atp.piece_priorities = []  # ModelDesk sets none; saved ones would override the file priorities
    if renames:
        merged = dict(atp.renamed_files)
        merged.update(renames)
        atp.renamed_files = merged
