"""Per-job fast-resume files, written atomically on a writer thread of their own.

The engine thread hands over bytes and moves on; a SIGKILL at any moment leaves either the
previous file or the new one, never a torn one. Before a job's resume data (which names the pieces
it has) is written, its files are synced: after a power cut the resume data must not name pieces
whose bytes were still in the page cache (libtorrent would trust it and never check them again).
libtorrent 2.1 can call a piece passed a few milliseconds before its bytes reach the file (up to
12 ms on loopback, for about a quarter of the pieces); the sync comes after the resume data is made,
on this thread, so only a piece passed in those last milliseconds is not covered.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from modeldesk.core.base.atomic import atomic_write, sync_file

log = logging.getLogger(__name__)


class ResumeStore:
    def __init__(self, folder: Path):
        self._folder = Path(folder)
        self._folder.mkdir(parents=True, exist_ok=True)
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="resume-writer")
        self._failing = False

    def path_for(self, job_id: str) -> Path:
        return self._folder / f"{job_id}.fastresume"

    def load(self, job_id: str) -> bytes | None:
        try:
            return self.path_for(job_id).read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            log.warning("cannot read resume data for %s: %s", job_id, exc)
            return None

    def save_async(self, job_id: str, data: bytes, files: Sequence[Path] = ()) -> None:
        """Write `data` once `files` (the job's files on disk) are synced."""
        self._writer.submit(self._write, job_id, data, tuple(files))

    def _write(self, job_id: str, data: bytes, files: tuple[Path, ...] = ()) -> None:
        for path in files:
            sync_file(path)
        try:
            atomic_write(self.path_for(job_id), data)
        except OSError as exc:  # a full disk must not kill the engine; the old file stays
            if not self._failing:  # said once, not at every save while the disk stays full
                log.warning("cannot save resume data in %s (%s); the previous resume data stays", self._folder,
                            exc.strerror or exc)
            self._failing = True
        else:
            self._failing = False

    def delete(self, job_id: str) -> None:
        self._writer.submit(self.path_for(job_id).unlink, True)

    def flush(self) -> None:
        """Wait for every queued write (called at shutdown)."""
        self._writer.submit(lambda: None).result()

    def close(self) -> None:
        self._writer.shutdown(wait=True)

