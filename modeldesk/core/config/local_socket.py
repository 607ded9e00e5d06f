"""Where a second ModelDesk process finds a running one: a local socket in the user's own state
folder (owner-only), or under the runtime folder when that path is too long for a socket address.
The desktop app's single-instance socket and the seed service's hand-over socket both live here."""

from __future__ import annotations

import hashlib
import logging
import os
import sys
import tempfile
from pathlib import Path

log = logging.getLogger(__name__)
SUN_PATH_MAX = 104  # bytes in a socket address's path with its NUL: macOS's limit (Linux allows 108)


def socket_path(state_dir: Path, file_name: str, platform: str = sys.platform, runtime_dir: str | None = None) -> str:
    """`file_name` in the state folder, or, where that path is too long for a socket address, a socket
    named by a hash of the state folder in a folder of the user's own under the runtime folder.
    Windows: a pipe name (Qt puts it under \\\\.\\pipe\\; a path there is not a name)."""
    digest = hashlib.sha256(os.fsencode(str(state_dir))).hexdigest()[:16]
    stem = Path(file_name).stem
    tag = digest if stem == "instance" else f"{digest}-{stem}"  # the app's own socket keeps its old name
    if platform == "win32":
        return f"ModelDesk-{tag}"
    path = state_dir / file_name
    if len(os.fsencode(str(path))) < SUN_PATH_MAX:
        return str(path)
    base = runtime_dir or os.environ.get("XDG_RUNTIME_DIR") or tempfile.gettempdir()
    return str(Path(base) / f"modeldesk-{os.getuid()}" / f"{tag}.sock")


def own_folder(folder: Path) -> bool:
    """The socket's folder exists, is ours and only ours (in a shared temporary folder another user
    could have made it first)."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if folder.stat().st_uid != os.getuid():
        log.warning("socket folder %s belongs to another user: not listening there", folder)
        return False
    folder.chmod(0o700)
    return True
