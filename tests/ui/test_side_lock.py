"""The side panel's mark on a project folder: matches its project's modeldesk.lock, or not (real engine,
a real local hub for the model)."""

from __future__ import annotations

from modeldesk.core.library.store import Library
from modeldesk.core.projects.lockfile import LOCK_NAME, write_lock
from modeldesk.core.projects.project_lock import lock_project
from tests.helpers.hub_server import HubServer
from tests.helpers.swarm import make_model


def test_the_side_panel_marks_a_project_that_matches_its_lock_and_one_that_does_not(engine, window, qtbot,
                                                                                     tmp_path):
    make_model(tmp_path / "hub" / "acme", "tts", sizes={"model.safetensors": 300_000, "config.json": 99})
    project = tmp_path / "projects" / "demo"
    folder = project / "models" / "tts"
    with HubServer(tmp_path / "hub") as hub, qtbot.waitSignal(engine.bridge.jobFinished, timeout=30_000):
        engine.bridge.add_source("hf://acme/tts", str(folder), mirrors=(hub.url,))
    qtbot.waitUntil(lambda: str(folder) in window.side.folders(), timeout=5_000)
    assert window.side.lock_state(str(folder)) is None  # no lock yet: no mark
    lib = Library(engine.paths.library_db)
    try:
        write_lock(project / LOCK_NAME, lock_project(project, lib, lib.blobs))
    finally:
        lib.close()
    window.check_locks()
    qtbot.waitUntil(lambda: window.side.lock_state(str(folder)) == "clean", timeout=10_000)
    (folder / "config.json").write_text("edited by hand")
    qtbot.waitUntil(lambda: window._lock_check.done(), timeout=10_000)
    window.check_locks()
    qtbot.waitUntil(lambda: window.side.lock_state(str(folder)) == "differs", timeout=10_000)
    item = window.side._projects[str(folder)]
    assert "config.json" in item.toolTip() and "modeldesk sync" in item.toolTip()
