"""Settings → Servers: the app attached to a real `modeldesk serve` process (its own home, its own
library). The server's jobs show in the table under its name in the side panel, the add dialog sends a
download to it (it lands below the server's project root, not on this machine), pause and remove go
to it with the admin token kept in a real keyring, a server with no token is marked with why, and
detaching drops its rows."""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import QMessageBox

from modeldesk.core.config.settings import load_settings
from modeldesk.core.contracts.models import JobKind, JobState
from modeldesk.ui.main_window import MainWindow
from modeldesk.ui.remote_rows import job_on_server, remote_row
from modeldesk.ui.servers_tab import server_url
from modeldesk.ui.transfer_filter import StatusFilter
from modeldesk.ui.transfer_model import JOB_ROLE
from tests.helpers.cli import MdHome
from tests.helpers.hub_server import HubServer
from tests.helpers.swarm import make_model, sha
from tests.integration.test_serve import Served


def _token(lab: MdHome, name: str, *flags: str) -> str:
    r = lab.run("serve", "token", "add", name, *flags)
    assert r.code == 0, r.stderr
    return r.stdout.strip().splitlines()[-1]


def _server_rows(window, url):
    return [r for r in window.model.rows() if r.server == url]


def test_the_app_shows_and_drives_a_lab_servers_jobs(engine, qtbot, tmp_path, keyring_daemon, monkeypatch):
    repo = make_model(tmp_path / "hub" / "acme", "tts", sizes={"model.safetensors": 1024 * 1024, "config.json": 99})
    lab = MdHome(tmp_path / "lab-home")
    lab.configure()
    admin = _token(lab, "alice", "--admin")
    root = tmp_path / "lab-projects"
    root.mkdir()
    window = MainWindow(engine.bridge, engine.prefs)
    qtbot.addWidget(window)
    window.show()
    with HubServer(tmp_path / "hub") as hub, Served(lab, "--project-root", str(root)) as served:
        (root / "modeldesk.toml").write_text(f'[hub]\nmirrors = ["{hub.url}"]\n')  # the server's own mirror
        dialog = window.dialogs.show_settings()
        tab = dialog.servers
        tab.url.setText("not a server")
        tab.attach()
        assert "http://host:port" in tab.message.text() and tab.servers() == ()
        tab.url.setText(served.url + "/")
        tab.token.setText(admin)
        with qtbot.waitSignal(engine.bridge.tokenStored, timeout=10_000):
            tab.attach()
        assert tab.token.text() == "" and tab.servers() == (served.url,)
        dialog.accept()
        engine.prefs.flush()
        assert load_settings(engine.paths.settings_file).remote_servers == (served.url,)
        assert admin not in engine.paths.settings_file.read_text(), "the token is in the keyring, not the settings"
        qtbot.waitUntil(lambda: served.url in window.side._servers, timeout=5_000)

        add = window.dialogs.show_add("hf://acme/tts")
        add.mirror.setCurrentText(hub.url)  # this computer's preview of the file list
        qtbot.waitUntil(lambda: add._preview is not None, timeout=15_000)
        assert add.form.isRowVisible(add.where), "the add dialog offers the server"
        add.where.setCurrentIndex(add.where.findData(served.url))
        assert not add.hub_cache.isVisible() and not add.folder_button.isEnabled()
        add.folder.setCurrentText("tts/models")
        with qtbot.waitSignal(engine.bridge.servers.jobSent, timeout=30_000) as sent:
            add.accept()
        job = f"{served.url}#{sent.args[1]}"
        qtbot.waitUntil(lambda: (r := window.model.row(job)) is not None and r.progress >= 1.0, timeout=60_000)
        got = root / "tts" / "models"
        assert sha(got / "model.safetensors") == sha(repo / "model.safetensors"), "the server downloaded it"
        assert not (tmp_path / "tts").exists()
        row = window.model.row(job)
        assert row.server == served.url and row.name and window.side.server_error(served.url) == ""
        assert window.model.data(window.model.index(window.model.rows().index(row), 1)).startswith(
            served.url.split("://")[1] + ":"), "the project column names the server"

        window.side.setCurrentIndex(window.side._servers[served.url].index())
        assert [window.proxy.index(i, 0).data(JOB_ROLE).job_id for i in range(window.proxy.rowCount())] == [job]
        window.side.setCurrentIndex(window.side._status_items[StatusFilter.ALL].index())
        # a magnet no peer answers waits for its metadata on the server: a job that can be paused
        magnet = "magnet:?xt=urn:btih:" + "ab" * 20 + "&dn=waiting"
        with qtbot.waitSignal(engine.bridge.servers.jobSent, timeout=30_000) as sent:
            engine.bridge.servers.add(served.url, magnet, "waiting", (), (), True)
        waiting = f"{served.url}#{sent.args[1]}"
        qtbot.waitUntil(lambda: window.model.row(waiting) is not None, timeout=15_000)
        window.select_job(waiting)
        assert window.jobs.pause.isEnabled() and not window.jobs.move.isEnabled() and not window.jobs.open.isEnabled()
        window.jobs.pause_selected()
        qtbot.waitUntil(lambda: window.model.row(waiting).state is JobState.PAUSED, timeout=15_000)
        window.jobs.resume_selected()
        qtbot.waitUntil(lambda: window.model.row(waiting).state is not JobState.PAUSED, timeout=15_000)
        monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
        for gone in (waiting, job):
            window.select_job(gone)
            window.jobs.remove_selected()
            qtbot.waitUntil(lambda gone=gone: window.model.row(gone) is None, timeout=15_000)
        assert (got / "model.safetensors").exists(), "the server keeps the files"

        other = MdHome(tmp_path / "lab2-home")
        other.configure()
        with Served(other) as second:
            window._apply_settings(dataclasses.replace(engine.prefs.get(), remote_servers=(served.url, second.url)))
            qtbot.waitUntil(lambda: "No token" in window.side.server_error(second.url), timeout=10_000)
        window.watch_servers(())
        assert window.side.isRowHidden(window.side._server_root.row(), window.side.rootIndex())
        assert _server_rows(window, served.url) == []


def test_a_server_address_is_read_as_an_origin():
    assert server_url("lab:8690") == "http://lab:8690"
    assert server_url("HTTPS://Lab.Example/") == "https://lab.example"
    for bad in ("", "ftp://lab", "http://lab:99999", "http://lab/path", "not a server"):
        assert server_url(bad) is None, bad


def test_a_servers_wrong_fields_become_blanks_in_the_apps_row():
    row = remote_row("http://lab:8690", {"id": "j1", "kind": "warp", "state": 7, "size": -5, "progress": 9,
                                         "name": ["x"], "peers": True, "error": None})
    assert (row.kind, row.state, row.size, row.progress, row.name, row.peers, row.error) == (
        JobKind.HTTP, JobState.QUEUED, 0, 1.0, "j1", 0, "")
    assert job_on_server(row) == "j1" and row.server == "http://lab:8690"
