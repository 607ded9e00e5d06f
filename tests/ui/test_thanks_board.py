"""The thanks board splits the peers a model served into those on the user's own network and those
on the internet, from the library's own rows."""

from __future__ import annotations

from modeldesk.core.library.store import Library
from modeldesk.core.contracts.models import JobKind, JobSnapshot, JobState, PeerServed, Selection
from modeldesk.ui.thanks_board import ThanksBoard

MiB = 1024 * 1024


def _library(tmp_path) -> Library:
    lib = Library(tmp_path / "lib.sqlite3")
    for job_id, name, uploaded in (("a" * 40, "llama-lab", 900 * MiB), ("b" * 40, "whisper", 300 * MiB),
                                   ("c" * 40, "idle-model", 0)):
        lib.add_job(job_id=job_id, kind=JobKind.BT, name=name, source_kind="magnet", source="magnet:?",
                    torrent=None, project_dir="/p", selection=Selection())
        lib.update_progress([JobSnapshot(job_id, JobKind.BT, name, JobState.SEEDING, 1.0, 600 * MiB, 600 * MiB,
                                         0, 0, 0, 0, uploaded, 0, 0, 0, 0)])
    lib.record_peers([PeerServed("a" * 40, "k1", 500 * MiB, lan=True), PeerServed("a" * 40, "k2", 300 * MiB, lan=True),
                      PeerServed("a" * 40, "k3", 100 * MiB), PeerServed("b" * 40, "k4", 300 * MiB)])
    return lib


def test_the_board_counts_lan_and_internet_peers_apart(qtbot, tmp_path):
    lib = _library(tmp_path)
    try:
        entries = lib.entries()
    finally:
        lib.close()
    board = ThanksBoard()
    qtbot.addWidget(board)
    board.show_entries(entries)
    m = board.model
    rows = [[m.item(r, c).text() for c in range(m.columnCount())] for r in range(m.rowCount())]
    assert rows == [["llama-lab", "900.0 MiB", "1.50", "2", "1"], ["whisper", "300.0 MiB", "0.50", "0", "1"]]
    assert m.item(0, 3).toolTip().endswith("800.0 MiB") and m.item(0, 4).toolTip().endswith("100.0 MiB")
    assert "4 peers: 2 on your network and 2 on the internet" in board.summary.text()
