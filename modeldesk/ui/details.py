"""Details of the selected job, in tabs: General, Files, Peers, Trackers, Mirrors, Speed."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFormLayout, QLabel, QTabWidget, QWidget

from modeldesk.core.contracts.model_kinds import ModelKind, kind_of
from modeldesk.core.contracts.details import JobDetails, files_from_library
from modeldesk.core.contracts.models import FileEntry, JobKind, JobState
from modeldesk.core.base.units import fmt_bytes, fmt_rate
from modeldesk.ui.labels import fmt_duration, kind_label, state_label
from modeldesk.ui.detail_tabs import ALL_LEVELS, HTTP_LEVELS, FilesTab, MirrorsTab, PeersTab, TrackersTab
from modeldesk.ui.speed_graph import RateHistory, SpeedGraph
from modeldesk.ui.transfer_model import Row, peers_text


class GeneralTab(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        form = QFormLayout(self)
        self._fields: dict[str, QLabel] = {}
        self._form = form
        for key, label in (("name", self.tr("Name:")), ("kind", self.tr("Kind:")), ("state", self.tr("State:")),
                           ("folder", self.tr("Project folder:")), ("source", self.tr("Source:")),
                           ("identity", self.tr("Identity:")),
                           ("size", self.tr("Size:")), ("done", self.tr("Downloaded:")),
                           ("rates", self.tr("Rates:")), ("eta", self.tr("Time left:")),
                           ("peers", self.tr("Peers / mirrors:")), ("shared", self.tr("Uploaded (ratio):")),
                           ("error", self.tr("Problem:"))):
            value = QLabel()
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            self._fields[key] = value
            form.addRow(label, value)
        form.setRowVisible(self._fields["error"], False)

    def show_row(self, r: Row | None) -> None:
        if r is None:
            for v in self._fields.values():
                v.setText("")
            return
        f = self._fields
        f["name"].setText(r.name)
        f["kind"].setText(kind_label(r))
        f["state"].setText(state_label(r.state))
        f["folder"].setText(r.project_dir)
        f["source"].setText(r.source if len(r.source) < 300 else r.source[:300] + "…")
        f["identity"].setText(self._identity(r))
        self._form.setRowVisible(f["identity"], bool(f["identity"].text()))
        f["size"].setText(fmt_bytes(r.size) if r.size else "?")
        f["done"].setText(f"{fmt_bytes(r.done)} ({r.progress * 100:.1f}%)")
        f["rates"].setText(f"↓ {fmt_rate(r.down_rate)}   ↑ {fmt_rate(r.up_rate)}")
        f["eta"].setText(fmt_duration(r.eta) if r.eta is not None else "")
        f["peers"].setText(str(r.peers) if r.kind is JobKind.HTTP else peers_text(r))
        f["shared"].setText(f"{fmt_bytes(r.uploaded)} ({r.ratio:.2f})" if r.kind is JobKind.BT else "")
        f["error"].setText(r.error)
        self._form.setRowVisible(f["error"], bool(r.error))
        self._form.setRowVisible(f["shared"], r.kind is JobKind.BT)


    def _identity(self, r: Row) -> str:
        """What names the bytes: a torrent's info-hash, a hub repo's commit (selectable, to compare)."""
        kind = kind_of(r)
        if kind is ModelKind.TORRENT:
            return self.tr("info-hash %1").replace("%1", r.job_id)
        if kind is ModelKind.HUB_REPO and "@" in r.source:
            return self.tr("commit %1").replace("%1", r.source.rsplit("@", 1)[-1])
        return ""


class DetailsPanel(QTabWidget):
    """Tabs for the selected job. While shown, it asks the engine for live details about once a
    second (one request in flight at most) and fills Files, Peers, Trackers or Mirrors."""

    POLL_MS = 1000

    def __init__(self, parent=None):
        super().__init__(parent)
        self.general = GeneralTab()
        self.files = FilesTab()
        self._bt = False  # the job shown is a torrent
        self._hybrid = False  # ... that fetches from mirrors too
        self.peers = PeersTab()
        self.trackers = TrackersTab()
        self.mirrors = MirrorsTab()
        self.speed = SpeedGraph()
        self.addTab(self.general, self.tr("General"))
        self.addTab(self.files, self.tr("Files"))
        self.addTab(self.peers, self.tr("Peers"))
        self.addTab(self.trackers, self.tr("Trackers"))
        self.addTab(self.mirrors, self.tr("Mirrors"))
        self.addTab(self.speed, self.tr("Speed"))
        self.job_id: str | None = None
        self._remote = False
        self.magnet = ""
        self._bridge = None
        self._asked_at = 0.0
        self._timer = QTimer(self, interval=self.POLL_MS)
        self._timer.timeout.connect(self._poll)

    def bind(self, bridge) -> None:
        self._bridge = bridge
        bridge.detailsReady.connect(self.show_details)
        self.files.prioritiesChanged.connect(
            lambda prios: self.job_id and bridge.set_file_priorities(self.job_id, prios))
        self._timer.start()

    def show_job(self, row: Row | None, files: tuple[FileEntry, ...], history: RateHistory | None) -> None:
        changed = (row.job_id if row else None) != self.job_id
        self.job_id = row.job_id if row else None
        self._remote = row is not None and bool(row.server)  # a lab server's job: its details stay there
        self.general.show_row(row)
        self.speed.set_history(history)
        bt = self._bt = row is not None and row.kind is JobKind.BT
        self.setTabVisible(self.indexOf(self.peers), bt)
        self.setTabVisible(self.indexOf(self.trackers), bt)
        if changed:
            self._hybrid = False  # a torrent shows Mirrors once it is known to have web seeds
        self.setTabVisible(self.indexOf(self.mirrors), row is not None and (not bt or self._hybrid))
        if changed:
            self.magnet = ""
            complete = row is not None and row.state in (JobState.FINISHED, JobState.SEEDING)
            self.files.show_files(files_from_library(files, complete), False)
            empty = JobDetails("")
            for tab in (self.peers, self.trackers, self.mirrors):
                tab.show_details(empty)
            self._asked_at = 0.0
            self._poll()

    def _poll(self) -> None:
        now = time.monotonic()
        if self._bridge is None or self.job_id is None or self._remote or not self.isVisible():
            return
        if now - self._asked_at < 3.0 * self.POLL_MS / 1000 and self._asked_at > 0:
            return  # the last answer is still on its way
        self._asked_at = now
        self._bridge.request_details(self.job_id)

    def show_details(self, d: JobDetails) -> None:
        if d.job_id != self.job_id:
            return
        self._asked_at = 0.0
        self.magnet = d.magnet
        if d.files:
            self.files.show_files(d.files, d.files_editable, ALL_LEVELS if self._bt else HTTP_LEVELS)
        self.peers.show_details(d)
        self.trackers.show_details(d)
        self.mirrors.show_details(d)
        if self._bt and d.mirrors and not self._hybrid:
            self._hybrid = True
            self.setTabVisible(self.indexOf(self.mirrors), True)
