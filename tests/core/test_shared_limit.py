"""The one download limit shared by BitTorrent and HTTP: shares that add up to the limit while both
download, the whole limit to a lone engine."""

from __future__ import annotations

from modeldesk.core.contracts.models import JobKind, JobSnapshot, JobState
from modeldesk.core.runtime.shared_limit import SETTLE_S, STALE_S, Demand, SharedDownloadLimit, split

MiB = 1024 * 1024
L = 8 * MiB


def snap(job: str, kind: JobKind, rate: int, state: JobState = JobState.DOWNLOADING) -> JobSnapshot:
    return JobSnapshot(job, kind, job, state, 0.5, 10, 5, rate, 0, 0, 0, 0, 0, 0, 0, None)


def test_split_shares_add_up_to_the_limit_while_both_download():
    idle = Demand(False, 0, L)
    assert split(0, Demand(True, 5 * MiB, 0), Demand(True, 5 * MiB, 0)) == (0, 0), "no limit stays no limit"
    assert split(L, Demand(True, 7 * MiB, L), idle) == (L, L), "a lone engine gets the whole limit"
    assert split(L, Demand(True, 4 * MiB, 4 * MiB), Demand(True, 4 * MiB, 4 * MiB)) == (4 * MiB, 4 * MiB)
    # The torrent's peers give only 2 MiB/s: it keeps 3 MiB/s, HTTP gets the rest.
    t, h = split(L, Demand(True, 2 * MiB, 4 * MiB), Demand(True, 4 * MiB, 4 * MiB))
    assert (t, h) == (3 * MiB, 5 * MiB)
    # A torrent that starts from nothing still has room to grow: a quarter of the limit.
    assert split(L, Demand(True, 0, L), Demand(True, 7.9 * MiB, L)) == (2 * MiB, 6 * MiB)
    # Neither uses its share (slow peers, slow mirror): each gets its use plus half of what is left.
    assert split(L, Demand(True, 1 * MiB, 4 * MiB), Demand(True, 2 * MiB, 4 * MiB)) == (3.5 * MiB, 4.5 * MiB)
    for t_rate in (0, MiB, 3 * MiB, 8 * MiB):
        for h_rate in (0, MiB, 5 * MiB):
            t, h = split(L, Demand(True, t_rate, 4 * MiB), Demand(True, h_rate, 4 * MiB))
            assert t + h == L and t > 0 and h > 0


class Recorder:
    def __init__(self):
        self.torrent: list[int] = []
        self.http: list[int] = []


def test_shares_follow_the_reported_rates_and_forget_stopped_jobs():
    now = [0.0]
    rec = Recorder()
    shared = SharedDownloadLimit(rec.torrent.append, rec.http.append, clock=lambda: now[0])

    def report(*snaps: JobSnapshot, after: float = SETTLE_S + 0.1) -> None:
        now[0] += after
        shared.observe(snaps)

    shared.set_limit(L)
    assert (rec.torrent[-1], rec.http[-1]) == (L, L)

    report(snap("h", JobKind.HTTP, 7 * MiB), snap("seed", JobKind.BT, 0, JobState.SEEDING))
    assert (rec.torrent[-1], rec.http[-1]) == (L, L), "a seeding torrent downloads nothing: HTTP gets it all"

    report(snap("t", JobKind.BT, 0), snap("h", JobKind.HTTP, 7 * MiB))  # a torrent starts
    assert (rec.torrent[-1], rec.http[-1]) == (L // 4, L - L // 4)

    calls = len(rec.http)
    report(snap("t", JobKind.BT, L // 4), after=0.2)
    assert len(rec.http) == calls, "a change is judged only by reports made a second after it"

    report(snap("t", JobKind.BT, L // 4), snap("h", JobKind.HTTP, L - L // 4))
    assert (rec.torrent[-1], rec.http[-1]) == (L // 2, L // 2), "both take all they get: half each"

    calls = len(rec.http)
    report(snap("t", JobKind.BT, L // 2 - 5000), snap("h", JobKind.HTTP, L // 2 - 1000))
    assert len(rec.http) == calls, "a small wobble is not re-applied"

    report(snap("h", JobKind.HTTP, L // 2), after=STALE_S + 1)  # the torrent stopped reporting (removed)
    assert rec.http[-1] == L

    shared.set_limit(0)
    assert (rec.torrent[-1], rec.http[-1]) == (0, 0)


def test_a_hybrid_jobs_mirrors_count_as_http_demand():
    """Its mirrors fetch through the HTTP engine's limiter, so they are HTTP demand: a torrent whose peers
    bring 1 MiB/s and mirrors 4 MiB/s, beside an HTTP job at 3 MiB/s, leaves HTTP the larger share.
    Counted as BitTorrent demand (as before), the split was 5 and 3 MiB/s, and the mirrors and the HTTP
    job squeezed into 3."""
    import dataclasses

    now = [0.0]
    rec = Recorder()
    shared = SharedDownloadLimit(rec.torrent.append, rec.http.append, clock=lambda: now[0])
    shared.set_limit(L)

    def report(*snaps: JobSnapshot) -> None:
        now[0] += SETTLE_S + 0.1
        shared.observe(snaps)

    hybrid = dataclasses.replace(snap("t", JobKind.BT, 5 * MiB), mirror_rate=4 * MiB, mirrors=2)
    report(hybrid, snap("h", JobKind.HTTP, 3 * MiB))
    assert (rec.torrent[-1], rec.http[-1]) == (2 * MiB, 6 * MiB)
    report(snap("t", JobKind.BT, 1 * MiB))  # the mirrors stopped (a plain torrent now) and the HTTP job ended
    now[0] += STALE_S + 1
    report(snap("t", JobKind.BT, 1 * MiB))
    assert (rec.torrent[-1], rec.http[-1]) == (L, L), "no HTTP demand is left: the torrent alone gets the limit"
