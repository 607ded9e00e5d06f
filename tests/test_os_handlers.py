"""register-handler on Windows and macOS, as far as it can be checked off those systems: the registry
values Windows gets (program quoting, keys, what --unregister removes) and the macOS bundle lookup.
The winreg calls themselves run on Windows only (see modeldesk/handler_windows.py)."""

from __future__ import annotations

import sys

import pytest

from modeldesk import handler_macos
from modeldesk.core.base.errors import BadInputError
from modeldesk.handler_windows import (
    CLASSES,
    MAGNET_PROG_ID,
    TORRENT_PROG_ID,
    open_command,
    owned_keys,
    registry_values,
    shared_keys,
    windows_command,
)

EXE = r"C:\Program Files\ModelDesk\modeldesk.exe"


def test_the_program_is_quoted_as_windows_parses_a_command_line():
    assert open_command([EXE]) == r'"C:\Program Files\ModelDesk\modeldesk.exe" "%1"'
    assert open_command([r"C:\md\pythonw.exe", "-m", "modeldesk", "gui"]) == r'C:\md\pythonw.exe -m modeldesk gui "%1"'


def test_which_program_opens_links(tmp_path):
    assert windows_command(EXE, frozen=True) == [EXE]
    python = tmp_path / "Scripts" / "python.exe"
    python.parent.mkdir()
    pythonw = str(python.with_name("pythonw.exe"))
    assert windows_command(str(python), frozen=False) == [pythonw, "-m", "modeldesk", "gui"]
    (python.parent / "modeldesk-gui.exe").write_bytes(b"MZ")
    assert windows_command(str(python), frozen=False) == [str(python.parent / "modeldesk-gui.exe")]


def test_the_registry_values():
    values = registry_values([EXE], f"{EXE},0")
    table = {(k, n): d for k, n, d in values}
    command = r'"C:\Program Files\ModelDesk\modeldesk.exe" "%1"'
    assert all(k.startswith("Software\\") for k, _n, _d in values)  # HKCU only: no administrator needed
    assert table[(rf"{CLASSES}\magnet", "URL Protocol")] == ""
    assert table[(rf"{CLASSES}\magnet\shell\open\command", "")] == command
    assert table[(rf"{CLASSES}\{TORRENT_PROG_ID}\shell\open\command", "")] == command
    assert table[(rf"{CLASSES}\.torrent", "")] == TORRENT_PROG_ID
    assert table[(r"Software\ModelDesk\Capabilities\URLAssociations", "magnet")] == MAGNET_PROG_ID
    assert table[(r"Software\RegisteredApplications", "ModelDesk")] == r"Software\ModelDesk\Capabilities"


def test_unregister_removes_every_key_of_ours_children_first():
    written = {k for k, _n, _d in registry_values([EXE], EXE)}
    ours = [k for k in written if "ModelDesk" in k]
    removed = owned_keys()
    assert set(ours) <= set(removed)
    for keys in (removed, shared_keys()):
        for i, key in enumerate(keys):  # a key goes after everything below it (DeleteKey needs no children)
            assert not any(k.startswith(key + "\\") for k in keys[i + 1:]), key
    assert {k for k in written if k.startswith(rf"{CLASSES}\magnet")} <= set(shared_keys())


def test_macos_finds_the_app_bundle():
    exe = "/Applications/ModelDesk.app/Contents/MacOS/modeldesk"
    assert str(handler_macos.bundle_of(exe)) == "/Applications/ModelDesk.app"
    assert handler_macos.bundle_of("/usr/local/bin/modeldesk") is None


def test_macos_without_a_bundle_says_how_to_get_one(monkeypatch):
    monkeypatch.delattr(sys, "frozen", raising=False)
    with pytest.raises(BadInputError, match="build-app.sh"):
        handler_macos.register()

