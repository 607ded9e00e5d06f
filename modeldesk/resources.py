"""Where the app's data files are (icons, translations, the desktop entry template): resources/
beside the package in a checkout or an editable install, share/modeldesk under the prefix when
installed from a wheel (pyproject's data-files put them there)."""

from __future__ import annotations

import sys
from pathlib import Path

SOURCE_TREE = Path(__file__).resolve().parent.parent / "resources"


def resources_dir(prefix: str | None = None) -> Path:
    installed = Path(prefix or sys.prefix) / "share" / "modeldesk"
    for base in (SOURCE_TREE, installed):
        if (base / "icons").is_dir():
            return base
    return SOURCE_TREE
