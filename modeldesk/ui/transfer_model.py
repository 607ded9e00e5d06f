"""The transfer table: one row per job, keyed by job id, fed by library entries and by the
engines' snapshots about once a second. Updates arrive in batches and become one dataChanged."""

from __future__ import annotations

import dataclasses
import enum
from dataclasses import dataclass
from urllib.parse import urlsplit

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from modeldesk.bridge import message_text
from modeldesk.core.contracts.models import JobKind, JobSnapshot, JobState, LibraryEntry
from modeldesk.core.base.units import fmt_bytes, fmt_rate
from modeldesk.ui.labels import fmt_duration, kind_label, state_label


class Col(enum.IntEnum):
    NAME = 0
    PROJECT = 1
    KIND = 2
    SIZE = 3
    PROGRESS = 4
    STATE = 5
    DOWN = 6
    UP = 7
    ETA = 8
    PEERS = 9
    RATIO = 10
    UPLOADED = 11


SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # a sortable raw value per column
JOB_ROLE = Qt.ItemDataRole.UserRole + 2  # the Row


@dataclass(frozen=True)
class Row:
    job_id: str
    name: str
    kind: JobKind
    source_kind: str
    source: str
    project_dir: str
    state: JobState
    size: int
    done: int
    progress: float
    down_rate: int = 0
    up_rate: int = 0
    eta: int | None = None
    peers: int = 0
    seeds: int = 0
    uploaded: int = 0
    error: str = ""
    limits: tuple[int, int] = (0, 0)  # the job's own download and upload limits, bytes/s
    mirror_rate: int = 0  # of down_rate: what mirrors bring to a torrent job
    mirrors: int = 0  # mirrors sending to a torrent job
    server: str = ""  # the lab server whose job this is (ui/remote_rows.py); "" for this machine's

    @property
    def ratio(self) -> float:
        return self.uploaded / self.size if self.size else 0.0

    @classmethod
    def from_entry(cls, e: LibraryEntry) -> Row:
        return cls(e.job_id, e.name, e.kind, e.source_kind, e.source, e.project_dir, e.state, e.size_wanted,
                   e.size_done, e.progress, uploaded=e.uploaded, error=message_text(e.error), limits=e.limits)

    def updated(self, s: JobSnapshot) -> Row:
        moving = s.state in _ACTIVE  # a finished, paused or failed job's last measured rate is not a rate now
        return dataclasses.replace(
            self, name=s.name or self.name, state=s.state, size=s.total_wanted, done=s.total_done,
            progress=s.progress, down_rate=s.down_rate if moving else 0, up_rate=s.up_rate if moving else 0,
            eta=s.eta_seconds, peers=s.peers, seeds=s.seeds, uploaded=s.uploaded, error=s.error,
            mirror_rate=s.mirror_rate if moving else 0, mirrors=s.mirrors)


_ACTIVE = (JobState.DOWNLOADING, JobState.SEEDING, JobState.METADATA, JobState.CHECKING)


def _without_name(error: str, name: str) -> str:
    """An error as the State column shows it: the Name column beside it says the name already."""
    if name and error.startswith(name):
        rest = error[len(name):].lstrip()
        if rest[:1] in (":", "："):
            return rest[1:].lstrip() or error
    return error


class TransferModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[Row] = []
        self._index: dict[str, int] = {}

    # ---- Qt model API ---------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(Col)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return self.header_label(Col(section))

    def header_label(self, col: Col) -> str:
        return {
            Col.NAME: self.tr("Name"), Col.PROJECT: self.tr("Project folder"), Col.KIND: self.tr("Kind"),
            Col.SIZE: self.tr("Size"), Col.PROGRESS: self.tr("Progress"), Col.STATE: self.tr("State"),
            Col.DOWN: self.tr("Down"), Col.UP: self.tr("Up"), Col.ETA: self.tr("ETA"),
            Col.PEERS: self.tr("Peers / mirrors"), Col.RATIO: self.tr("Ratio"), Col.UPLOADED: self.tr("Uploaded"),
        }[col]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row, col = self._rows[index.row()], Col(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, col)
        if role == SORT_ROLE:
            return self._sort_key(row, col)
        if role == JOB_ROLE:
            return row
        if role == Qt.ItemDataRole.ToolTipRole:
            if row.error:
                return row.error
            if col == Col.PEERS and row.kind is JobKind.BT and row.mirrors:
                return peers_text(row)
            if col == Col.PROJECT and row.server:
                return self.tr("%1 on the lab server %2").replace("%1", row.project_dir).replace("%2", row.server)
            return row.project_dir if col == Col.PROJECT else None
        if role == Qt.ItemDataRole.TextAlignmentRole and col not in (Col.NAME, Col.PROJECT, Col.KIND, Col.STATE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, r: Row, col: Col) -> str:
        active = r.state in _ACTIVE
        if col == Col.NAME:
            return r.name
        if col == Col.PROJECT:
            return f"{server_label(r.server)}: {r.project_dir}" if r.server else r.project_dir
        if col == Col.KIND:
            return kind_label(r)
        if col == Col.SIZE:
            return fmt_bytes(r.size) if r.size else "?"
        if col == Col.PROGRESS:
            return f"{r.progress * 100:.1f}%"
        if col == Col.STATE:
            return state_label(r.state) + (f": {_without_name(r.error, r.name)}" if r.error
                                           and r.state is JobState.ERROR else "")
        if col == Col.DOWN:
            return fmt_rate(r.down_rate) if active and r.down_rate else ""
        if col == Col.UP:
            return fmt_rate(r.up_rate) if active and r.up_rate else ""
        if col == Col.ETA:
            return fmt_duration(r.eta) if r.state is JobState.DOWNLOADING else ""
        if col == Col.PEERS:
            if not active:
                return ""
            return str(r.peers) if r.kind is JobKind.HTTP else peers_text(r, short=True)  # tip: the words
        if col == Col.RATIO:
            return f"{r.ratio:.2f}" if r.kind is JobKind.BT else ""
        if col == Col.UPLOADED:
            return fmt_bytes(r.uploaded) if r.kind is JobKind.BT else ""
        raise AssertionError(col)

    @staticmethod
    def _sort_key(r: Row, col: Col):
        return {
            Col.NAME: r.name.lower(), Col.PROJECT: r.project_dir, Col.KIND: r.kind.value, Col.SIZE: r.size,
            Col.PROGRESS: r.progress, Col.STATE: r.state.value, Col.DOWN: r.down_rate, Col.UP: r.up_rate,
            Col.ETA: r.eta if r.eta is not None else 1 << 62, Col.PEERS: r.peers, Col.RATIO: r.ratio,
            Col.UPLOADED: r.uploaded,
        }[col]

    # ---- updates --------------------------------------------------------------------------
    def row(self, job_id: str) -> Row | None:
        i = self._index.get(job_id)
        return self._rows[i] if i is not None else None

    def rows(self) -> list[Row]:
        return list(self._rows)

    def set_entries(self, entries: list[LibraryEntry]) -> None:
        """Library entries the table does not show yet are appended; known rows keep live data."""
        new = [Row.from_entry(e) for e in entries if e.job_id not in self._index]
        self._append(new)

    def upsert(self, row: Row) -> None:
        i = self._index.get(row.job_id)
        if i is None:
            self._append([row])
        else:
            self._rows[i] = row
            self.dataChanged.emit(self.index(i, 0), self.index(i, len(Col) - 1))

    def _append(self, rows: list[Row]) -> None:
        if not rows:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        for r in rows:
            self._index[r.job_id] = len(self._rows)
            self._rows.append(r)
        self.endInsertRows()

    def apply_remote(self, server: str, rows: list[Row], removed: list[str], full: bool) -> None:
        """A lab server's jobs: changed rows in place, new ones appended, removed ones (and, for the
        whole list, every row of the server it no longer names) dropped."""
        for r in rows:
            self.upsert(r)
        if full:
            named = {r.job_id for r in rows}
            removed = [*removed, *(r.job_id for r in self._rows if r.server == server and r.job_id not in named)]
        for job_id in removed:
            self.remove(job_id)

    def apply_snapshots(self, snapshots: tuple[JobSnapshot, ...]) -> None:
        """One batch: rows change in place, then a single dataChanged over the changed span."""
        lo, hi = len(self._rows), -1
        for s in snapshots:
            i = self._index.get(s.job_id)
            if i is None:
                continue  # JobAdded brings the row; a late snapshot of a removed job is dropped
            self._rows[i] = self._rows[i].updated(s)
            lo, hi = min(lo, i), max(hi, i)
        if hi >= 0:
            self.dataChanged.emit(self.index(lo, 0), self.index(hi, len(Col) - 1))

    def set_state(self, job_id: str, state: JobState, error: str = "") -> None:
        r = self.row(job_id)
        if r is not None:
            down = 0 if state not in _ACTIVE else r.down_rate
            self.upsert(dataclasses.replace(r, state=state, error=error, down_rate=down,
                                            up_rate=0 if state not in _ACTIVE else r.up_rate))

    def change(self, job_id: str, **fields) -> None:
        """Set fields of one row (project_dir after a move, limits after they were set)."""
        r = self.row(job_id)
        if r is not None:
            self.upsert(dataclasses.replace(r, **fields))

    def remove(self, job_id: str) -> None:
        i = self._index.pop(job_id, None)
        if i is None:
            return
        self.beginRemoveRows(QModelIndex(), i, i)
        del self._rows[i]
        self.endRemoveRows()
        self._index = {r.job_id: n for n, r in enumerate(self._rows)}


def server_label(url: str) -> str:
    """What the table and the side panel call a lab server: its host[:port]."""
    return urlsplit(url).netloc or url


def peers_text(r: Row, short: bool = False) -> str:
    """A torrent's peers (seeds), and its mirrors when they send to it too (a hybrid job): " + 2 mirrors",
    or " + 2" where a table column has no room for the word."""
    peers = f"{r.peers} ({r.seeds})"
    if not r.mirrors:
        return peers
    if short:
        return peers + f" + {r.mirrors}"
    return peers + _PLURALS.mirrors(r.mirrors)


class Plurals(QObject):
    """Words that follow a count, in one place: lupdate reads a plural only from a self.tr call."""

    def mirrors(self, n: int) -> str:
        return self.tr(" + %n mirror(s)", "", n)


_PLURALS = Plurals()
