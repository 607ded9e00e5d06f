"""What the user hears about without looking at the window: a download finished, a job failed, a model
reached its seeding limit. Shown as a tray balloon while the tray icon is up, else through the
desktop's notification service (stock GNOME has no tray), sent from a worker thread."""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from PySide6.QtCore import QObject

from modeldesk import desktop_notify
from modeldesk.core.contracts.models import JobState

log = logging.getLogger(__name__)
INCOMPLETE = (JobState.METADATA, JobState.DOWNLOADING)


class Notices(QObject):
    def __init__(self, bridge, name_of: Callable[[str], str], icon: Path | None, app_id: str, parent=None):
        super().__init__(parent)
        self._name_of = name_of
        self._icon = icon
        self._app_id = app_id
        self._tray = None
        self._pool: ThreadPoolExecutor | None = None
        # Only a download under way in this run is announced as finished (added, or listed unfinished,
        # or seen downloading): a restored model that checks complete at start-up is not news.
        self._under_way: set[str] = set()
        bridge.jobsUpdated.connect(self._on_snapshots)
        bridge.entryLoaded.connect(lambda entry: self._on_entries([entry]))
        bridge.entriesLoaded.connect(self._on_entries)
        bridge.jobFinished.connect(self._on_finished)
        bridge.jobFailed.connect(self._on_failed)
        bridge.jobNotice.connect(self._on_notice)
        bridge.seedingLimitReached.connect(self._on_seeding_limit)

    def set_tray(self, tray) -> None:
        self._tray = tray

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)

    def _on_entries(self, entries) -> None:
        self._under_way.update(e.job_id for e in entries if e.finished_at is None)

    def _on_snapshots(self, snaps) -> None:
        self._under_way.update(s.job_id for s in snaps if s.state in INCOMPLETE)

    def _on_finished(self, job_id: str) -> None:
        if job_id in self._under_way:
            self._under_way.discard(job_id)
            self.show(self.tr("Download complete"),
                      self.tr("%1 is complete and verified.").replace("%1", self._name_of(job_id)), "transfer.complete")

    def _on_failed(self, job_id: str, reason: str) -> None:
        name = self._name_of(job_id)
        body = reason if reason.startswith(name) else f"{name}: {reason}"  # a reason that names it already
        self.show(self.tr("Download failed"), body, "transfer.error", error=True)

    def _on_notice(self, job_id: str, text: str) -> None:
        """A download complete, with a problem beside it: said instead of the plain "complete" notice."""
        self._under_way.discard(job_id)
        self.show(self.tr("Download complete, with a problem"), text, "transfer.complete", error=True)

    def _on_seeding_limit(self, job_id: str, reason: str) -> None:
        self.show(self.tr("Seeding stopped"), f"{self._name_of(job_id)}: {reason}", "transfer")

    def show(self, summary: str, body: str, category: str, error: bool = False) -> None:
        if self._tray is not None and self._tray.visible():
            self._tray.notify(summary, body, error=error)
            return
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="notify")
        notice = desktop_notify.Notice(summary, body, category, self._icon)
        self._pool.submit(self._send, notice)

    def _send(self, notice: desktop_notify.Notice) -> None:
        if desktop_notify.send(notice, "ModelDesk", self._app_id) is not None:
            log.info("desktop notification: %s", notice.summary)
