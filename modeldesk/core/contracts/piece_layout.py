"""Where a torrent's pieces lie in its files, and where a web seed (BEP 19) serves each file.

Plain data, shared by the two halves of a hybrid download: the torrent engine (which pieces are
missing, and checks what arrives) and the HTTP engine (which byte ranges of which URLs make a
piece). Neither libtorrent nor requests is needed here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol
from urllib.parse import quote


@dataclass(frozen=True)
class WebFile:
    path: str  # as the torrent names it, '/'-separated; for a multi-file torrent it starts with its name
    offset: int  # where the file starts in the torrent's byte stream
    size: int
    pad: bool = False  # a pad file: zeros that exist in no folder and on no web seed


@dataclass(frozen=True)
class Slice:
    file: WebFile
    start: int  # offset within the file
    length: int


@dataclass(frozen=True)
class PieceLayout:
    name: str
    piece_length: int
    files: tuple[WebFile, ...]
    multi_file: bool
    # v1 SHA-1 of each piece, when the torrent has them: a mirror's piece is checked before libtorrent
    # sees it (a v2-only torrent's pieces are checked by libtorrent alone).
    sha1: tuple[bytes, ...] = ()
    # libtorrent checks the v1 hashes: a v1 torrent's, or a hybrid's added without our V2_CHECKS_ONLY
    v1_checked: bool = True

    @property
    def total_size(self) -> int:
        last = self.files[-1] if self.files else None
        return last.offset + last.size if last else 0

    @property
    def num_pieces(self) -> int:
        return -(-self.total_size // self.piece_length) if self.piece_length else 0

    def piece_size(self, piece: int) -> int:
        start = piece * self.piece_length
        return max(0, min(self.piece_length, self.total_size - start))

    def handed_size(self, piece: int) -> int:
        """How much of a piece libtorrent takes from add_piece. Checked by v2 hashes alone (a v2-only
        torrent, or a hybrid one added with V2_CHECKS_ONLY), each file is hashed on its own, so the last
        piece of a file ends where the file does: handed in with the pad after it, such a piece never
        finishes, no hash failure either (libtorrent 2.1). With v1 checks the pad zeros are hashed, and
        the whole piece goes in."""
        size = self.piece_size(piece)
        if self.v1_checked:
            return size
        slices = self.slices(piece)
        while slices and slices[-1].file.pad:
            size -= slices.pop().length
        return size

    def slices(self, piece: int) -> list[Slice]:
        """The parts of each file that make up a piece, in order (a v1 piece may span several files)."""
        start = piece * self.piece_length
        end = start + self.piece_size(piece)
        out = []
        for f in self.files:
            lo, hi = max(start, f.offset), min(end, f.offset + f.size)
            if lo < hi:
                out.append(Slice(f, lo - f.offset, hi - lo))
            if f.offset >= end:
                break
        return out


def web_seed_url(base: str, layout: PieceLayout, file: WebFile) -> str:
    """BEP 19: a single-file torrent's seed URL is the file itself unless it ends with '/', when the
    torrent's name is added; a multi-file torrent's seed URL is a folder holding the torrent's name."""
    escaped = "/".join(quote(part, safe="") for part in file.path.split("/"))
    if not layout.multi_file:
        return base + escaped if base.endswith("/") else base
    return (base if base.endswith("/") else base + "/") + escaped


class PieceSource(Protocol):
    """The torrent side of a hybrid job, as the HTTP side's connections see it (any thread)."""

    def claim(self) -> int | None:
        """A missing piece for a mirror to fetch, or None when there is none to take now."""

    def deliver(self, piece: int, data: bytes, mirror: str) -> None:
        """A piece's bytes as a mirror sent them; the torrent checks its hash."""

    def give_back(self, piece: int) -> None:
        """A claimed piece the mirrors could not fetch: peers or another mirror may take it."""


class PieceFeed(Protocol):
    """The HTTP side of a hybrid job: connections to the mirrors that fetch claimed pieces."""

    def start(self) -> None: ...

    def stop(self) -> None: ...

    def set_limit(self, down: int) -> None:
        """The mirrors' share of the job's download limit, bytes/s (0 = none)."""

    def bad_piece(self, mirror: str) -> None:
        """A piece this mirror sent failed its hash check."""

    def rate(self) -> int:
        """Bytes/s the mirrors deliver now."""

    def details(self) -> tuple: ...

    def in_use(self) -> int:
        """Mirrors with a connection open now."""

    def piece_time(self) -> float:
        """Seconds one connection to the fastest mirror takes to fetch a piece now (0: not measured yet)."""


class FeedFactory(Protocol):
    def __call__(self, job_id: str, layout: PieceLayout, bases: tuple[str, ...], source: PieceSource,
                 down_limit: int) -> PieceFeed: ...
