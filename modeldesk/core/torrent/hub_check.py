"""A model torrent that names its hub repo and commit is checked against that commit before its files
get their final names.

libtorrent's piece hashes prove that the bytes are the torrent's; they say nothing of whether the
torrent is what it claims to be. So once every selected file is verified, the repo's listing at the
commit is fetched from the user's hub mirrors (the HTTP layer does it, injected as HubFiles), and each
file still under its incomplete name must have the listed size and LFS sha256 (the git blob sha1 for a
file kept in git). A file that differs, or that the repo does not have, fails the job and keeps its
incomplete name, so no project picks it up. When no hub answers, the files are not held back: the
pieces are verified, the check is logged as skipped, and the job finishes.

The listing and the hashing run on a thread of their own; the engine thread only starts it and takes
the verdict (`Verdict`).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

from modeldesk.core.base.errors import ModelDeskError, VerificationError
from modeldesk.core.base.digests import file_matches
from modeldesk.core.base.messages import N_, Message
from modeldesk.core.base.os_reasons import os_reason
from modeldesk.core.contracts.hub_refs import HubKey

log = logging.getLogger(__name__)

# path in the repo -> (size, LFS sha256 or None, git blob sha1)
HubDigests = dict[str, tuple[int, str | None, str]]
# (repo, commit, hub endpoints) -> that commit's files; raises ModelDeskError when no hub answers
HubFiles = Callable[[HubKey, tuple[str, ...]], HubDigests]
# None: the files are the repo's (or no hub could say); else why the job fails
Verdict = ModelDeskError | None


_HUB_HOW = {"missing": N_("the repo has no such file"), "size": N_("its size differs"),
            "sha256": N_("its sha256 is not the repo's LFS sha256"), "blob": N_("its git blob id differs")}
_LOCK_HOW = {"missing": N_("the lock has no such file"), "size": N_("its size differs"),
             "sha256": N_("its sha256 is not the locked sha256"), "blob": N_("its sha256 is not the locked sha256")}


def disagreement(digests: HubDigests, files: list[tuple[str, Path]]) -> tuple[str, str] | None:
    """The first file (path in the torrent, where it is on disk) that is not the listed one, and how:
    "missing", "size", "sha256" or "blob"."""
    for path, disk in files:
        want = digests.get(path)
        if want is None:
            return path, "missing"
        size, sha256, blob_sha1 = want
        if disk.stat().st_size != size:
            return path, "size"
        if not file_matches(disk, size, sha256, None if sha256 else blob_sha1):
            return path, "sha256" if sha256 else "blob"
    return None


def check(hub_files: HubFiles, hub: HubKey, endpoints: tuple[str, ...],
          files: list[tuple[str, Path]]) -> Verdict:
    repo, commit, _ = hub
    try:
        digests = hub_files(hub, endpoints)
    except ModelDeskError as exc:  # no hub answered, or none would list the repo (gated, private, offline)
        log.warning("%s@%s: the files were not checked against the hub: %s", repo, commit[:12], exc)
        return None
    found = disagreement(digests, files)
    if found is None:
        log.info("%s@%s: %d finished files match the hub", repo, commit[:12], len(files))
        return None
    path, kind = found
    how = _HUB_HOW[kind]  # a marked template
    return VerificationError(
        N_("{path} in this torrent is not the file at {repo}@{commit}: {how}. The torrent and the repo it names "
           "disagree; its pieces were verified, but its files keep their incomplete names and are not used."),
        path=path, repo=repo, commit=commit[:12], how=Message.of(how))


def check_pinned(pinned: HubDigests, files: list[tuple[str, Path]]) -> Verdict:
    """The files against the sizes and sha256 a project's lock pins (a locked magnet's swarm may serve
    other content under the same names)."""
    found = disagreement(pinned, files)
    if found is None:
        return None
    path, kind = found
    how = _LOCK_HOW[kind]  # a marked template
    return VerificationError(
        N_("{path} in this torrent is not the file the project's lock pins: {how}. Its pieces were verified, but "
           "the torrent holds other content; its files keep their incomplete names and are not used."),
        path=path, how=Message.of(how))


def start(work: Callable[[], Verdict], done: Callable[[Verdict], object], name: str) -> None:
    """Run a check (check or check_pinned) on a thread of its own; done(verdict) is called from that thread."""
    def run() -> None:
        try:
            verdict = work()
        except OSError as exc:  # a file went away or could not be read
            verdict = VerificationError(N_("The finished files could not be read to check them against the "
                                           "hub: {reason}"), reason=os_reason(exc))
        done(verdict)

    threading.Thread(target=run, name=name, daemon=True).start()
