"""Screenshots of the main window for the README, in English and Simplified Chinese.

    .venv/bin/python packaging/screenshots.py        (as root for nginx; needs Xvfb and trayer)

Everything runs on 127.0.0.1: a real libtorrent seed (upload-limited, so the download is still
running when the picture is taken) that also has a web seed (a hybrid job: peers and a mirror at
once, the mirror throttled per connection by tests/helpers/shaping_proxy.py), a model already complete
(seeding), and an nginx mirror with `limit_rate` for an HTTP download. Writes docs/main-window.png
and docs/main-window-zh_CN.png.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def scene(language: str, out: Path, work: Path) -> None:
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from modeldesk.bridge import EngineBridge, Preferences
    from modeldesk.core.runtime.manager import Manager
    from modeldesk.core.config.paths import default_paths
    from modeldesk.core.config.settings import load_settings
    from modeldesk.ui.i18n import install_translators
    from modeldesk.ui.main_window import MainWindow
    from modeldesk.ui.tray import Tray
    from tests.helpers.cli import MdHome
    from tests.helpers.nginx import Nginx
    from tests.helpers.shaping_proxy import ShapingProxy
    from tests.helpers.swarm import LtPeer, make_model, make_torrent, write_random

    md = MdHome(work / "home")
    md.configure()
    projects = work / "projects"
    # A model already complete (it seeds), one still downloading from a slow seed, one HTTP file.
    done_src = make_model(work / "src", "vits-zh-tts")
    done_torrent = work / "vits.torrent"
    make_torrent(done_src, done_torrent)
    shutil.copytree(done_src, projects / "tts" / done_src.name)
    r = md.run("get", str(done_torrent), "--to", str(projects / "tts"), "--no-seed", "--json")
    assert r.code == 0, r.stderr
    big = make_model(work / "src", "llama-7b-q4", {"model-q4.gguf": 600 << 20, "tokenizer.json": 2 << 20})
    big_torrent = work / "llama.torrent"
    mirror_root = work / "src"  # the mirror serves the HTTP file and, in BEP 19 layout, the torrent's files
    write_random(mirror_root / "whisper-large-v3.safetensors", 300 << 20)

    app = QApplication(["modeldesk"])
    app.setWindowIcon(QIcon(str(ROOT / "resources" / "icons" / "modeldesk.svg")))
    keep = install_translators(app, language)  # noqa: F841
    paths = default_paths({"MODELDESK_HOME": str(md.root)}).ensure()
    prefs = Preferences(load_settings(paths.settings_file), paths.settings_file)
    bridge = EngineBridge()
    manager = Manager(paths, prefs.get(), bridge.deliver)
    bridge.bind(manager, prefs.get)
    window = MainWindow(bridge, prefs)
    tray = Tray(app.windowIcon())
    tray.show()
    window.tray = tray
    window.resize(1260, 660)
    window.show()
    ports = []
    bridge.listening.connect(lambda _a, p: ports.append(p))
    bridge.start_engine(restore=True).result()

    def pump(seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            app.processEvents()
            time.sleep(0.02)

    pump(1)
    with Nginx(mirror_root, work / "nginx", "limit_rate 1m;") as nginx, \
            ShapingProxy(nginx.port, conn_rate=512 << 10) as slow_mirror:
        make_torrent(big, big_torrent, piece_size=1 << 20, web_seeds=[slow_mirror.url + "/"])
        seed = LtPeer("seed", big_torrent, work / "src", work, peers=[f"127.0.0.1:{ports[-1]}"], upload_limit=9 << 20)
        prefs.remember_folder(str(projects / "asr"))
        bridge.add_source(f"{nginx.url}/whisper-large-v3.safetensors", str(projects / "asr")).result()
        prefs.remember_folder(str(projects / "llm"))
        bridge.add_source(str(big_torrent), str(projects / "llm")).result()
        pump(12)
        for row in window.model.rows():
            if row.name.startswith("llama"):
                window.select_job(row.job_id)
        window.details.setCurrentWidget(window.details.files)
        pump(1.5)
        window.grab().save(str(out))
        if shutil.which("import"):  # imagemagick: the whole screen, tray included
            subprocess.run(["import", "-window", "root", str(out.with_suffix(".root.png"))], check=False)
        for tab, name in ((window.details.mirrors, "mirrors"), (window.details.speed, "speed")):
            window.details.setCurrentWidget(tab)  # for a look by hand: not in the README
            pump(1.5)
            window.grab().save(str(work / f"{name}.png"))
            shutil.copy(work / f"{name}.png", Path(tempfile.gettempdir()) / f"modeldesk-{language}-{name}.png")
        seed.stop()
        bridge.stop_engine(10)
        bridge.shutdown()
        prefs.close()


def main() -> int:
    if len(sys.argv) == 5 and sys.argv[1] == "--scene":
        scene(sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4]))
        return 0
    from tests.helpers.xsession import XSession

    with XSession() as xs:
        for language, name in (("en", "main-window.png"), ("zh_CN", "main-window-zh_CN.png")):
            with tempfile.TemporaryDirectory() as work:
                subprocess.run([sys.executable, __file__, "--scene", language, str(ROOT / "docs" / name), work],
                               env={**xs.env, "PYTHONPATH": str(ROOT), "LANG": "C.UTF-8"}, check=True,
                               cwd=str(ROOT))
    return 0


if __name__ == "__main__":
    os.chdir(ROOT)
    sys.exit(main())
