"""Where ModelDesk keeps config, data and state.

Platform folders by default (XDG on Linux, via platformdirs); MODELDESK_HOME puts everything in
one folder, for tests, containers and portable installs.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from modeldesk.core.base.constants import ENV_HOME
from modeldesk.core.base.errors import TargetDirError
from modeldesk.core.base.messages import N_
from modeldesk.core.base.os_reasons import os_reason

APP = "modeldesk"


@dataclass(frozen=True)
class AppPaths:
    config_dir: Path
    data_dir: Path
    state_dir: Path

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.json"

    @property
    def library_db(self) -> Path:
        return self.data_dir / "library.sqlite3"

    @property
    def library_lock(self) -> Path:
        """Held by the one process that runs the library (core.library.owner)."""
        return self.data_dir / "library.lock"

    @property
    def resume_dir(self) -> Path:
        return self.state_dir / "resume"

    @property
    def parts_dir(self) -> Path:
        """libtorrent's part files (pieces shared with unselected files) live here, not in projects."""
        return self.state_dir / "parts"

    def ensure(self) -> AppPaths:
        """Every folder made; TargetDirError with a sentence when one cannot be (MODELDESK_HOME names a
        file, lies below one, or is read-only)."""
        for d in (self.config_dir, self.data_dir, self.state_dir, self.resume_dir, self.parts_dir):
            try:
                d.mkdir(parents=True, exist_ok=True)
                if not os.access(d, os.W_OK | os.X_OK):
                    raise PermissionError(13, "Permission denied")
            except OSError as exc:
                raise TargetDirError(N_("ModelDesk cannot keep its files in {folder}: {reason}. Fix it, or set "
                                        "{ENV_HOME} to a folder you can write to."),
                                     folder=d, reason=os_reason(exc), ENV_HOME=ENV_HOME) from None
        return self


def default_paths(environ: dict[str, str] | None = None) -> AppPaths:
    env = os.environ if environ is None else environ
    home = env.get(ENV_HOME)
    if home:
        root = Path(home).expanduser()
        return AppPaths(root / "config", root / "data", root / "state")
    return AppPaths(
        Path(platformdirs.user_config_dir(APP)),
        Path(platformdirs.user_data_dir(APP)),
        Path(platformdirs.user_state_dir(APP)),
    )
