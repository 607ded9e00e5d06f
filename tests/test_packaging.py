"""A wheel carries the app's data files (icons, translations, the desktop entry template), and an
installed copy finds them under its prefix. Built offline (no build isolation: setuptools and wheel
come with the test extra)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from modeldesk import resources

ROOT = Path(__file__).resolve().parents[1]
DATA = ("share/modeldesk/modeldesk.desktop", "share/modeldesk/icons/modeldesk.svg",
        "share/modeldesk/translations/modeldesk_zh_CN.qm")


def test_the_wheel_carries_the_data_files(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, src / name)
    for name in ("modeldesk", "resources"):
        shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__", "*.ts"))
    r = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
                        "--disable-pip-version-check", "-w", str(tmp_path / "dist"), str(src)],
                       capture_output=True, text=True, timeout=240)
    assert r.returncode == 0, r.stderr[-3000:]
    wheel = next((tmp_path / "dist").glob("modeldesk-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for rel in DATA:
        assert any(n.endswith(".data/data/" + rel) for n in names), f"{rel} missing from {wheel.name}"
    assert "modeldesk/resources.py" in names
    z = zipfile.ZipFile(wheel)
    meta = z.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
    assert "License-Expression: MIT" in meta and "Requires-Python: >=3.11\n" in meta
    assert "Classifier: Programming Language :: Python :: 3.13" in meta and "Project-URL: Issues" in meta
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    entry_points = z.read(next(n for n in names if n.endswith(".dist-info/entry_points.txt"))).decode()
    assert "[gui_scripts]\nmodeldesk-gui = modeldesk.cli:gui_main" in entry_points


def test_an_installed_copy_finds_its_data_under_the_prefix(tmp_path, monkeypatch):
    prefix = tmp_path / "venv"
    for rel in DATA:
        (prefix / rel).parent.mkdir(parents=True, exist_ok=True)
        (prefix / rel).write_bytes(b"x")
    monkeypatch.setattr(resources, "SOURCE_TREE", tmp_path / "no-checkout" / "resources")
    assert resources.resources_dir(str(prefix)) == prefix / "share" / "modeldesk"
    monkeypatch.setattr(resources, "SOURCE_TREE", ROOT / "resources")
    assert resources.resources_dir(str(prefix)) == ROOT / "resources"  # a checkout wins
