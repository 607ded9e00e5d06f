"""The torrent half of a hybrid job: which pieces the mirrors fetch, and the pieces they send.

libtorrent stays the owner of storage and piece checks. The web seeds a torrent names (its
url-list, a magnet's ws=) are taken away from libtorrent's own web-seed client and given to our
HTTP engine (a PieceFeed), which fetches whole pieces over many connections and mirrors; each
arrives through `torrent_handle.add_piece` and is hashed like a peer's.

A machine of a LAN that another downloading machine is ahead of leaves the mirrors to it
(lan_first.py). Peers and mirrors keep off each other's pieces: mirrors take first the pieces no connected peer
has, then from the end of the torrent (libtorrent's picker works rarest-first among the rest), never
one a peer is downloading; a claimed piece drops to the lowest priority, so peers pick it only
when nothing else is left (the end game). In the end game mirrors take from the back of the peers'
request queues (pieces_for_mirrors). A piece that fails its hash counts against the mirror
that sent it. Engine thread only, except Claims' PieceSource methods, which any thread may call.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from urllib.parse import quote

import libtorrent as lt

from modeldesk.core.contracts.details import JobDetails
from modeldesk.core.contracts.models import JobSnapshot
from modeldesk.core.contracts.piece_layout import FeedFactory, PieceFeed, PieceLayout, WebFile
from modeldesk.core.torrent.job import TorrentJob
from modeldesk.core.torrent.lan_first import LanFirst
from modeldesk.core.torrent.session_config import V2_CHECKS_ONLY

log = logging.getLogger(__name__)

REFRESH_S = 0.5  # how often the list of pieces for mirrors is made again (sooner when it runs dry)
CLAIMED_PRIORITY = 1  # libtorrent's lowest wanted priority: peers take these pieces last
STUCK_S = 10.0  # a piece peers have had in flight this long may be helped by a mirror
# After a failed hash check libtorrent clears the piece on its disk thread; a piece added again before
# that ends is written, then forgotten, and never checked. So a failed piece rests before it is offered
# again, and a piece handed over that neither passes nor fails in ADDED_TIMEOUT_S is offered again.
REST_AFTER_FAILURE_S = 2.0
ADDED_TIMEOUT_S = 15.0
Post = Callable[..., object]  # runs a function on the engine thread


def take_web_seeds(atp) -> tuple[str, ...]:
    """The URL seeds of a job (the torrent's url-list, the magnet's ws=, resume data's: build_add_params
    gathers them), removed from the add parameters so libtorrent's own web-seed client never fetches them."""
    urls = list(atp.url_seeds)
    atp.url_seeds = []
    return tuple(u for u in dict.fromkeys(urls) if u.startswith(("http://", "https://")))


def layout_of(ti, flags: int = 0) -> PieceLayout:
    """The layout under the torrent's own names (a handle's view carries our incomplete renames);
    `flags`: the torrent's, which say whether libtorrent checks its v1 hashes."""
    pristine = lt.torrent_info(b"d4:info" + bytes(ti.info_section()) + b"e")
    fs = pristine.layout()
    files = tuple(WebFile(fs.file_path(i).replace("\\", "/"), fs.file_offset(i), fs.file_size(i),
                          bool(fs.file_flags(i) & lt.file_storage.flag_pad_file))
                  for i in range(fs.num_files()))
    multi = fs.num_files() > 1 or "/" in files[0].path
    sha1 = tuple(bytes(pristine.hash_for_piece(i)) for i in range(pristine.num_pieces())) \
        if pristine.info_hashes().has_v1() else ()
    v1_checked = bool(sha1) and not (pristine.info_hashes().has_v2() and int(flags) & V2_CHECKS_ONLY)
    return PieceLayout(pristine.name(), pristine.piece_length(), files, multi, sha1, v1_checked)


def pieces_for_mirrors(have, prios, avail, busy: dict[int, dict], queued_since: dict[int, float],
                       skip: set[int], now: float, peers_keep: int) -> list[int]:
    """The pieces mirrors may take, best first. While there are pieces no peer is downloading: those no
    connected peer has, then from the end of the torrent, away from where libtorrent's picker works.

    Then the end: every piece left is with a mirror or in a peer's queue, and a fast peer's queue holds
    seconds of requests (libtorrent asks for request_queue_time's worth, up to max_out_request_queue
    blocks), which mirrors would otherwise sit out. They take the pieces peers asked for but have not
    begun to receive, the last asked first: the peer reaches those last, and a request it has not sent
    yet is dropped once the piece is in. The first `peers_keep` pieces of the queue stay the peers'
    (what they bring while a mirror fetches a piece: taking those would only fetch them twice). Then
    pieces peers have held a long time (STUCK_S)."""
    left = [p for p in range(len(have)) if not have[p] and prios[p] > 0 and p not in skip]
    free = [p for p in left if p not in busy]
    if free:
        return sorted(free, key=lambda p: (avail[p] > 0, -p))
    def begun(p: int) -> bool:
        return any(b["state"] > 1 or b["bytes_progress"] for b in busy[p]["blocks"])
    queue = sorted(left, key=lambda p: (not begun(p), queued_since.get(p, now), p))  # as the peers get them
    untouched = [p for p in queue[peers_keep:] if not begun(p)][::-1]
    offered = set(untouched)
    stuck = sorted((p for p in left if p not in offered and now - queued_since.get(p, now) >= STUCK_S),
                   key=lambda p: queued_since.get(p, now))
    return untouched + stuck


class Claims:
    """The pieces one feed run may take (a PieceSource). A new run gets a new Claims; a stopped one
    ignores what its connections still send."""

    def __init__(self, post: Post, on_engine: HybridJob):
        self._post = post
        self._job = on_engine
        self._lock = threading.Lock()
        self._queue: deque[int] = deque()
        self.taken: set[int] = set()
        self.closed = False
        self.starved = False

    def offer(self, pieces: list[int]) -> None:
        with self._lock:
            self._queue = deque(p for p in pieces if p not in self.taken)
            self.starved = False

    def claim(self) -> int | None:
        with self._lock:
            while self._queue and not self.closed:
                p = self._queue.popleft()
                if p not in self.taken:
                    self.taken.add(p)
                    self._post(self._job.lower, self, p)
                    return p
            self.starved = True
            return None

    def held(self) -> set[int]:
        """A copy of the pieces this run holds (connections add to them from their threads)."""
        with self._lock:
            return set(self.taken)

    def deliver(self, piece: int, data: bytes, mirror: str) -> None:
        self._post(self._job.add_piece, self, piece, data, mirror)

    def give_back(self, piece: int) -> None:
        self._post(self._job.release, self, piece)

    def forget(self, piece: int) -> None:
        with self._lock:
            self.taken.discard(piece)


@dataclass
class HybridJob:
    """One torrent job with web seeds: its feed (while it downloads) and the pieces in flight."""

    job: TorrentJob
    bases: tuple[str, ...]
    layout: PieceLayout | None = None
    feed: PieceFeed | None = None
    claims: Claims | None = None
    lowered: dict[int, int] = field(default_factory=dict)  # piece -> the priority it had
    added: dict[int, tuple[str, float]] = field(default_factory=dict)  # piece handed over -> (its mirror, when)
    resting: dict[int, float] = field(default_factory=dict)  # piece that failed -> when it may be offered
    clock: Callable[[], float] = time.monotonic
    in_queue_since: dict[int, float] = field(default_factory=dict)
    lan_first: LanFirst = field(default_factory=LanFirst)  # whether the LAN ahead of us leaves mirrors out
    next_refresh: float = 0.0
    mirror_bytes: int = 0  # verified bytes from mirrors, this run
    last_mirrors: tuple = ()  # the Mirrors tab's rows when the feed last ran
    sharing: bool = False  # the job's download limit is split between peers and mirrors (share_limit)

    # -- PieceSource callbacks, on the engine thread ---------------------------------------
    def lower(self, claims: Claims, piece: int) -> None:
        h = self.job.handle
        if claims is not self.claims or not h.is_valid():
            return
        prio = int(h.piece_priority(piece))
        if prio > CLAIMED_PRIORITY:
            self.lowered[piece] = prio
            h.piece_priority(piece, CLAIMED_PRIORITY)

    def release(self, claims: Claims, piece: int) -> None:
        claims.forget(piece)
        if claims is not self.claims:
            return
        prio = self.lowered.pop(piece, 0)
        h = self.job.handle
        if prio and h.is_valid() and not h.have_piece(piece) and int(h.piece_priority(piece)) == CLAIMED_PRIORITY:
            h.piece_priority(piece, prio)

    def add_piece(self, claims: Claims, piece: int, data: bytes, mirror: str) -> None:
        h = self.job.handle
        if claims is not self.claims or not h.is_valid() or h.have_piece(piece):
            self.release(claims, piece)
            return
        self.added[piece] = (mirror, self.clock())
        # Overwrite: the whole piece is the mirror's, so the hash check judges its bytes alone (blocks
        # left by a piece that just failed, or by a peer, would otherwise be kept and blamed on it).
        assert self.layout is not None
        h.add_piece(piece, data[:self.layout.handed_size(piece)], lt.add_piece_flags_t.overwrite_existing)

    def hash_failed(self, piece: int) -> None:
        mirror, _at = self.added.pop(piece, (None, 0.0))
        if mirror is None or self.claims is None:
            return
        self.resting[piece] = self.clock() + REST_AFTER_FAILURE_S
        if self.feed is not None:
            self.feed.bad_piece(mirror)
        self.release(self.claims, piece)

    # -- the engine loop -------------------------------------------------------------------
    def wants_mirrors(self, st) -> bool:
        j = self.job
        return (j.has_metadata and not j.finished and not j.failed and not j.distrust_disk and not j.rechecking
                and not st.flags & lt.torrent_flags.paused and st.state == lt.torrent_status.states.downloading)

    def refresh(self, st, now: float) -> None:
        """Pieces mirrors brought that are now verified, and a new list of pieces for them."""
        assert self.claims is not None and self.layout is not None
        h, have = self.job.handle, st.pieces
        for piece in [p for p in self.added if have[p]]:
            del self.added[piece]
            self.mirror_bytes += self.layout.piece_size(piece)
            self.lowered.pop(piece, None)
            self.claims.forget(piece)
        for piece in [p for p, (_m, at) in self.added.items() if now - at >= ADDED_TIMEOUT_S]:
            log.debug("piece %d was handed over and never checked; offered again", piece)
            del self.added[piece]
            self.release(self.claims, piece)
        self.resting = {p: t for p, t in self.resting.items() if t > now}
        if self.lan_first.holds_mirrors(h, st, now):  # the LAN ahead of us brings what we lack
            self.claims.offer([])
            self.next_refresh = now + REFRESH_S
            return
        prios = h.get_piece_priorities()
        busy = {q["piece_index"]: q for q in h.get_download_queue()}
        self.in_queue_since = {p: self.in_queue_since.get(p, now) for p in busy}
        avail = h.piece_availability()
        if len(avail) != len(have):  # none once the torrent is complete (it then has no piece picker)
            avail = [0] * len(have)
        self.claims.offer(pieces_for_mirrors(have, prios, avail, busy, self.in_queue_since,
                                             self.claims.held() | set(self.resting), now, self.peers_keep(st)))
        self.next_refresh = now + REFRESH_S

    def peers_keep(self, st) -> int:
        """How many pieces at the head of the peers' queues mirrors leave to them in the end game: what
        peers bring (libtorrent's rate) in four times the time a mirror connection takes for a piece.
        Both rates are smoothed and late; with twice, the hybrid test's 2 MiB/s peer and mirror fetched
        up to 4.2 % twice, with four times 0.8-2.3 % and no slower. Before a mirror's speed is
        measured: all of them."""
        assert self.layout is not None
        seconds = self.feed.piece_time() if self.feed is not None else 0.0
        if not seconds:
            return len(st.pieces)
        return math.ceil(st.download_payload_rate * 4 * seconds / self.layout.piece_length)

    def share_limit(self, st) -> None:
        """The job's own download limit covers peers and mirrors together: each side may take what the
        other leaves, plus a tenth of the limit. Rates are measured late (libtorrent's average, the feed's
        3 s window), and without that slack the two held each other to 65-75 % of the limit; with it the
        job runs at about the limit (tests/integration/test_limits_and_moves.py)."""
        limit, h = self.job.request.limits[0], self.job.handle
        if self.feed is None or (limit <= 0 and not self.sharing):
            return
        if limit <= 0:
            h.set_download_limit(-1)
            self.feed.set_limit(0)
            self.sharing = False
            return
        slack = max(16 * 1024, limit // 10)
        self.feed.set_limit(max(slack, limit + slack - st.download_payload_rate))  # libtorrent counts peers only
        h.set_download_limit(max(slack, limit + slack - self.feed.rate()))
        self.sharing = True

    def stop_feed(self) -> None:
        if self.sharing and self.job.handle.is_valid():  # peers alone: the whole limit is theirs again
            self.job.handle.set_download_limit(self.job.request.limits[0] or -1)
        self.sharing = False
        if self.feed is not None:
            self.feed.stop()
        if self.claims is not None:
            self.claims.closed = True
            h = self.job.handle
            for piece, prio in self.lowered.items():
                if h.is_valid() and not h.have_piece(piece):
                    h.piece_priority(piece, prio)
        self.feed, self.claims = None, None
        self.lowered.clear()
        self.added.clear()


class WebFeeds:
    """Every hybrid job of the engine. `tick` runs on each turn of the engine loop."""

    def __init__(self, factory: FeedFactory | None, post: Post, clock: Callable[[], float] = time.monotonic):
        self._factory = factory
        self._post = post
        self._clock = clock
        self._jobs: dict[str, HybridJob] = {}

    @property
    def enabled(self) -> bool:
        return self._factory is not None

    def register(self, dispatcher) -> None:
        dispatcher.register("hash_failed_alert", self._on_hash_failed)

    def track(self, job: TorrentJob, bases: tuple[str, ...]) -> None:
        if bases and self._factory is not None:
            self._jobs[job.job_id] = HybridJob(job, bases, clock=self._clock)

    def bases(self, job_id: str) -> tuple[str, ...]:
        hj = self._jobs.get(job_id)
        return hj.bases if hj else ()

    def drop(self, job_id: str) -> None:
        hj = self._jobs.pop(job_id, None)
        if hj is not None:
            hj.stop_feed()

    def stop_all(self) -> None:
        for job_id in list(self._jobs):
            self.drop(job_id)

    def tick(self, job_failed: Callable[[TorrentJob, Exception, str], None]) -> None:
        """Feeds started, stopped and given pieces; a job whose feed raises is handed to job_failed."""
        now = self._clock()
        for hj in list(self._jobs.values()):
            claims = hj.claims
            if claims is not None and not claims.starved and now < hj.next_refresh:
                continue
            try:
                self._tick_one(hj, now)
            except Exception as exc:
                hj.stop_feed()
                hj.next_refresh = now + REFRESH_S
                if isinstance(exc, RuntimeError):  # the handle went away under us
                    log.debug("web feed of %s: %s", hj.job.job_id, exc)
                else:
                    job_failed(hj.job, exc, "web feed")

    def _tick_one(self, hj: HybridJob, now: float) -> None:
        h = hj.job.handle
        if h is None or not h.is_valid():
            return
        st = h.status(lt.torrent_handle.query_pieces)
        if not hj.wants_mirrors(st):
            if hj.feed is not None:
                hj.stop_feed()
            hj.next_refresh = now + REFRESH_S
            return
        if hj.feed is None:
            assert self._factory is not None
            if hj.layout is None:
                hj.layout = layout_of(h.torrent_file(), h.flags())
            hj.claims = Claims(self._post, hj)
            down = h.download_limit()
            hj.feed = self._factory(hj.job.job_id, hj.layout, hj.bases, hj.claims, max(0, down))
            hj.feed.start()
        hj.refresh(st, now)
        hj.share_limit(st)

    def _on_hash_failed(self, alert) -> None:
        for hj in self._jobs.values():
            if hj.job.handle is not None and hj.job.handle == alert.handle:
                hj.hash_failed(int(alert.piece_index))

    # -- what the outside sees -------------------------------------------------------------
    def adjust(self, snap: JobSnapshot) -> JobSnapshot:
        """A snapshot with the mirrors' bytes in: libtorrent counts only what peers sent."""
        hj = self._jobs.get(snap.job_id)
        if hj is None:
            return snap
        mirror = hj.feed.rate() if hj.feed is not None else 0
        in_use = hj.feed.in_use() if hj.feed is not None else 0
        rate = snap.down_rate + mirror
        left = snap.total_wanted - snap.total_done
        eta = snap.eta_seconds if not rate or left <= 0 else int(left / rate)
        return replace(snap, down_rate=rate, mirror_rate=mirror, eta_seconds=eta, mirror_downloaded=hj.mirror_bytes,
                       mirrors=in_use,
                       downloaded=snap.downloaded + hj.mirror_bytes,
                       session_downloaded=snap.session_downloaded + hj.mirror_bytes)

    def details(self, job_id: str, d: JobDetails) -> JobDetails:
        hj = self._jobs.get(job_id)
        if hj is None:
            return d
        if hj.feed is not None:  # the last look stays on show once the feed has stopped (finished, paused)
            hj.last_mirrors = hj.feed.details()
        mirrors = hj.last_mirrors
        ws = "".join(f"&ws={quote(u, safe='')}" for u in hj.bases)
        return replace(d, mirrors=mirrors, magnet=d.magnet + ws if d.magnet else d.magnet)
