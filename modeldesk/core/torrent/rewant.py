"""Changing what a running torrent wants (engine thread only): live file priorities, a recheck
the user asked for, and the restart that gets a complete torrent downloading again.

libtorrent keeps the seeds it dropped while the torrent was complete marked as seeds and never
dials them again once the torrent wants more (its connect candidates are not recounted; see
qBittorrent #6336). So when files are wanted again, the torrent is added afresh from new resume
data, and peers are asked for at once.
"""

from __future__ import annotations

import libtorrent as lt

from modeldesk.core.base.constants import INCOMPLETE_SUFFIX
from modeldesk.core.base.errors import BadInputError
from modeldesk.core.base.messages import N_
from modeldesk.core.torrent.job import TorrentJob
from modeldesk.core.torrent.peer_search import dial, hints_of


def change_priorities(job: TorrentJob, priorities: dict[int, int]) -> None:
    """Apply {file index: priority}; a complete torrent that now wants more is restarted."""
    if not job.has_metadata:
        raise BadInputError(N_("{name}: its file list has not arrived yet."), name=job.request.source.name)
    prios = list(job.handle.get_file_priorities())
    for index, prio in priorities.items():
        if not 0 <= index < len(prios) or not 0 <= prio <= 7:
            raise BadInputError(N_("No file {index} with priority {prio} in {name}."),
                                index=index, prio=prio, name=job.request.source.name)
        prios[index] = prio
    if not any(prios[e.index] for e in job.files):
        raise BadInputError(N_("At least one file must stay selected; remove the job to drop them all."))
    for index, name in job.reselect({e.index for e in job.files if prios[e.index] > 0}).items():
        job.handle.rename_file(index, name)
    job.handle.prioritize_files(prios)
    if job.finished:
        progress = job.handle.file_progress(flags=lt.torrent_handle.piece_granularity)
        job.finished = all(progress[e.index] == e.size for e in job.files if e.selected)
        if not job.finished:
            job.synced = ""
            _restart_after_save(job, prios)


def start_recheck(job: TorrentJob) -> None:
    job.finished, job.synced = False, ""
    job.rechecking = True
    if job.failed:
        job.failed = False
        job.handle.clear_error()
    job.handle.force_recheck()
    job.handle.resume()


def refetch(job: TorrentJob, damaged) -> None:
    """A recheck found damaged files: they lose their final names until whole again, and the
    torrent restarts so it dials the seeds it dropped while complete."""
    if job.request.rename_incomplete:
        for e in damaged:
            if e.index not in job.incomplete:
                job.incomplete.add(e.index)
                job.handle.rename_file(e.index, e.path + INCOMPLETE_SUFFIX)
    _restart_after_save(job, list(job.handle.get_file_priorities()))


def _restart_after_save(job: TorrentJob, prios: list[int]) -> None:
    job.readd = prios  # the engine re-adds it when this resume data arrives
    job.handle.save_resume_data(lt.torrent_handle.save_info_dict)


def readd(ses, job: TorrentJob, params, dht: bool) -> None:
    """Add the torrent afresh from `params` (its new resume data); raises RuntimeError."""
    params.file_priorities, job.readd = job.readd, None
    params.piece_priorities = []  # saved ones would override the file priorities just set
    params.flags &= ~(lt.torrent_flags.paused | lt.torrent_flags.auto_managed)
    ses.remove_torrent(job.handle)
    job.handle = ses.add_torrent(params)
    h = job.handle
    h.force_reannounce()
    if dht:
        h.force_dht_announce()
    dial(h, hints_of(job.request.source.text))  # the link's peer hints
