"""Whether a job that stopped moving stopped because its disk is full.

A write into a full disk may stall rather than fail (libtorrent's mmap storage), and a job waiting on a
disk someone else filled looks like quiet peers. Both the torrent engine (for the app and every run)
and the command line's --timeout ask this before blaming the network.
"""

from __future__ import annotations

import shutil

from modeldesk.core.base.errors import InsufficientSpaceError
from modeldesk.core.base.messages import N_
from modeldesk.core.base.units import fmt_bytes


def full_disk_stall(name: str, folder: str, wanted: int, done: int) -> InsufficientSpaceError | None:
    """The error to report when `folder` has less free space than the job still has to write."""
    if wanted <= 0:
        return None
    left = wanted - max(0, done)
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        return None
    if left <= free:
        return None
    return InsufficientSpaceError(
        N_("{name} stopped with {left} still to write and {free} free in {folder}. Free some space, then "
           "try again; what is done is kept."),
        name=name, left=fmt_bytes(left), free=fmt_bytes(free), folder=folder)
