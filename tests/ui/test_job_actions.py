"""Job actions on the real engine: move a finished model to another project folder, give a job its
own speed limits, switch the alternative limits from the status bar; the status bar's DHT figure;
the mirror test in Settings against a local HF-compatible hub."""

from __future__ import annotations

import hashlib

from modeldesk.core.config.settings import load_settings
from tests.helpers.ports import free_port
from tests.helpers.hub_server import HubServer
from tests.helpers.nginx import Nginx
from tests.helpers.swarm import random_payload, write_random

MiB = 1024 * 1024


def add_http(engine, qtbot, tmp_path, size=2 * MiB):
    www, f, sha = random_payload(tmp_path / "www", size)
    web = Nginx(www, tmp_path / "ngx")
    with qtbot.waitSignal(engine.bridge.sourceAdded, timeout=10_000) as added:
        engine.bridge.add_source(f"{web.url}/{f.name}", str(tmp_path / "proj"))
    return web, added.args[0], f, sha


def test_move_a_finished_model_and_set_its_limits(engine, window, qtbot, tmp_path):
    web, job_id, f, sha = add_http(engine, qtbot, tmp_path)
    with web:
        qtbot.waitUntil(lambda: window.model.row(job_id) is not None, timeout=5_000)
        qtbot.waitUntil(lambda: (tmp_path / "proj" / f.name).exists(), timeout=20_000)
    window.select_job(job_id)
    assert window.jobs.move.isEnabled() and window.jobs.limits.isEnabled()

    new = tmp_path / "other project"
    with qtbot.waitSignal(engine.bridge.jobMoved, timeout=20_000):
        window.jobs.move_selected(str(new))
    assert window.model.row(job_id).project_dir == str(new)
    assert hashlib.sha256((new / f.name).read_bytes()).hexdigest() == sha
    assert not (tmp_path / "proj" / f.name).exists()
    assert str(new) in engine.prefs.get().recent_project_dirs, "the new folder is offered next time"

    dialog = window.jobs.edit_limits()
    assert dialog.down.specialValueText() == "unlimited"
    dialog.down.setValue(512)
    with qtbot.waitSignal(engine.bridge.limitsSet, timeout=10_000):
        dialog.accept()
    assert window.model.row(job_id).limits == (512 * 1024, 0)
    qtbot.waitUntil(lambda: engine.manager.entry(job_id).result(5).limits == (512 * 1024, 0), timeout=5_000)


def test_alternative_limits_switch_from_the_status_bar(engine, window, qtbot):
    assert not window.status.alt_speed.isEnabled(), "nothing to switch to until the limits are set"
    dialog = window.dialogs.show_settings()
    dialog.alt_down.setValue(300)
    with qtbot.waitSignal(engine.prefs.changed, timeout=5_000):
        dialog.accept()
    assert window.status.alt_speed.isEnabled() and not window.status.alt_speed.isChecked()
    with qtbot.waitSignal(engine.prefs.changed, timeout=5_000):
        window.status.alt_speed.setChecked(True)
    engine.prefs.flush()
    saved = load_settings(engine.paths.settings_file).torrent
    assert saved.alt_speed_on and saved.rate_limits() == (300 * 1024, 0)
    assert "300" in window.status.alt_speed.toolTip()


def test_status_bar_says_dht_is_off(engine, window, qtbot):
    qtbot.waitUntil(lambda: window.status.dht.text() != "", timeout=10_000)
    assert window.status.dht.text() == "DHT: off"  # the test settings turn DHT off


def test_mirror_test_ranks_the_mirrors_in_the_dialog(engine, window, qtbot, tmp_path):
    root = tmp_path / "hub"
    write_random(root / "acme" / "m" / "model.safetensors", 3 * MiB)
    dead = f"http://127.0.0.1:{free_port()}"
    with HubServer(root) as hub:
        dialog = window.dialogs.show_settings()
        dialog.mirror_list.setPlainText(f"{dead}\n{hub.url}")  # not saved yet: the test uses what is typed
        test = dialog.mirror_test
        test.source.setText("hf://acme/m")
        with qtbot.waitSignal(engine.bridge.probeReady, timeout=30_000):
            test.button.click()
        assert not test.button.isEnabled() or test.model.rowCount() == 2
    qtbot.waitUntil(lambda: test.button.isEnabled(), timeout=5_000)
    rows = [[test.model.item(r, c).text() for c in range(5)] for r in range(test.model.rowCount())]
    assert rows[0][0] == "1" and rows[0][1] == hub.url[7:] and rows[0][4] == "ok", rows
    assert rows[1][0] == "–" and rows[1][1] == dead[7:] and "Connection" in rows[1][4], rows
    assert "acme/m/model.safetensors" in test.status.text()
    assert test.view.horizontalScrollBar().maximum() == 0, "the results need a horizontal scroll"
    assert test.model.item(1, 4).toolTip() == rows[1][4]  # a long health is whole in its tooltip
    dialog.reject()
