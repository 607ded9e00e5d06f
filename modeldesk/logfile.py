"""A log file in the state folder, for processes no one watches: the desktop app (no terminal) and
`seed --all` run as a service. It rotates at 2 MiB; tokens never reach it (they are never logged)."""

from __future__ import annotations

import logging
import logging.handlers

from modeldesk.core.config.paths import AppPaths


def setup_log_file(paths: AppPaths, name: str = "modeldesk.log") -> None:
    paths.state_dir.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(paths.state_dir / name, maxBytes=2 << 20, backupCount=2,
                                                   encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("modeldesk")
    root.addHandler(handler)
    root.setLevel(logging.INFO)
