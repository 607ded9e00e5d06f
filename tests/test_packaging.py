"""The wheel: its metadata, the data files the app reads, and the desktop integration files where
desktops look for them (checked by desktop-file-validate and appstreamcli). Installed into a prefix of
its own, the package finds its data there. Built offline (no build isolation: setuptools and wheel come
with the test extra)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from modeldesk import resources
from modeldesk.desktop_entry import APP_ID
from tests.helpers.tools import require_tool

ROOT = Path(__file__).resolve().parents[1]
DATA = (f"share/modeldesk/{APP_ID}.desktop", "share/modeldesk/icons/modeldesk.svg",
        "share/modeldesk/translations/modeldesk_zh_CN.qm", "share/modeldesk/translations/modeldesk_en.qm")
DESKTOP = (f"share/applications/{APP_ID}.desktop", f"share/metainfo/{APP_ID}.metainfo.xml",
           f"share/icons/hicolor/scalable/apps/{APP_ID}.svg",
           *(f"share/icons/hicolor/{n}x{n}/apps/{APP_ID}.png" for n in (48, 128, 256)))


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, src / name)
    for name in ("modeldesk", "resources"):
        shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__", "*.ts"))
    r = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
                        "--disable-pip-version-check", "-w", str(tmp / "dist"), str(src)],
                       capture_output=True, text=True, timeout=240)
    assert r.returncode == 0, r.stderr[-3000:]
    return next((tmp / "dist").glob("modeldesk-*.whl"))


def test_the_wheel_carries_the_data_files_and_its_metadata(wheel):
    z = zipfile.ZipFile(wheel)
    names = z.namelist()
    for rel in DATA + DESKTOP:
        assert any(n.endswith(".data/data/" + rel) for n in names), f"{rel} missing from {wheel.name}"
    assert "modeldesk/resources.py" in names
    meta = z.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
    assert "License-Expression: MIT" in meta and "Requires-Python: >=3.11\n" in meta
    assert "Classifier: Programming Language :: Python :: 3.13" in meta and "Project-URL: Issues" in meta
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    entry_points = z.read(next(n for n in names if n.endswith(".dist-info/entry_points.txt"))).decode()
    assert "[gui_scripts]\nmodeldesk-gui = modeldesk.cli:gui_main" in entry_points


def test_the_menu_entry_and_the_metainfo_pass_their_validators(wheel, tmp_path):
    z = zipfile.ZipFile(wheel)
    for rel in DESKTOP[:2]:
        (tmp_path / Path(rel).name).write_bytes(z.read(next(n for n in z.namelist() if n.endswith(rel))))
    desktop = subprocess.run([require_tool("desktop-file-validate"), str(tmp_path / f"{APP_ID}.desktop")],
                             capture_output=True, text=True)
    assert desktop.returncode == 0 and not desktop.stdout.strip(), desktop.stdout + desktop.stderr
    appstream = subprocess.run([require_tool("appstreamcli"), "validate", "--no-net",
                                str(tmp_path / f"{APP_ID}.metainfo.xml")], capture_output=True, text=True)
    assert appstream.returncode == 0, appstream.stdout + appstream.stderr
    metainfo = (tmp_path / f"{APP_ID}.metainfo.xml").read_text()
    assert f"<id>{APP_ID}</id>" in metainfo and f">{APP_ID}.desktop</launchable>" in metainfo
    assert all(s in metainfo for s in ("<screenshot", "<release ", "oars-1.1", 'xml:lang="zh_CN"'))


def test_installed_into_a_prefix_of_its_own_it_finds_its_data_there(wheel, tmp_path):
    prefix = tmp_path / "prefix"
    # --ignore-installed: without it pip first uninstalls the venv's own (editable) modeldesk, and every
    # later `python -m modeldesk` run outside the checkout fails.
    r = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-warn-script-location",
                        "--disable-pip-version-check", "--ignore-installed", "--prefix", str(prefix), str(wheel)],
                       capture_output=True, text=True, timeout=240)
    assert r.returncode == 0, r.stderr[-3000:]
    still = subprocess.run([sys.executable, "-c", "import importlib.metadata as m; print(m.version('modeldesk'))"],
                           capture_output=True, text=True, cwd=tmp_path)
    assert still.returncode == 0, "installing into another prefix removed this environment's modeldesk"
    (site_packages,) = prefix.glob("lib/python3*/site-packages")
    # -S: none of this environment's site-packages (where the checkout is installed editable) is seen.
    probe = ("from modeldesk.resources import resources_dir; d = resources_dir(); "
             "print(d); print((d / 'translations' / 'modeldesk_zh_CN.qm').is_file())")
    found = subprocess.run([sys.executable, "-S", "-c", probe], cwd=tmp_path, capture_output=True, text=True,
                           env={"PYTHONPATH": str(site_packages), "PATH": "/usr/bin:/bin"})
    assert found.returncode == 0, found.stderr
    assert found.stdout.split() == [str(prefix / "share" / "modeldesk"), "True"]


def test_a_user_install_finds_its_data_under_the_user_base(tmp_path, monkeypatch):
    user_base = tmp_path / "user"
    (user_base / "share" / "modeldesk" / "icons").mkdir(parents=True)
    monkeypatch.setattr(resources, "SOURCE_TREE", tmp_path / "no-checkout" / "resources")
    monkeypatch.setattr(resources.site, "USER_BASE", str(user_base))
    assert resources.resources_dir(str(tmp_path / "empty-prefix")) == user_base / "share" / "modeldesk"
    monkeypatch.setattr(resources, "SOURCE_TREE", ROOT / "resources")
    assert resources.resources_dir(str(tmp_path / "empty-prefix")) == ROOT / "resources"  # a checkout wins
