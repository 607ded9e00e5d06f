"""The torrent engine, made and started the first time a torrent needs it.

`modeldesk get URL` and hub downloads never touch BitTorrent, and importing libtorrent and opening
its session (listen sockets, DHT, LSD) is most of what stood between the command and its first
request. Until a torrent job is added, restored or previewed, settings and the session's share of
the download limit are only kept, and given to the engine when it starts. This module imports
nothing from libtorrent itself.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import TYPE_CHECKING

from modeldesk.core.contracts.jobs import completed
from modeldesk.core.config.proxy import Proxy
from modeldesk.core.config.settings import TorrentSettings

if TYPE_CHECKING:
    from modeldesk.core.torrent.engine import TorrentEngine
    from modeldesk.core.torrent.job import AddRequest


class LazyTorrents:
    def __init__(self, make: Callable[[TorrentSettings], TorrentEngine], settings: TorrentSettings):
        self._make = make
        self._settings = settings
        self._proxy: Proxy | None = None
        self._down_limit: int | None = None
        self._engine: TorrentEngine | None = None
        self._lock = threading.Lock()
        self._stopped = False

    def _engine_now(self) -> TorrentEngine:
        with self._lock:
            if self._engine is None:
                if self._stopped:
                    raise RuntimeError("the torrent engine was stopped")
                engine = self._make(self._settings)
                engine.start(self._proxy)  # raises when the session cannot start: nothing is kept
                if self._down_limit is not None:
                    engine.set_download_limit(self._down_limit)
                self._engine = engine
            return self._engine

    # ---- kept until the engine runs ----------------------------------------------------
    def start(self, proxy: Proxy | None = None, now: bool = False) -> None:
        self._proxy = proxy
        if now:
            self._engine_now()

    def stop(self, timeout: float) -> bool:
        with self._lock:
            self._stopped = True
            engine = self._engine
        return engine.stop(timeout) if engine is not None else True

    def apply_settings(self, settings: TorrentSettings, proxy: Proxy | None = None) -> Future:
        with self._lock:
            self._settings, self._proxy = settings, proxy
            engine = self._engine
        return engine.apply_settings(settings, proxy) if engine is not None else completed(None)

    def set_download_limit(self, down: int) -> Future:
        with self._lock:
            self._down_limit = down
            engine = self._engine
        return engine.set_download_limit(down) if engine is not None else completed(None)

    def cancel_metadata(self, job_id: str) -> Future:
        return self._engine.cancel_metadata(job_id) if self._engine is not None else completed(None)

    # ---- these need the engine ---------------------------------------------------------
    def add(self, request: AddRequest) -> Future:
        return self._engine_now().add(request)

    def fetch_metadata(self, magnet: str) -> Future:
        return self._engine_now().fetch_metadata(magnet)

    def pause(self, job_id: str) -> Future:
        return self._engine_now().pause(job_id)

    def resume(self, job_id: str) -> Future:
        return self._engine_now().resume(job_id)

    def remove(self, job_id: str, delete_files: bool = False) -> Future:
        return self._engine_now().remove(job_id, delete_files)

    def details(self, job_id: str) -> Future:
        return self._engine_now().details(job_id)

    def set_file_priorities(self, job_id: str, priorities: dict[int, int]) -> Future:
        return self._engine_now().set_file_priorities(job_id, priorities)

    def recheck(self, job_id: str) -> Future:
        return self._engine_now().recheck(job_id)

    def set_limits(self, job_id: str, down: int, up: int) -> Future:
        return self._engine_now().set_limits(job_id, down, up)

    def move(self, job_id: str, project: str) -> Future:
        return self._engine_now().move(job_id, project)
