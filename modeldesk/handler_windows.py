"""`modeldesk register-handler` on Windows: per-user registry keys (HKEY_CURRENT_USER, no administrator)
that open magnet links and .torrent files with ModelDesk, and the Default Apps capabilities that let
Settings → Default apps offer it. Windows 10 and later keep the user's own choice (UserChoice) above
these keys; where one exists, the message says where to change it.

What the keys hold is built by pure functions (tested everywhere); only `register`/`unregister` touch
the registry, through winreg, and run on Windows only (not tested in this project's CI)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

CLASSES = r"Software\Classes"
CAPABILITIES = r"Software\ModelDesk\Capabilities"
MAGNET_PROG_ID = "ModelDesk.Magnet"
TORRENT_PROG_ID = "ModelDesk.Torrent"


def windows_command(executable: str | None = None, frozen: bool | None = None) -> list[str]:
    """The program that opens a link with no console window: the frozen app itself, the installed
    modeldesk-gui.exe, or pythonw.exe -m modeldesk."""
    exe = Path(executable or sys.executable)
    if frozen if frozen is not None else getattr(sys, "frozen", False):
        return [str(exe)]
    gui = exe.with_name("modeldesk-gui.exe")
    if gui.exists():
        return [str(gui)]
    return [str(exe.with_name("pythonw.exe")), "-m", "modeldesk", "gui"]


def open_command(argv: list[str]) -> str:
    """The shell\\open\\command value: the program quoted as Windows parses a command line, then "%1"."""
    return subprocess.list2cmdline(argv) + ' "%1"'


def registry_values(argv: list[str], icon: str) -> list[tuple[str, str, str]]:
    """(key under HKCU, value name ('' for the default value), string data), parents before children."""
    command = open_command(argv)
    values: list[tuple[str, str, str]] = []
    for prog_id, what in ((MAGNET_PROG_ID, "Magnet link"), (TORRENT_PROG_ID, "Torrent file")):
        values += [(rf"{CLASSES}\{prog_id}", "", what),
                   (rf"{CLASSES}\{prog_id}\DefaultIcon", "", icon),
                   (rf"{CLASSES}\{prog_id}\shell\open\command", "", command)]
    values.append((rf"{CLASSES}\{MAGNET_PROG_ID}", "URL Protocol", ""))
    values += [(rf"{CLASSES}\magnet", "", "URL:Magnet link"),
               (rf"{CLASSES}\magnet", "URL Protocol", ""),
               (rf"{CLASSES}\magnet\DefaultIcon", "", icon),
               (rf"{CLASSES}\magnet\shell\open\command", "", command),
               (rf"{CLASSES}\.torrent", "", TORRENT_PROG_ID),
               (rf"{CLASSES}\.torrent\OpenWithProgids", TORRENT_PROG_ID, ""),
               (CAPABILITIES, "ApplicationName", "ModelDesk"),
               (CAPABILITIES, "ApplicationDescription", "Download AI models over BitTorrent and HTTP mirrors"),
               (rf"{CAPABILITIES}\URLAssociations", "magnet", MAGNET_PROG_ID),
               (rf"{CAPABILITIES}\FileAssociations", ".torrent", TORRENT_PROG_ID),
               (r"Software\RegisteredApplications", "ModelDesk", CAPABILITIES)]
    return values


def _handler_keys(base: str) -> list[str]:
    """A ProgID or protocol key and the keys register writes below it, deepest first."""
    return [rf"{base}\shell\open\command", rf"{base}\shell\open", rf"{base}\shell", rf"{base}\DefaultIcon", base]


def owned_keys() -> list[str]:
    """Keys that are ModelDesk's alone, removed whole by --unregister (deepest first)."""
    keys = _handler_keys(rf"{CLASSES}\{MAGNET_PROG_ID}") + _handler_keys(rf"{CLASSES}\{TORRENT_PROG_ID}")
    return keys + [rf"{CAPABILITIES}\URLAssociations", rf"{CAPABILITIES}\FileAssociations", CAPABILITIES,
                   r"Software\ModelDesk"]


def shared_keys() -> list[str]:
    """The magnet key other apps write too: removed by --unregister only while its command is ours."""
    return _handler_keys(rf"{CLASSES}\magnet")


def register() -> str:  # pragma: no cover - Windows only
    import winreg

    argv = windows_command()
    for key, name, data in registry_values(argv, f"{argv[0]},0"):
        with winreg.CreateKeyEx(winreg.HKEY_CURRENT_USER, key, 0, winreg.KEY_SET_VALUE) as k:
            winreg.SetValueEx(k, name, 0, winreg.REG_SZ, data)
    _notify_shell()
    return ("ModelDesk now opens magnet links and .torrent files. If Windows still asks, choose ModelDesk in "
            "Settings → Apps → Default apps.")


def unregister() -> str:  # pragma: no cover - Windows only
    import winreg

    keys = owned_keys()
    try:
        with winreg.OpenKey(winreg.HKEY_CURRENT_USER, shared_keys()[0]) as k:
            if winreg.QueryValueEx(k, "")[0] == open_command(windows_command()):
                keys += shared_keys()
    except FileNotFoundError:
        pass
    for key in keys:
        try:
            winreg.DeleteKey(winreg.HKEY_CURRENT_USER, key)
        except FileNotFoundError:
            pass
    for key, name in ((r"Software\RegisteredApplications", "ModelDesk"),
                      (rf"{CLASSES}\.torrent\OpenWithProgids", TORRENT_PROG_ID)):
        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, key, 0, winreg.KEY_SET_VALUE) as k:
                winreg.DeleteValue(k, name)
        except FileNotFoundError:
            pass
    _notify_shell()
    return "ModelDesk no longer handles magnet links and .torrent files."


def _notify_shell() -> None:  # pragma: no cover - Windows only
    """Explorer reads associations again (SHChangeNotify, SHCNE_ASSOCCHANGED)."""
    import ctypes

    ctypes.windll.shell32.SHChangeNotify(0x08000000, 0, None, None)
