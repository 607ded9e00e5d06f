"""How often a job's resume data is refreshed (session_handlers.ResumeSaver.due): every second while a
small torrent downloads, as often as its size allows for a large one (a v2 or hybrid torrent's keeps
its verified hash trees, about 1/512 of the model), and once a minute otherwise."""

from __future__ import annotations

from modeldesk.core.contracts.source_kind import SourceKind
from modeldesk.core.torrent.job import AddRequest, TorrentJob
from modeldesk.core.torrent.session_handlers import ResumeSaver
from modeldesk.core.torrent.sources import TorrentSource

MIB = 1024 * 1024
JOB_ID = "cd" * 20


def _job(resume_size: int, saved_at: float = 100.0) -> TorrentJob:
    src = TorrentSource(JOB_ID, "model", SourceKind.MAGNET, "magnet:?xt=urn:btih:" + JOB_ID)
    job = TorrentJob(JOB_ID, AddRequest(src, "/nowhere"))
    job.resume_size, job.last_resume_save = resume_size, saved_at
    return job


def _first_due(job: TorrentJob, downloading: bool) -> float:
    """Seconds after the last save at which a status tick (1 s apart) saves again."""
    return next(t for t in range(1, 200) if ResumeSaver.due(job, downloading, 100.0 + t))


def test_a_small_torrents_resume_data_is_saved_every_second_while_it_downloads():
    assert _first_due(_job(0), downloading=True) == 1
    assert _first_due(_job(100 * 1024), downloading=True) == 1


def test_a_large_ones_no_faster_than_its_size_allows_and_at_least_once_a_minute():
    assert _first_due(_job(2 * MIB), downloading=True) == 15  # 1 GiB hybrid: 16 s, a tick early is fine
    assert _first_due(_job(40 * MIB), downloading=True) == 54  # 20 GiB: the minute's 0.9
    assert _first_due(_job(0), downloading=False) == 60
