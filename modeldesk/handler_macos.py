"""`modeldesk register-handler` on macOS. There an app bundle declares the links and files it opens in
its Info.plist (packaging/modeldesk.spec writes CFBundleURLTypes for magnet: and CFBundleDocumentTypes
for .torrent), and Launch Services learns them when the bundle is first opened; a pip install has no
bundle to name. So this command explains rather than writes."""

from __future__ import annotations

import sys
from pathlib import Path

from modeldesk.core.base.errors import BadInputError
from modeldesk.core.base.messages import N_


def bundle_of(executable: str) -> Path | None:
    """The .app folder a frozen ModelDesk runs from (…/ModelDesk.app/Contents/MacOS/modeldesk)."""
    for parent in Path(executable).resolve().parents:
        if parent.suffix == ".app":
            return parent
    return None


def register() -> str:
    bundle = bundle_of(sys.executable) if getattr(sys, "frozen", False) else None
    if bundle is None:
        raise BadInputError(N_("On macOS magnet links and .torrent files open with an app bundle: build it with "
                               "`bash packaging/build-app.sh`, move ModelDesk.app to Applications and open it once."))
    return (f"{bundle.name} declares magnet links and .torrent files. To make it the default, use Get Info on a "
            ".torrent file in Finder: Open with → ModelDesk → Change All; a browser asks once for magnet links.")


def unregister() -> str:
    return ("On macOS the choice belongs to Launch Services: pick another app in Finder (Get Info → Open with → "
            "Change All), or delete ModelDesk.app.")
