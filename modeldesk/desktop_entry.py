"""`modeldesk register-handler`: install the .desktop entry (magnet links, .torrent files) into the
user's applications folder and make it the default handler with xdg-mime; `--unregister` undoes it.
The opt-in autostart entry (XDG autostart) starts the app in the tray at login, to keep seeding."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import sys
from pathlib import Path

from modeldesk.core.base.atomic import atomic_write
from modeldesk.core.base.errors import ModelDeskError
from modeldesk.resources import resources_dir

APP_ID = "io.github.modeldesk.ModelDesk"  # reverse DNS, as the desktop entry and AppStream specs ask
DESKTOP_ID = f"{APP_ID}.desktop"
OLD_DESKTOP_IDS = ("modeldesk.desktop",)  # what register-handler wrote before the app had an id
MIME_TYPES = ("x-scheme-handler/magnet", "application/x-bittorrent")
TEMPLATE = resources_dir() / DESKTOP_ID
ICON = resources_dir() / "icons" / "modeldesk.svg"


def _data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def _config_home() -> Path:
    return Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")


_RESERVED = set(' \t\n"\'\\><~|&;$*?#()`')


def exec_quote(arg: str) -> str:
    """One argument of an Exec line as the Desktop Entry spec quotes it: in double quotes when it holds a
    reserved character, with `"`, `` ` ``, `$` and `\\` escaped inside, then the backslashes doubled again
    (the value is itself an escaped string) and `%` written `%%` (field codes)."""
    if _RESERVED & set(arg):
        arg = '"' + "".join("\\" + c if c in '"`$\\' else c for c in arg) + '"'
    return arg.replace("\\", "\\\\").replace("%", "%%")


def launch_command() -> str:
    """How this installation starts ModelDesk, as an Exec line (absolute, so no PATH is needed)."""
    if getattr(sys, "frozen", False):  # the frozen app is its own launcher, whatever else is on PATH
        return exec_quote(str(Path(sys.executable).resolve()))
    exe = shutil.which("modeldesk") or str(Path(sys.executable).with_name("modeldesk"))
    if Path(exe).exists():
        return exec_quote(str(Path(exe).resolve()))
    return f"{exec_quote(sys.executable)} -m modeldesk"


def desktop_text(command: str, autostart: bool = False) -> str:
    """The entry for this installation; the autostart one starts the app in the tray and handles nothing."""
    lines = []
    for line in TEMPLATE.read_text(encoding="utf-8").splitlines():
        if line.startswith("Exec="):
            line = f"Exec={command} gui --minimized" if autostart else f"Exec={command} %U"
        elif line.startswith("Icon=") and ICON.exists():
            line = f"Icon={ICON}"
        elif autostart and line.startswith(("MimeType=", "StartupNotify=")):
            continue
        lines.append(line)
    if autostart:
        lines.append("X-GNOME-Autostart-enabled=true")
    return "\n".join(lines) + "\n"


def freedesktop() -> bool:
    """A freedesktop.org desktop may run here (Linux and the BSDs): XDG entries and autostart, and a
    session bus for notifications. Windows and macOS have their own (handler_windows, handler_macos)."""
    return sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd"))


def autostart_file() -> Path:
    return _config_home() / "autostart" / DESKTOP_ID


def autostart_enabled() -> bool:
    return autostart_file().exists()


def set_autostart(on: bool) -> Path:
    """Write or remove the autostart entry (raises OSError when the folder cannot be written)."""
    target = autostart_file()
    if on:
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(target, desktop_text(launch_command(), autostart=True).encode("utf-8"))
    else:
        target.unlink(missing_ok=True)
    return target


def register() -> str:
    apps = _data_home() / "applications"
    apps.mkdir(parents=True, exist_ok=True)
    target = apps / DESKTOP_ID
    atomic_write(target, desktop_text(launch_command()).encode("utf-8"))
    if shutil.which("update-desktop-database"):
        subprocess.run(["update-desktop-database", str(apps)], check=False, capture_output=True)
    if not shutil.which("xdg-mime"):
        raise ModelDeskError(f"Installed {target}, but xdg-mime is missing: install xdg-utils to make "
                             "ModelDesk the default for magnet links.")
    r = subprocess.run(["xdg-mime", "default", DESKTOP_ID, *MIME_TYPES], capture_output=True, text=True)
    if r.returncode != 0:
        raise ModelDeskError(f"xdg-mime could not set ModelDesk as the default: {r.stderr.strip()}")
    return f"ModelDesk now opens magnet links and .torrent files ({target})."


def unregister() -> str:
    for name in (DESKTOP_ID, *OLD_DESKTOP_IDS):
        (_data_home() / "applications" / name).unlink(missing_ok=True)
    mimeapps = _config_home() / "mimeapps.list"
    if mimeapps.exists():
        cp = configparser.ConfigParser(interpolation=None, delimiters=("=",))
        cp.optionxform = str  # keys are MIME types: keep their case
        cp.read(mimeapps, encoding="utf-8")
        for section in ("Default Applications", "Added Associations"):
            if not cp.has_section(section):
                continue
            for mime in MIME_TYPES:
                value = cp.get(section, mime, fallback=None)
                if value is None:
                    continue
                kept = [v for v in value.split(";") if v and v not in (DESKTOP_ID, *OLD_DESKTOP_IDS)]
                if kept:
                    cp.set(section, mime, ";".join(kept) + ";")
                else:
                    cp.remove_option(section, mime)
        with open(mimeapps, "w", encoding="utf-8") as f:
            cp.write(f, space_around_delimiters=False)
    return "ModelDesk no longer handles magnet links and .torrent files."
