"""The one place where the desktop app is wired: settings, engines, QApplication on a qasync loop,
the bridge, the main window, the tray and the single-instance socket."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import sys

from modeldesk.core.config.paths import AppPaths, default_paths
from modeldesk.logfile import setup_log_file
from modeldesk.resources import resources_dir

log = logging.getLogger(__name__)
SHUTDOWN_TIMEOUT_S = 10.0


def has_display() -> bool:
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run_gui(sources: list[str], paths: AppPaths | None = None, minimized: bool = False) -> int:
    if not has_display():
        print("modeldesk: no display to open the app on. On a server use the headless commands, "
              "e.g. `modeldesk get SOURCE --to DIR` (see `modeldesk --help`).", file=sys.stderr)
        return 2
    import qasync
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from modeldesk.bridge import EngineBridge, Preferences
    from modeldesk.core.runtime.manager import Manager
    from modeldesk.core.config.settings import load_settings
    from modeldesk.desktop_entry import APP_ID
    from modeldesk.ui.error_dialog import install_excepthook
    from modeldesk.ui.i18n import install_translators, pick_language
    from modeldesk.ui.main_window import MainWindow
    from modeldesk.ui.notices import Notices
    from modeldesk.ui.single_instance import InstanceServer, forward, instance_name
    from modeldesk.ui.tray import Tray

    paths = (paths or default_paths()).ensure()
    setup_log_file(paths)
    app = QApplication.instance() or QApplication(["modeldesk"])  # also the X11 WM_CLASS
    app.setApplicationName("ModelDesk")
    app.setDesktopFileName(APP_ID)  # the desktop entry it belongs to (Wayland app id, task bars)
    app.setQuitOnLastWindowClosed(False)
    if forward(instance_name(paths.state_dir), sources):
        return 0  # the running instance took them
    server = InstanceServer(instance_name(paths.state_dir))
    server.listen()

    settings = load_settings(paths.settings_file)
    translators = install_translators(app, pick_language(settings.ui.language))  # noqa: F841 (kept alive)
    icon_file = resources_dir() / "icons" / "modeldesk.svg"
    icon = QIcon(str(icon_file))
    app.setWindowIcon(icon)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)

    prefs = Preferences(settings, paths.settings_file)
    bridge = EngineBridge()
    manager = Manager(paths, settings, bridge.deliver, owner="the ModelDesk app")
    bridge.bind(manager, prefs.get)
    window = MainWindow(bridge, prefs)
    install_excepthook(lambda: window if window.isVisible() else None)
    tray = Tray(icon)
    notices = Notices(bridge, window.name_of, icon_file, APP_ID, parent=window)
    _wire(window, tray, notices, bridge, server, to_tray=settings.ui.start_minimized or minimized)
    closed = _quit_on_request(loop, window, tray, bridge, prefs, (server, notices))
    bridge.start_engine(restore=True)
    if sources:
        window.dialogs.add_sources(sources)
    log.info("started")
    with loop:
        loop.run_until_complete(closed.wait())
    log.info("stopped")
    return 0


def _wire(window, tray, notices, bridge, server, to_tray: bool) -> None:
    """The window, the tray, the engine and other launches talk to each other (and to the log); the
    window shows unless it is to start in a tray that exists."""
    from PySide6.QtCore import QCoreApplication

    from modeldesk.ui.error_dialog import show_error
    from modeldesk.ui.thanks_board import ThanksBoard

    if tray.available():
        tray.show()
        window.set_tray(tray)
        notices.set_tray(tray)
        log.info("tray icon shown")
    else:
        log.info("no system tray: closing the window quits; notifications go to the desktop's service")
    if to_tray and tray.available():
        log.info("started in the tray")
    else:
        window.show()

    bridge.listening.connect(lambda address, port: log.info("listening on %s:%d", address, port))
    server.sourcesReceived.connect(lambda s: log.info("another launch handed over %d source(s)", len(s)))
    window.windowHidden.connect(lambda: log.info("window hidden to the tray"))
    bridge.jobFinished.connect(lambda job_id: log.info("job %s finished", job_id[:16]))

    board = ThanksBoard(window)
    bridge.entriesLoaded.connect(board.show_entries)
    tray.showHideRequested.connect(lambda: window.hide() if window.isVisible() else window.bring_forward())
    tray.pauseAllRequested.connect(window.pause_all)
    tray.resumeAllRequested.connect(window.resume_all)
    tray.thanksRequested.connect(lambda: (bridge.load_entries(), board.show(), board.raise_()))
    server.sourcesReceived.connect(window.dialogs.add_sources)
    bridge.restored.connect(lambda failed: failed and show_error(
        window, "ModelDesk", QCoreApplication.translate("App", "Some saved jobs could not be restarted:") + "\n"
        + "\n".join(f"{name}: {why}" for name, why in failed)))


def _quit_on_request(loop, window, tray, bridge, prefs, closables) -> asyncio.Event:
    """Quit from the window, the tray, SIGTERM or Ctrl-C: resume data saved off the GUI thread, then
    everything closed; the returned event is set when that is done."""
    from PySide6.QtCore import QCoreApplication, QTimer
    from PySide6.QtWidgets import QProgressDialog

    quitting = asyncio.Event()
    closed = asyncio.Event()

    async def shut_down() -> None:
        if quitting.is_set():
            return
        quitting.set()
        window.save_layout()
        window.hide()
        progress = QProgressDialog(QCoreApplication.translate("App", "Saving resume data…"), "", 0, 0)
        progress.setCancelButton(None)
        progress.setMinimumDuration(500)  # only if it takes more than a moment
        progress.setWindowTitle("ModelDesk")
        try:
            await loop.run_in_executor(None, bridge.stop_engine, SHUTDOWN_TIMEOUT_S)
        finally:
            progress.close()
            bridge.shutdown()
            prefs.close()
            for closable in closables:
                closable.close()
            tray.hide()
            closed.set()

    def request_quit() -> None:
        asyncio.ensure_future(shut_down())

    window.quitRequested.connect(request_quit)
    tray.quitRequested.connect(request_quit)
    signal.signal(signal.SIGTERM, lambda *_: QTimer.singleShot(0, request_quit))
    signal.signal(signal.SIGINT, lambda *_: QTimer.singleShot(0, request_quit))
    heartbeat = QTimer(window, interval=300)  # lets Python run its signal handlers while Qt waits
    heartbeat.timeout.connect(lambda: None)
    heartbeat.start()
    return closed
