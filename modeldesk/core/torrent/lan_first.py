"""A hybrid job in a lab's LAN swarm leaves the mirrors to the machine that is ahead of it.

When a lab fetches a model that lives in a swarm and on mirrors, the first machine pulls from the
mirrors (the internet, over the lab's shared uplink) and every machine started after it finds it on the
LAN by LSD. Were each of them to fetch from the mirrors too, the uplink would carry the model many times
over and every machine would wait on it. So while a peer on the user's own network is ahead of this job
(downloading still, or done and seeding) and other machines of the LAN are downloading it as well (a
lab swarm), the job asks the mirrors for nothing new: the LAN brings those pieces. One seed on the LAN
and nobody else is the usual hybrid job (peers and mirrors together), and a job the LAN leaves waiting
for PATIENCE_S uses its mirrors again.
"""

from __future__ import annotations

import libtorrent as lt

from modeldesk.core.base.urls import is_lan_address

AHEAD = 0.01  # a peer this much further (of the torrent's pieces) is ahead
PEERS_FEED_US = 512 * 1024  # bytes/s from peers that count as the LAN feeding this job
PATIENCE_S = 5.0  # how long the LAN may feed a job less than that before its mirrors help


class LanFirst:
    def __init__(self) -> None:
        self._waiting_since: float | None = None

    def holds_mirrors(self, handle, st, now: float) -> bool:
        lan = [p for p in handle.get_peer_info() if is_lan_address(p.ip[0])]
        ahead = any(p.progress >= st.progress + AHEAD for p in lan)
        lab_swarm = any(not p.flags & lt.peer_info.seed for p in lan)
        if not (ahead and lab_swarm):
            self._waiting_since = None
            return False
        if st.download_payload_rate >= PEERS_FEED_US:  # libtorrent counts peers only, not mirrors' pieces
            self._waiting_since = None
            return True
        if self._waiting_since is None:
            self._waiting_since = now
        return now - self._waiting_since < PATIENCE_S
