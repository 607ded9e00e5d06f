"""Which mirror sent bytes that fail the file's hash: each mirror that sent some is suspected in turn,
its ranges fetched again from the others, and the verdict kept that makes the file verify. A wrong
suspect is cleared again. The culprit stays dropped for the rest of the job (Mirror.bad_data)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from modeldesk.core.http.mirrors import Mirror, MirrorSet
from modeldesk.core.http.segments import SegmentMap

log = logging.getLogger(__name__)


def find_bad_mirror(mirrors: MirrorSet, segs: SegmentMap, refetch: Callable[[], None],
                    verifies: Callable[[], bool], name: str) -> Mirror | None:
    """The mirror whose ranges, fetched again elsewhere, make the file verify; None when no suspect
    does (the file is then bad from every mirror, or no other mirror can stand in)."""
    tried: set[str] = set()
    while True:
        suspects = [src for src in segs.sources() if src not in tried]
        culprit = next((m for m in mirrors.mirrors if m.url in suspects and any(
            o.usable for o in mirrors.mirrors if o is not m)), None)
        if culprit is None:
            return None
        tried.add(culprit.url)
        culprit.bad_data = True
        segs.drop_source(culprit.url)
        refetch()
        if verifies():
            log.warning("mirror %s sent corrupt bytes for %s; dropped", culprit.host, name)
            return culprit
        culprit.bad_data = False
