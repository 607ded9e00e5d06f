"""The transfer table model and its sort/filter proxy, fed as the engines feed it."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt

from modeldesk.core.contracts.models import JobKind, JobSnapshot, JobState, LibraryEntry, Selection
from modeldesk.ui.transfer_filter import StatusFilter, TransferFilter
from modeldesk.ui.transfer_model import JOB_ROLE, Col, TransferModel


def entry(job_id: str, name: str, project: str, state: JobState, size: int = 1000, done: int = 0,
          kind: JobKind = JobKind.BT) -> LibraryEntry:
    return LibraryEntry(job_id, kind, name, "magnet" if kind is JobKind.BT else "url", f"src-{job_id}", project,
                        Selection(), state, size, size, done, 0.0, None, 0, done, 0, 0)


def snap(job_id: str, state: JobState, done: int, total: int = 1000, down: int = 0) -> JobSnapshot:
    return JobSnapshot(job_id, JobKind.BT, "", state, done / total, total, done, down, 0, 3, 1, 0, done, done, 0,
                       10, "")


def filled(qtbot) -> TransferModel:
    model = TransferModel()
    model.set_entries([
        entry("a", "alpha-tts", "/p/tts", JobState.DOWNLOADING, 3000, 100),
        entry("b", "beta-asr", "/p/asr", JobState.SEEDING, 1000, 1000),
        entry("c", "gamma-llm", "/p/tts", JobState.ERROR, 2000, 0, JobKind.HTTP),
        entry("d", "delta", "/p/asr", JobState.FINISHED, 500, 500),
    ])
    return model


def test_rows_show_library_entries(qtbot):
    model = filled(qtbot)
    assert model.rowCount() == 4 and model.columnCount() == len(Col)
    assert model.index(0, Col.NAME).data() == "alpha-tts"
    assert model.index(0, Col.KIND).data() == "BitTorrent"
    assert model.index(2, Col.KIND).data() == "HTTP"
    assert model.index(0, Col.PROGRESS).data() == "3.3%"
    assert model.index(1, Col.STATE).data() == "Seeding"
    # Entries already shown are not duplicated when the library is read again.
    model.set_entries([entry("a", "alpha-tts", "/p/tts", JobState.DOWNLOADING)])
    assert model.rowCount() == 4


def test_a_batch_of_snapshots_is_one_data_changed(qtbot):
    model = filled(qtbot)
    seen = []
    model.dataChanged.connect(lambda tl, br: seen.append((tl.row(), br.row(), br.column())))
    model.apply_snapshots((snap("a", JobState.DOWNLOADING, 1500, 3000, down=2048),
                           snap("d", JobState.SEEDING, 500, 500), snap("gone", JobState.SEEDING, 1, 1)))
    assert seen == [(0, 3, len(Col) - 1)]
    assert model.index(0, Col.PROGRESS).data() == "50.0%"
    assert model.index(0, Col.DOWN).data() == "2.0 KiB/s"
    assert model.index(3, Col.STATE).data() == "Seeding"
    assert model.row("gone") is None


def test_remove_keeps_the_index_consistent(qtbot):
    model = filled(qtbot)
    model.remove("b")
    assert [r.job_id for r in model.rows()] == ["a", "c", "d"]
    model.apply_snapshots((snap("d", JobState.SEEDING, 500, 500),))
    assert model.row("d").state is JobState.SEEDING
    assert model.index(2, Col.NAME).data() == "delta"


def test_sort_by_size_and_filter_by_status_project_and_text(qtbot):
    model = filled(qtbot)
    proxy = TransferFilter()
    proxy.setSourceModel(model)
    proxy.sort(Col.SIZE, Qt.SortOrder.DescendingOrder)
    names = [proxy.index(r, 0).data() for r in range(proxy.rowCount())]
    assert names == ["alpha-tts", "gamma-llm", "beta-asr", "delta"]

    def shown():
        return sorted(proxy.index(r, 0).data(JOB_ROLE).job_id for r in range(proxy.rowCount()))

    proxy.set_status(StatusFilter.DOWNLOADING)
    assert shown() == ["a"]
    proxy.set_status(StatusFilter.SEEDING)
    assert shown() == ["b"]
    proxy.set_status(StatusFilter.FINISHED)
    assert shown() == ["b", "d"]
    proxy.set_status(StatusFilter.ERRORED)
    assert shown() == ["c"]
    proxy.set_status(StatusFilter.ALL)
    proxy.set_project("/p/tts")
    assert shown() == ["a", "c"]
    proxy.set_project(None)
    proxy.set_text("ASR")
    assert shown() == ["b"]
    # A live change moves a row between groups without a reset.
    proxy.set_text("")
    proxy.set_status(StatusFilter.SEEDING)
    model.apply_snapshots((snap("a", JobState.SEEDING, 3000, 3000),))
    assert shown() == ["a", "b"]


def test_errored_row_explains_itself(qtbot):
    model = filled(qtbot)
    model.set_state("a", JobState.ERROR, "Not enough free space in /p/tts.")
    r = model.row("a")
    assert r.state is JobState.ERROR and r.down_rate == 0
    assert "Not enough free space" in model.index(0, Col.STATE).data()
    # The State column does not repeat the name the Name column shows (its start is what is read).
    model.set_state("a", JobState.ERROR, "alpha-tts：没有镜像能提供它。")
    assert model.index(0, Col.STATE).data().endswith(": 没有镜像能提供它。")
    model.set_state("a", JobState.ERROR, "Not enough free space in /p/tts.")
    assert model.index(0, Col.NAME).data(Qt.ItemDataRole.ToolTipRole) == "Not enough free space in /p/tts."
    assert dataclasses.replace(r, uploaded=1500).ratio == 0.5


def test_a_hybrid_job_shows_its_mirrors_and_their_share(qtbot):
    from modeldesk.ui.speed_graph import RateHistory, SpeedGraph

    model = filled(qtbot)
    model.apply_snapshots((dataclasses.replace(snap("a", JobState.DOWNLOADING, 100, 3000, down=3000),
                                               mirror_rate=1000, mirrors=2),))
    assert model.index(0, Col.PEERS).data() == "3 (1) + 2", "short: it fits the table's column"
    assert model.index(0, Col.PEERS).data(Qt.ItemDataRole.ToolTipRole) == "3 (1) + 2 mirror(s)"
    assert model.rows()[0].mirror_rate == 1000
    model.apply_snapshots((snap("a", JobState.DOWNLOADING, 200, 3000, down=3000),))
    assert model.index(0, Col.PEERS).data() == "3 (1)", "a torrent without mirrors shows its peers only"
    history = RateHistory()
    history.add(3000, 0, 1000)
    history.add(3000, 0, 1200)
    assert history.hybrid and list(history.mirror) == [1000, 1200]
    graph = SpeedGraph()
    qtbot.addWidget(graph)
    graph.set_history(history)
    graph.resize(400, 160)
    assert not graph.grab().isNull()  # paints the third line without error
