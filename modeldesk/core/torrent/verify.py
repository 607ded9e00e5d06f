"""Check a torrent's files on disk against its piece hashes (v1, v2 and hybrid), for `verify`.

libtorrent does the hashing, as it does for a recheck: a private session with no listen socket, no
DHT, LSD, UPnP or NAT-PMP, the torrent in upload mode so nothing is ever written, and the part file
folder of the engine so pieces shared with unselected files are read from where the engine keeps them.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import libtorrent as lt

from modeldesk.core.base.errors import DiskError
from modeldesk.core.base.messages import N_
from modeldesk.core.torrent.sources import files_of, flat_renames, hub_of
from modeldesk.core.torrent.params import part_file_dir
from modeldesk.core.torrent.session_config import V2_CHECKS_ONLY

_QUIET = {
    "listen_interfaces": "",
    "enable_dht": False,
    "enable_lsd": False,
    "enable_upnp": False,
    "enable_natpmp": False,
    "alert_mask": lt.alert_category.status | lt.alert_category.error | lt.alert_category.storage,
}


@dataclass(frozen=True)
class TorrentCheck:
    checked: tuple[str, ...]
    missing: tuple[str, ...]
    corrupt: tuple[str, ...]


def check_torrent(torrent: bytes, save_path: str, wanted: set[str] | None, parts_dir: Path,
                  timeout: float = 3600.0) -> TorrentCheck:
    """Hash the files of `torrent` under `save_path`; `wanted` names the files to report on (None: all)."""
    ti = lt.torrent_info(torrent)
    decoded = lt.bdecode(torrent)
    flat = isinstance(decoded, dict) and hub_of(decoded) is not None  # a hub model's files sit in the folder itself
    files = [f for f in files_of(ti, flat) if wanted is None or f.path in wanted]
    ses = lt.session(_QUIET)  # type: ignore[call-overload]  # the bindings take a plain dict
    atp = lt.add_torrent_params()
    atp.ti = ti
    atp.save_path = save_path
    if flat:
        atp.renamed_files = flat_renames(ti)
    atp.part_file_dir = part_file_dir(parts_dir, save_path)
    chosen = {f.index for f in files}
    atp.file_priorities = [4 if i in chosen else 0 for i in range(ti.num_files())]
    atp.flags = ((atp.flags | lt.torrent_flags.upload_mode | V2_CHECKS_ONLY)
                 & ~(lt.torrent_flags.paused | lt.torrent_flags.auto_managed))
    handle = ses.add_torrent(atp)
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ses.wait_for_alert(500)
            for alert in ses.pop_alerts():
                if isinstance(alert, lt.torrent_checked_alert):
                    return _result(handle, files, Path(save_path))
                if isinstance(alert, lt.torrent_error_alert):
                    raise DiskError(N_("Checking {name} failed: {message}."),
                                    name=ti.name(), message=alert.error.message())
        raise DiskError(N_("Checking {name} did not end within {timeout:g} s."), name=ti.name(), timeout=timeout)
    finally:
        ses.remove_torrent(handle)


def _result(handle, files, save: Path) -> TorrentCheck:
    progress = handle.file_progress(flags=lt.torrent_handle.piece_granularity)
    missing = tuple(f.path for f in files if not (save / f.path).is_file())
    corrupt = tuple(f.path for f in files if f.path not in missing and progress[f.index] < f.size)
    return TorrentCheck(tuple(f.path for f in files), missing, corrupt)
