"""Torrent jobs as the manager adds and removes them (the torrent side, as HttpJobs is the HTTP side):
where a torrent goes (placed from the library when it holds it whole, else into the engine with its
resume data, the metadata stored for a magnet met before, and its hub's endpoints and web seeds), and
a torrent placed in several folders handed on to one of them when it is removed."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path

from modeldesk.core.base.errors import BadInputError, DiskError, ModelDeskError
from modeldesk.core.base.messages import N_
from modeldesk.core.base.os_reasons import os_reason
from modeldesk.core.config.settings import Settings
from modeldesk.core.contracts import events as ev
from modeldesk.core.contracts.jobs import JobEngine, completed, failed, then
from modeldesk.core.contracts.models import FileEntry, JobKind, LibraryEntry
from modeldesk.core.contracts.hub_refs import HubKey
from modeldesk.core.http.hub_plan import hub_mirrors_of, hub_web_seeds
from modeldesk.core.library.store import InLibrary, Library
from modeldesk.core.placement.job_placement import delete_job_files, place_job_files, placeable
from modeldesk.core.placement.placing import LinkMode
from modeldesk.core.projects.projects import ensure_project_dir
from modeldesk.core.sources.adds import TorrentAdd
from modeldesk.core.torrent.lazy import LazyTorrents
from modeldesk.core.torrent.resume_store import ResumeStore
from modeldesk.core.torrent.sources import TorrentSource, parse_torrent_bytes, repo_hint


class TorrentJobs:
    def __init__(self, torrents: LazyTorrents, resume: ResumeStore, in_library: InLibrary,
                 on_event: Callable[[ev.Event], None], link_mode: Callable[[], LinkMode],
                 settings: Callable[[], Settings], running: Callable[[str], bool]):
        self._torrents = torrents
        self._resume = resume
        self._in_library = in_library
        self._on_event = on_event
        self._link_mode = link_mode
        self._settings = settings
        self._running = running  # the job runs in this process's torrent engine

    def add(self, add: TorrentAdd) -> Future:
        """Record the torrent job and start it; the future gives the job id."""
        project = ensure_project_dir(add.project_dir)
        src = add.source
        previous, stored = self._in_library(
            lambda lib: (lib.get(src.job_id), lib.torrent_bytes(src.job_id))).result()
        if previous is not None and previous.project_dir != str(project):
            files = placeable(previous, add.selection)
            if files is not None:  # whole in the library: placed here, seeded from where it is
                self.place(previous, files, project)
                if self._running(src.job_id):
                    return completed(src.job_id)
                add = dataclasses.replace(add, project_dir=previous.project_dir)
                project = Path(previous.project_dir)
        if self._running(src.job_id):  # before the library row changes
            where = previous.project_dir if previous else add.project_dir
            raise BadInputError(N_("{name} is already being downloaded here, into {where}."),
                                name=src.name, where=where)
        same_place = previous is not None and previous.project_dir == str(project)
        # Files already on disk (publish, seed --from, import --torrent) are checked whole unless a run
        # finished them: the resume data of a check cut short (kill -9) names pieces as missing that
        # are there, and libtorrent would wait for peers to send them.
        unfinished_check = not add.rename_incomplete and previous is not None and previous.progress < 1
        resume = self._resume.load(src.job_id) if same_place and not unfinished_check else None
        if stored and same_place and not src.has_metadata:
            # A magnet we met before: reuse the metadata we stored, so no peer is needed for it.
            src = dataclasses.replace(parse_torrent_bytes(stored, src.name), kind=src.kind, text=src.text)
        self._in_library(lambda lib: lib.add_job(
            job_id=src.job_id, kind=JobKind.BT, name=src.name, source_kind=src.kind, source=src.text or src.name,
            torrent=src.torrent or None, project_dir=str(project), selection=add.selection,
            options={"limits": list(add.limits)},
        )).result()
        return self._torrents.add(self._request(add, src, project, previous, same_place, resume))

    def _request(self, add: TorrentAdd, src: TorrentSource, project: Path, previous: LibraryEntry | None,
                 same_place: bool, resume: bytes | None):
        from modeldesk.core.torrent.job import AddRequest

        key = src.hub or (HubKey(hint, "") if (hint := repo_hint(src)) else None)  # a magnet's dn names the repo
        official, known = self._settings().http.hub_mirrors_of(key.hub if key else "hf")
        hubs = add.mirrors + known
        return AddRequest(
            source=src, save_path=str(project), selection=add.selection, resume_data=resume,
            rename_incomplete=add.rename_incomplete, seed=add.seed,
            base_uploaded=previous.uploaded if previous else 0,  # what this model gave back, anywhere
            base_downloaded=previous.downloaded if previous and same_place else 0,
            limits=add.limits, web_seeds=hub_web_seeds(src.hub, hubs, official),
            hub_endpoints=hub_mirrors_of(key, hubs, official),
            expected=add.expected,
        )

    def place(self, entry: LibraryEntry, files: list[FileEntry], project: Path) -> None:
        try:
            placed = place_job_files(entry, files, project, self._link_mode())
        except ModelDeskError:
            raise
        except OSError as exc:
            raise DiskError(N_("{name} could not be placed into {project}: {reason}."),
                            name=entry.name, project=project, reason=os_reason(exc)) from None
        self._in_library(lambda lib: lib.add_placement(entry.job_id, str(project))).result()
        for dest, used, src in placed:
            self._on_event(ev.FilePlaced(entry.job_id, str(dest), used.value, str(src)))

    def hand_on(self, entry: LibraryEntry, torrent: bytes, heirs: list[str], delete_files: bool,
                engine: JobEngine, add: Callable[[TorrentAdd], Future]) -> Future:
        """Remove a torrent placed in other folders too: the first of them (`heirs`) becomes its folder,
        seeded from there, and the other placements stay recorded. Blocking: off the GUI thread."""
        job_id = entry.job_id
        # The engine keeps its files (and its part file of piece edges, which the heir checks against);
        # the job's own copies go here.
        removed = engine.remove(job_id, False)
        try:  # here, not in a callback of `removed`: that runs on the engine thread, which add() needs
            removed.result()
            if delete_files:
                delete_job_files(entry)
            self._in_library(lambda lib: None).result()  # after the JobRemoved queued before it
            src = parse_torrent_bytes(torrent, entry.name)
            add(TorrentAdd(src, heirs[0], entry.selection, rename_incomplete=False)).result()

            def keep(lib: Library) -> None:
                for other in heirs[1:]:
                    lib.add_placement(job_id, other)
            self._in_library(keep).result()
        except ModelDeskError as exc:
            return failed(exc)
        return completed(None)

    def fetch_metadata(self, src: TorrentSource) -> Future:
        """The magnet as a TorrentSource with its file list, once a peer has sent the metadata
        (for the add dialog; nothing is downloaded)."""
        def with_files(torrent: bytes) -> TorrentSource:
            read = parse_torrent_bytes(torrent, src.name)
            return TorrentSource(src.job_id, read.name, src.kind, src.text, torrent, read.files)
        return then(self._torrents.fetch_metadata(src.text), with_files)


def heirs_of(entry: LibraryEntry | None, torrent: bytes | None) -> list[str]:
    """The other folders a removed torrent is placed in, that may take it on. Only a job with every file
    picked: the edges of pieces shared with a left-out file are in the engine's part file, which goes
    with the job, so an heir could not check those pieces."""
    if entry is None or torrent is None or not all(f.selected for f in entry.files):
        return []
    return [p for p in entry.placed_in if Path(p).is_dir()]

