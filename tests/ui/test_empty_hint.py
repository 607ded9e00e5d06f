"""First run: the empty table says how to add a model; the note goes once a model is there."""

from __future__ import annotations



def test_the_empty_window_says_how_to_add_a_model_and_the_note_goes_with_a_row(engine, window, qtbot, tmp_path):
    hint = window.empty_hint
    assert hint.isVisible() and "hf://org/name" in hint.text() and ".torrent" in hint.text()
    assert hint.size() == window.table.viewport().size()
    with qtbot.waitSignal(engine.bridge.sourceAdded, timeout=10_000):
        engine.bridge.add_source("magnet:?xt=urn:btih:" + "ab" * 20, str(tmp_path / "p"))
    qtbot.waitUntil(lambda: not hint.isVisible(), timeout=5_000)
    window.resize(window.width() + 40, window.height())
    qtbot.waitUntil(lambda: hint.size() == window.table.viewport().size(), timeout=2_000)
