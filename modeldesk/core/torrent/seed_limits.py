"""Stopping at a seeding limit (--seed-ratio, --seed-time) without cutting a leecher off. Engine
thread only.

libtorrent counts a byte as uploaded once it is in the socket, and a pause closes the connections:
what a slow (rate-limited) leecher had not yet read was lost with them, and a seed that held the only
copy left it stuck a few MiB short. So at the limit a seeding job goes on serving the peers still
fetching from it (interested in us, not complete) for at most LINGER_S, then pauses gracefully (peers get the
blocks they asked for) and, after GRACEFUL_PAUSE_S, at once. The limit is announced when the torrent
has paused (engine._on_paused)."""

from __future__ import annotations

import libtorrent as lt

from modeldesk.core.base.messages import Message

LINGER_S = 60.0
GRACEFUL_PAUSE_S = 10.0  # how long peers may take to collect what they asked for


def reached(job, reason: Message, now: float) -> None:
    """A job met its limit: it pauses now, or (a seeding job some leecher still fetches from) later."""
    job.limit_reached, job.limit_reason, job.limit_at, job.limit_paused_at = True, reason, now, 0.0
    if not job.request.seed or not _still_fetching(job.handle):  # `get --no-seed` exits as soon as it is done
        _pause(job, now)


def _pause(job, now: float) -> None:
    job.limit_paused_at = now
    job.handle.pause(lt.torrent_handle.graceful_pause)


def _still_fetching(handle) -> bool:
    return any(p.flags & lt.peer_info.remote_interested and not p.flags & lt.peer_info.seed
               for p in handle.get_peer_info())


def tick(job, now: float) -> None:
    """Each status tick: pause a job at its limit once its leechers are served, or it waited long enough."""
    if job.limit_reason is None or job.handle is None or not job.handle.is_valid():
        return
    if not job.limit_paused_at:
        if now - job.limit_at < LINGER_S and _still_fetching(job.handle):
            return
        _pause(job, now)
    elif now - job.limit_paused_at > GRACEFUL_PAUSE_S:
        job.handle.pause()  # a peer that does not take what it asked for does not hold it up
