"""Read a torrent's live details from its handle (engine thread only): files with progress and
priority, peers, trackers, and its magnet link."""

from __future__ import annotations

import hashlib

import libtorrent as lt

from modeldesk.core.contracts.models import PeerServed
from modeldesk.core.base.urls import is_lan_address
from modeldesk.core.contracts.details import FileDetail, JobDetails, PeerDetail, TrackerDetail
from modeldesk.core.torrent.job import TorrentJob

_P = lt.peer_info
# (flag, letter): d we want their pieces, u they want ours, D we choke them, U they choke us,
# O optimistic unchoke, S snubbed, E encrypted; then where we heard of the peer: H DHT, X PEX,
# L local discovery, T tracker. Letters in the spirit of qBittorrent's, not its exact meanings.
_FLAGS = ((_P.interesting, "d"), (_P.remote_interested, "u"), (_P.choked, "D"), (_P.remote_choked, "U"),
          (_P.optimistic_unchoke, "O"), (_P.snubbed, "S"), (_P.rc4_encrypted, "E"),
          (_P.plaintext_encrypted, "E"))
_SOURCES = ((_P.dht, "H"), (_P.pex, "X"), (_P.lsd, "L"), (_P.tracker, "T"))


def peer_flags(p) -> str:
    letters = [ch for bit, ch in _FLAGS if p.flags & bit]
    letters += [ch for bit, ch in _SOURCES if p.source & bit]
    return "".join(dict.fromkeys(letters))


def _client(p) -> str:
    c = p.client
    return c.decode("utf-8", "replace") if isinstance(c, bytes) else str(c)


def _tracker(entry: dict) -> TrackerDetail:
    endpoints = entry.get("endpoints") or []
    results = [ih for ep in endpoints for ih in (ep.get("info_hashes") or [ep])]
    updating = any(r.get("updating") for r in results)
    working = any(r.get("fails", 0) == 0 and r.get("start_sent") for r in results)
    errors = [r for r in results if r.get("fails", 0) > 0]
    message = next((r.get("message") for r in results if r.get("message")), "")
    if updating:
        status = "updating"
    elif working:
        status = "working"
    elif errors:
        status = "error"
        if not message:
            err = errors[0].get("last_error") or {}
            message = f"error {err.get('value')}" if err.get("value") else ""
    else:
        status = "not contacted"
    peers = max((r.get("scrape_complete", -1) + max(0, r.get("scrape_incomplete", -1))
                 for r in results if r.get("scrape_complete", -1) >= 0), default=-1)
    return TrackerDetail(entry["url"], int(entry.get("tier", 0)), status, peers, message)


def job_details(job: TorrentJob) -> JobDetails:
    h = job.handle
    if h is None or not h.is_valid():
        return JobDetails(job.job_id)
    magnet = lt.make_magnet_uri(h)
    if not job.has_metadata:
        return JobDetails(job.job_id, trackers=tuple(_tracker(t) for t in h.trackers()), magnet=magnet)
    progress = h.file_progress(flags=lt.torrent_handle.piece_granularity)
    prios = h.get_file_priorities()
    files = tuple(FileDetail(e.index, e.path, e.size, int(progress[e.index]), int(prios[e.index]))
                  for e in job.files)
    peers = tuple(
        PeerDetail(f"{p.ip[0]}:{p.ip[1]}", _client(p), int(p.payload_down_speed), int(p.payload_up_speed),
                   float(p.progress), peer_flags(p))
        for p in h.get_peer_info()
    )
    trackers = tuple(_tracker(t) for t in h.trackers())
    return JobDetails(job.job_id, files, peers, trackers, magnet=magnet, files_editable=True)


def peers_served(job_id: str, peers) -> tuple[PeerServed, ...]:
    """Peers we uploaded to, each under a stable anonymous key (for the thanks board)."""
    served = []
    for p in peers:
        if p.total_upload <= 0:
            continue
        raw = f"{p.ip[0]}|{p.pid}|{p.client}".encode("utf-8", "replace")
        served.append(PeerServed(job_id, hashlib.sha256(raw).hexdigest()[:20], p.total_upload,
                                 lan=is_lan_address(p.ip[0])))
    return tuple(served)


def served_by(job, every: bool) -> tuple[PeerServed, ...]:
    """Peers of a job that uploaded since the last look (or, with every, is uploading now)."""
    snap = job.last_snapshot
    if snap is None or not job.handle.is_valid():
        return ()
    if snap.uploaded > job.uploaded_at_scan or (every and snap.up_rate > 0):
        job.uploaded_at_scan = snap.uploaded
        # post_peer_info's alert has no Python converter in the 2.1 bindings: ask directly.
        return peers_served(job.job_id, job.handle.get_peer_info())
    return ()
