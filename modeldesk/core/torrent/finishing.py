"""How a torrent job finishes or fails (engine thread only): the data check, incomplete names swept
to final ones once their bytes are on disk, "finished" only when every selected file is covered by
hash-checked pieces (and, for a torrent that names its hub repo, matches it: hub_check.py), a failed
job retried after its queued writes, and disk or torrent errors turned into a failed job with a
message."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import libtorrent as lt

from modeldesk.core.contracts import events as ev
from modeldesk.core.base.constants import INCOMPLETE_SUFFIX
from modeldesk.core.base.atomic import sync_file
from modeldesk.core.base.errors import DiskError
from modeldesk.core.base.messages import N_
from modeldesk.core.torrent import hub_check, rewant
from modeldesk.core.torrent.job import Fail, TorrentJob, job_of


class Finishing:
    """Registers its alert handlers with the engine's dispatcher; the engine calls maybe_finish and
    retry_after_flush. What it needs of the engine is given, not inherited."""

    def __init__(self, jobs: dict[str, TorrentJob], fail: Fail, save_resume: Callable[[TorrentJob, float], None],
                 emit: Callable[[ev.Event], None], clock: Callable[[], float], call: Callable[..., Any],
                 hub_files: hub_check.HubFiles | None) -> None:
        self._jobs, self._fail, self._save_resume = jobs, fail, save_resume
        self._emit, self._clock, self._call, self._hub_files = emit, clock, call, hub_files
        self._syncer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="finish-sync")

    def register(self, on: Callable[[str, Callable[[Any], None]], None]) -> None:
        on("torrent_finished_alert", lambda a: self.maybe_finish(self._job_of(a.handle)))
        on("torrent_checked_alert", self._on_checked)
        on("file_completed_alert", self._on_file_completed)
        on("file_renamed_alert", self._on_file_renamed)
        on("cache_flushed_alert", self._on_cache_flushed)
        on("file_rename_failed_alert", self._on_rename_failed)
        on("file_error_alert", self._on_file_error)
        on("torrent_error_alert", self._on_torrent_error)

    def _job_of(self, handle: Any) -> TorrentJob | None:
        return job_of(self._jobs, handle)

    def _on_checked(self, alert) -> None:
        job = self._job_of(alert.handle)
        if job is None or not job.has_metadata:
            return
        progress = job.handle.file_progress(flags=lt.torrent_handle.piece_granularity)
        damaged = [e for e in job.files if e.selected and progress[e.index] < e.size]
        self._emit(ev.FilesChecked(job.job_id, tuple(e.path for e in damaged)))
        if job.rechecking:
            job.rechecking = False
            if damaged:
                rewant.refetch(job, damaged)
                return
        self.maybe_finish(job)

    def _on_file_completed(self, alert) -> None:
        job = self._job_of(alert.handle)
        if job is not None and job.has_metadata and not self._hub_check_due(job):
            self._sweep(job)

    def _on_file_renamed(self, alert) -> None:
        job = self._job_of(alert.handle)
        if job is not None:
            job.renamed(alert.index, alert.new_name())
            self.maybe_finish(job)

    def _on_rename_failed(self, alert) -> None:
        job = self._job_of(alert.handle)
        if job is not None:
            job.pending_renames.discard(alert.index)
            self._fail(job, DiskError(N_("A finished file could not get its final name: {message}"),
                                      message=alert.message()))

    def maybe_finish(self, job: TorrentJob | None) -> None:
        if job is None or job.finished or job.failed or not job.has_metadata:
            return
        st = job.handle.status()
        if st.state in (lt.torrent_status.states.checking_files, lt.torrent_status.states.checking_resume_data):
            return
        # Not total_wanted_done: with web seeds it can run past total_wanted while pieces are still
        # unverified. Every selected file must be covered by hash-checked pieces.
        progress = job.handle.file_progress(flags=lt.torrent_handle.piece_granularity)
        if any(e.selected and progress[e.index] < e.size for e in job.files):
            return
        if self._hub_check_due(job):
            self._start_hub_check(job)
            return
        self._sweep(job)
        if job.pending_renames or job.flushing is not None:
            return  # cache_flushed_alert, then file_renamed_alert, will call us again
        if job.synced != "synced":
            self._sync(job)
            return  # _synced will call us again
        job.finished = True
        self._save_resume(job, self._clock())
        self._emit(ev.JobsUpdated((job.snapshot(job.handle.status()),)))
        self._emit(ev.JobFinished(job.job_id))

    def _sync(self, job: TorrentJob) -> None:
        """The files on disk before the job is called finished: a power cut must not leave a model the
        library calls complete with its last bytes still in the page cache (off the engine thread)."""
        if job.synced == "syncing":
            return
        job.synced = "syncing"
        files, job_id = job.disk_files(), job.job_id

        def run() -> None:
            for path in files:
                sync_file(path)
            self._call(self._synced, job_id)

        self._syncer.submit(run)

    def _synced(self, job_id: str) -> None:
        job = self._jobs.get(job_id)
        if job is not None and job.synced == "syncing":
            job.synced = "" if job.failed else "synced"  # a job that failed meanwhile syncs again when it finishes
            self.maybe_finish(job)

    def _sweep(self, job: TorrentJob) -> None:
        """Complete files get their final names once their bytes are on disk. A piece passes its hash
        check from libtorrent's store buffer, before its write: when that write then fails (the disk
        filled), a file renamed at once would carry its final name with a hole in it (seen under load
        in the full-disk test). The renames wait for a flush of the torrent's writes; a write error is
        posted before the flush's alert, so a job that failed by then renames nothing."""
        if job.flushing is not None:
            job.sweep_again = True  # files completed since wait for the next flush
            return
        done = job.complete_incomplete()
        if done:
            job.flushing = done
            job.handle.flush_cache()

    def _flushed_for_names(self, job: TorrentJob) -> None:
        names, job.flushing = job.flushing or set(), None
        again, job.sweep_again = job.sweep_again, False
        if job.failed:
            return
        job.give_final_names(names)
        if again:
            self._sweep(job)
        self.maybe_finish(job)

    # -- resuming a failed job ---------------------------------------------------------------
    def retry_after_flush(self, job: TorrentJob) -> None:
        """Writes queued before the failure may still fail after the user freed space and pressed
        Resume. Their errors are posted before the flush's alert, while the job still counts as failed
        (ignored then); one handled after the retry failed the job again (seen under load)."""
        job.retry_pending = True
        job.handle.flush_cache()

    def _retry(self, job: TorrentJob) -> None:
        job.retry_pending = False
        if job.hub_check != "passed":
            job.hub_check = ""  # a check cut off by the failure starts again
        if job.distrust_disk:
            # A piece whose write failed may count as had: read the disk again; what is missing is then
            # fetched by a fresh restart (rewant.refetch), which dials the peers the full disk dropped.
            job.distrust_disk = False
            job.handle.unset_flags(lt.torrent_flags.upload_mode)  # libtorrent's answer to a full disk
            rewant.start_recheck(job)
            return
        job.failed = False
        job.handle.clear_error()
        job.handle.resume()

    # -- the check against the hub repo a torrent names (hub_check.py) -----------------------
    def _hub_check_due(self, job: TorrentJob) -> bool:
        """Files still under incomplete names wait for the check when a lock pins their sha256 or the
        torrent names its repo."""
        if not job.incomplete or job.hub_check == "passed":
            return False
        return bool(job.request.expected) or (self._hub_files is not None and job.request.source.hub is not None
                                              and bool(job.request.hub_endpoints))

    def _start_hub_check(self, job: TorrentJob) -> None:
        """First the disk cache: a piece passes its hash check from libtorrent's store buffer before its
        bytes reach the file, so a file read at once may still lack them (a CI run read a locked file as
        other content). The check starts on cache_flushed_alert."""
        if job.hub_check in ("flushing", "running"):
            return
        job.hub_check = "flushing"
        job.handle.flush_cache()

    def _on_cache_flushed(self, alert) -> None:
        job = self._job_of(alert.handle)
        if job is None:
            return
        if job.flushing is not None:
            self._flushed_for_names(job)
        if job.retry_pending:
            self._retry(job)
            return
        if job.hub_check != "flushing" or job.failed:
            return
        job.hub_check = "running"
        save = Path(job.request.save_path)
        files = [(e.path, save / (e.path + INCOMPLETE_SUFFIX)) for e in job.files if e.index in job.incomplete]
        if job.request.expected:  # the lock's word, no hub needed
            pinned: hub_check.HubDigests = {path: (size, sha, "") for path, size, sha in job.request.expected}
            work = lambda: hub_check.check_pinned(pinned, files)  # noqa: E731
        else:
            hub_files, hub, endpoints = self._hub_files, job.request.source.hub, job.request.hub_endpoints
            assert hub_files is not None and hub is not None  # _hub_check_due said so
            work = lambda: hub_check.check(hub_files, hub, endpoints, files)  # noqa: E731
        hub_check.start(work, lambda verdict: self._call(self._hub_checked, job.job_id, verdict),
                        name=f"hub-check-{job.job_id[:8]}")

    def _hub_checked(self, job_id: str, verdict: hub_check.Verdict) -> None:
        job = self._jobs.get(job_id)
        if job is None or job.hub_check != "running":
            return
        job.hub_check = "passed" if verdict is None else ""
        if verdict is not None:
            self._fail(job, verdict)
        else:
            self.maybe_finish(job)

    def _on_file_error(self, alert) -> None:
        job = self._job_of(alert.handle)
        if job is None:
            return
        reason = alert.error.message()
        self._fail(
            job,
            DiskError(
                N_("Writing {filename} failed: {reason}. Free some space or fix the folder, then try "
                   "again; verified pieces are kept."), filename=alert.filename(), reason=reason
            ),
            write_failed=True,
        )

    def _on_torrent_error(self, alert) -> None:
        job = self._job_of(alert.handle)
        if job is not None:
            self._fail(job, DiskError(N_("{name}: {message}"),
                                      name=job.request.source.name, message=alert.error.message()), write_failed=True)
