"""The status bar's rates come back to zero when downloads end: a finished HTTP job sends no snapshot
after its last bytes, and its last measured rate used to stay in the totals (and in the speed graph)."""

from __future__ import annotations

from modeldesk.core.sources.adds import HttpAdd
from modeldesk.core.contracts.models import JobState
from tests.helpers.nginx import Nginx
from tests.helpers.swarm import random_payload

MiB = 1024 * 1024


def test_the_download_rate_returns_to_zero_when_an_http_job_finishes(engine, window, qtbot, tmp_path):
    www, f, digest = random_payload(tmp_path / "www", 12 * MiB)
    seen_moving: list[str] = []
    engine.bridge.jobsUpdated.connect(lambda _snaps: seen_moving.append(window.status.rates.text()))
    with Nginx(www, tmp_path / "ngx", location="limit_rate 256k;") as web, \
            qtbot.waitSignal(engine.bridge.jobFinished, timeout=60_000):
        engine.manager.add(HttpAdd((f"{web.url}/{f.name}",), str(tmp_path / "proj"), digest)).result(10)
    assert any(not text.startswith("↓ 0 B/s") for text in seen_moving), "no rate was ever shown: proves nothing"
    qtbot.waitUntil(lambda: all(r.state is not JobState.DOWNLOADING for r in window.model.rows()), timeout=10_000)
    assert window.status.rates.text().startswith("↓ 0 B/s"), window.status.rates.text()
    assert all(r.down_rate == 0 for r in window.model.rows())


def test_an_error_in_the_state_column_shows_its_start(engine, window, qtbot):
    """The table cuts names in the middle; an error cut in the middle read "Error:… kept.". The State
    column is cut at its end, so the start of the sentence shows."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QStyleOptionViewItem

    from modeldesk.ui.transfer_model import Col

    table = window.table
    delegate = table.itemDelegateForColumn(Col.STATE)
    option = QStyleOptionViewItem()
    delegate.initStyleOption(option, window.proxy.index(0, Col.STATE))
    assert option.textElideMode == Qt.TextElideMode.ElideRight
    assert table.textElideMode() == Qt.TextElideMode.ElideMiddle  # names and folders keep both ends
