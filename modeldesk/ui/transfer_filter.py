"""Sort and filter over the transfer table: by status group, project folder or lab server, and name
text."""

from __future__ import annotations

import enum

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel

from modeldesk.core.contracts.models import JobState
from modeldesk.ui.transfer_model import JOB_ROLE, SORT_ROLE, Row


class StatusFilter(enum.StrEnum):
    ALL = "all"
    DOWNLOADING = "downloading"
    SEEDING = "seeding"
    FINISHED = "finished"
    ERRORED = "errored"


_GROUPS = {
    StatusFilter.DOWNLOADING: {JobState.QUEUED, JobState.METADATA, JobState.CHECKING, JobState.DOWNLOADING,
                               JobState.PAUSED},
    StatusFilter.SEEDING: {JobState.SEEDING},
    StatusFilter.FINISHED: {JobState.FINISHED, JobState.SEEDING},
    StatusFilter.ERRORED: {JobState.ERROR},
}


def matches(row: Row, status: StatusFilter, project: str | None, text: str, server: str | None = None) -> bool:
    if status is not StatusFilter.ALL and row.state not in _GROUPS[status]:
        return False
    if status is StatusFilter.DOWNLOADING and row.state is JobState.PAUSED and row.progress >= 1.0:
        return False
    if project is not None and (row.project_dir != project or row.server):
        return False
    if server is not None and row.server != server:
        return False
    return not text or text.lower() in row.name.lower()


class TransferFilter(QSortFilterProxyModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._status = StatusFilter.ALL
        self._project: str | None = None
        self._server: str | None = None
        self._text = ""
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)

    def set_status(self, status: StatusFilter) -> None:
        self.beginFilterChange()
        self._status = status
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_project(self, project: str | None) -> None:
        self.beginFilterChange()
        self._project, self._server = project, None
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_server(self, server: str | None) -> None:
        """Only that lab server's jobs (None: every job)."""
        self.beginFilterChange()
        self._server, self._project = server, None
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._text = text.strip()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        row = self.sourceModel().index(source_row, 0, source_parent).data(JOB_ROLE)
        return row is not None and matches(row, self._status, self._project, self._text, self._server)
