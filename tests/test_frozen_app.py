"""The frozen one-folder app (packaging/build-app.sh, PyInstaller), built once for this module and run
with nothing of the checkout or the venv: --version; a gated hub repo fetched with a token from a real
Secret Service (keyring, requests and the hub code inside the bundle); the window and tray icon on Xvfb
with a real tray host; a magnet handed over by a second launch; register-handler naming the frozen
program. The folder's size is printed (pytest -s) for the record."""

from __future__ import annotations

import fcntl
import os
import subprocess
import time
from pathlib import Path

import pytest

from tests.desktop.test_handoff import MAGNET, add_dialogs
from tests.desktop.test_tray import tray_icon
from tests.helpers.hub_server import HubServer
from tests.helpers.keyring_session import KeyringSession
from tests.helpers.swarm import write_random
from tests.helpers.tools import require_tool
from tests.helpers.xsession import App, XSession, wait_until

pytestmark = pytest.mark.desktop
ROOT = Path(__file__).resolve().parent.parent
TOKEN = "hf_frozen_Q8wd31LmZ"


def _build_folder(tmp_path_factory) -> Path:
    """Where the app is built: one folder for the whole run. pytest-xdist workers each set up a module
    fixture of their own, and packaging/dev.sh runs the suite twice (in parallel, then the timing
    tests) with MD_TEST_FROZEN_DIR naming a folder for both."""
    if shared := os.environ.get("MD_TEST_FROZEN_DIR"):
        return Path(shared)
    if os.environ.get("PYTEST_XDIST_WORKER"):
        return tmp_path_factory.getbasetemp().parent / "frozen"  # the run's folder, above each worker's
    return tmp_path_factory.mktemp("frozen")


@pytest.fixture(scope="module")
def frozen(tmp_path_factory) -> Path:
    out = _build_folder(tmp_path_factory)
    out.mkdir(parents=True, exist_ok=True)
    exe = out / "dist" / "modeldesk" / "modeldesk"
    with open(out / "build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another worker building it: wait, then use its app
        if not (out / "built").exists():
            _build(out, exe)
    return exe


def _build(out: Path, exe: Path) -> None:
    started = time.monotonic()
    r = subprocess.run(["bash", str(ROOT / "packaging" / "build-app.sh"), str(out / "dist"), str(out / "work")],
                       capture_output=True, text=True, timeout=900, stdin=subprocess.DEVNULL)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    (out / "built").touch()
    size = sum(f.stat().st_size for f in exe.parent.rglob("*") if f.is_file() and not f.is_symlink())
    print(f"\nfrozen app: built in {time.monotonic() - started:.0f} s, {size / 2**20:.0f} MiB in {exe.parent}")


def clean_env(md) -> dict:
    """The app's own environment: no PYTHONPATH or venv to lean on."""
    env = {k: v for k, v in md.environ().items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    env["PATH"] = "/usr/bin:/bin"
    return env


def test_version_and_no_checkout_inside(frozen, md):
    r = subprocess.run([str(frozen), "--version"], capture_output=True, text=True, env=clean_env(md), timeout=60,
                       cwd="/")
    assert r.returncode == 0 and r.stdout.startswith("modeldesk "), r.stdout + r.stderr
    for qm in ("modeldesk_zh_CN.qm", "modeldesk_en.qm"):
        assert (frozen.parent / "_internal" / "resources" / "translations" / qm).exists(), qm
    assert not list(frozen.parent.rglob("test_*.py"))


def test_a_gated_repo_with_a_token_from_the_keyring(frozen, md, tmp_path):
    hub = tmp_path / "hub"
    write_random(hub / "acme" / "gated-tts" / "model.safetensors", 2 * 1024 * 1024 + 5)
    (hub / "acme" / "gated-tts" / "config.json").write_text('{"sample_rate": 22050}\n')
    kr = KeyringSession(tmp_path / "krhome")
    out = tmp_path / "project"
    with HubServer(hub, gated={"acme/gated-tts": TOKEN}) as server:
        host = server.url  # a plain-http mirror is trusted by its whole origin
        r = kr.run(clean_env(md), str(frozen), "token", "set", "--host", host, stdin=TOKEN + "\n")
        assert r.returncode == 0, r.stdout + r.stderr
        r = kr.run(clean_env(md), str(frozen), "get", "hf://acme/gated-tts", "--mirror", server.url,
                   "--to", str(out), "--json")
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:]
    assert (out / "model.safetensors").read_bytes() == (hub / "acme" / "gated-tts" / "model.safetensors").read_bytes()
    assert TOKEN not in r.stdout + r.stderr


@pytest.mark.timing
def test_the_window_the_tray_and_a_handed_over_magnet(frozen, md, tmp_path):
    env = clean_env(md)
    md.env["PATH"] = env["PATH"]
    with XSession() as xs:
        app = App(xs, md, command=[str(frozen)])
        try:
            app.window_id()
            wait_until(lambda: tray_icon(xs), 20, "the tray icon inside trayer")
            started = time.monotonic()
            second = subprocess.run([str(frozen), MAGNET], env={**env, **xs.env}, capture_output=True, text=True,
                                    timeout=30, stdin=subprocess.DEVNULL)
            assert second.returncode == 0, second.stderr
            assert time.monotonic() - started < 5
            app.wait_log("another launch handed over 1 source", 10)
            wait_until(lambda: add_dialogs(xs), 10, "the add dialog")
        finally:
            assert app.stop() == 0


def test_register_handler_names_the_frozen_program(frozen, md, tmp_path):
    require_tool("xdg-mime")
    env = {**clean_env(md), "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    r = subprocess.run([str(frozen), "register-handler"], capture_output=True, text=True, env=env, timeout=60)
    assert r.returncode == 0, r.stderr
    entry = (tmp_path / "data" / "applications" / "io.github.modeldesk.ModelDesk.desktop").read_text()
    assert f"Exec={frozen} %U" in entry
    icon = next(line[5:] for line in entry.splitlines() if line.startswith("Icon="))
    assert os.path.isfile(icon) and str(frozen.parent) in icon
