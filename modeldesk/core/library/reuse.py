"""Placing instead of fetching: a file whose sha256 the library's index knows anywhere on disk is placed
into the job's folder (core/placing.py), as pnpm links from its store. The download thread that asks
does the placing; the library's thread only says where the content is and records the new copy."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from modeldesk.core.contracts import events as ev
from modeldesk.core.base.errors import DiskError, ModelDeskError
from modeldesk.core.library.store import InLibrary
from modeldesk.core.library.blobs import Seen
from modeldesk.core.library.store import Library
from modeldesk.core.placement.placing import LinkMode, place_file

log = logging.getLogger(__name__)


class Reuse:
    def __init__(self, in_library: InLibrary, mode: Callable[[], LinkMode], emit: Callable[[ev.Event], None]):
        self._in_library = in_library  # runs a function on the library's thread
        self._mode = mode  # the link mode the settings name now
        self._emit = emit

    def __call__(self, job_id: str, sha256: str, dest: Path) -> bool:
        """True when `dest` now holds the content: placed from a copy the index trusts."""
        try:
            seen: list[Seen] = self._in_library(lambda lib: lib.blobs.where(sha256)).result()
        except ModelDeskError:
            return False
        for s in seen:
            src = Path(s.path)
            if src == dest:
                continue
            try:
                used = place_file(src, dest, self._mode())
            except DiskError as exc:
                log.info("not placed from %s: %s", src, exc)
                continue

            def remember(lib: Library, used: LinkMode = used, src: Path = src) -> None:
                lib.blobs.remember(dest, sha256, ours=True)
                if used is LinkMode.HARDLINK:  # the new link moved the shared inode's ctime
                    lib.blobs.remember(src, sha256)
            try:
                self._in_library(remember).result()
            except (ModelDeskError, OSError):
                pass  # the file is placed; the index learns of it on the next hash
            self._emit(ev.FilePlaced(job_id, str(dest), used.value, str(src)))
            return True
        return False
