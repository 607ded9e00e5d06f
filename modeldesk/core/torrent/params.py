"""Build libtorrent add_torrent_params for a job: from resume data when we have it, else from
the source; always with our save path, part-file folder and flags."""

from __future__ import annotations

import logging
from pathlib import Path

import libtorrent as lt

from modeldesk.core.settings import TorrentSettings
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
    atp.part_file_dir = str(parts_dir)
    atp.download_limit, atp.upload_limit = (limit if limit > 0 else -1 for limit in request.limits)
    return atp


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
