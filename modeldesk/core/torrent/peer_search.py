"""Finding peers for a job that has none. Engine thread only.

Peer hints (a magnet's x.pe): libtorrent dials a peer that failed again only after (fails + 1) x
min_reconnect_time, and never after max_failcount fails. A hinted peer fails easily at first: a lab
seed not yet started, or still loading its torrents, refuses the handshake ("torrent not ready"). So
while a job has no peer its hints are given again as a tracker's word, which takes one off the peer's
fail count (libtorrent trusts a tracker that says a failed peer is there): the hint stays in play,
and with the session's min_reconnect_time of 10 s it is dialled again within about 10 s."""

from __future__ import annotations

from collections.abc import Iterable

import libtorrent as lt

REDIAL_S = 3.0


def hints_of(source_text: str) -> tuple[tuple[str, int], ...]:
    if not source_text.startswith("magnet:"):
        return ()
    try:
        return tuple(lt.parse_magnet_uri(source_text).peers)
    except RuntimeError:
        return ()


def dial(handle, hints: Iterable[tuple[str, int]], again: bool = False) -> None:
    source = lt.peer_info.tracker if again else 0
    for peer in hints:
        handle.connect_peer(peer, source)


def search_idle(job) -> None:
    """A running job connected to no peer has its hints dialled again."""
    if job.finished or job.failed or job.handle is None or not job.handle.is_valid():
        return
    hints = hints_of(job.request.source.text)
    if not hints:
        return
    st = job.handle.status()
    if st.num_peers == 0 and not st.flags & lt.torrent_flags.paused and not st.is_finished:
        dial(job.handle, hints, again=True)
