"""Where the app's data files are (icons, translations, the desktop entry and AppStream metainfo):
resources/ beside the package in a checkout or an editable install; share/modeldesk in the data
folder of whichever install scheme put the package there (pyproject's data-files): the environment's
prefix, the user's base (`pip install --user`), a `--prefix`/`--target` folder found from the package's
own place, or the folder a frozen app unpacked itself into."""

from __future__ import annotations

import site
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
SOURCE_TREE = PACKAGE.parent / "resources"


def _installed(prefix: str | None) -> list[Path]:
    bases = [Path(prefix or sys.prefix)]
    if getattr(sys, "frozen", False):  # PyInstaller: the data sits beside the unpacked code
        bases.insert(0, Path(getattr(sys, "_MEIPASS", PACKAGE.parent)))
    if site.USER_BASE:
        bases.append(Path(site.USER_BASE))
    # <base>/lib/pythonX.Y/site-packages/modeldesk (POSIX) or <base>/Lib/site-packages/modeldesk
    # (Windows), and --target's <dir>/modeldesk: the data folder is one of these parents.
    bases += [PACKAGE.parents[i] for i in (0, 2, 3) if i < len(PACKAGE.parents)]
    return [b / "share" / "modeldesk" for b in bases]


def resources_dir(prefix: str | None = None) -> Path:
    for base in (SOURCE_TREE, *_installed(prefix)):
        if (base / "icons").is_dir():
            return base
    return SOURCE_TREE
