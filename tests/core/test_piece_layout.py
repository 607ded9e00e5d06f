"""Piece layout against libtorrent's own map of pieces to files, and BEP 19 web-seed URLs."""

from __future__ import annotations

import libtorrent as lt
import pytest

from modeldesk.core.contracts.piece_layout import PieceLayout, WebFile, web_seed_url
from modeldesk.core.torrent.session_config import V2_CHECKS_ONLY
from modeldesk.core.torrent.web_feed import layout_of
from tests.helpers.swarm import make_torrent, write_random


@pytest.mark.parametrize("kind", ["v1", "hybrid", "hybrid, v2 checks only", "v2"])
def test_handed_size_leaves_out_a_v2_files_trailing_pad(tmp_path, kind):
    """What add_piece takes (checked against libtorrent in test_hybrid's web-seed runs): the whole piece
    when libtorrent checks v1 hashes, the file's own bytes for the last piece of a file when it checks
    v2 hashes alone (a v2-only torrent, or a hybrid one added with V2_CHECKS_ONLY, as ours are)."""
    top = tmp_path / "m"
    for i, size in enumerate([1234, 40_000]):
        write_random(top / f"f{i}.bin", size, seed=i)
    t = tmp_path / "m.torrent"
    make_torrent(top, t, piece_size=16_384, hybrid=kind.startswith("hybrid"), v2_only=kind == "v2")
    layout = layout_of(lt.torrent_info(str(t)), V2_CHECKS_ONLY if "v2 checks" in kind else 0)
    sizes = [layout.handed_size(p) for p in range(layout.num_pieces)]
    if kind in ("v2", "hybrid, v2 checks only"):
        assert sizes == [1234, 16_384, 16_384, 40_000 - 2 * 16_384]
    else:
        assert sizes == [layout.piece_size(p) for p in range(layout.num_pieces)]
    assert layout.v1_checked == (kind in ("v1", "hybrid"))
    assert bool(layout.sha1) == (kind != "v2")  # a mirror's piece is checked by its SHA-1 first if it has one


@pytest.mark.parametrize("hybrid", [False, True])
def test_slices_match_libtorrent(tmp_path, hybrid):
    top = tmp_path / "m"
    for i, size in enumerate([70_000, 1, 0, 200_003, 16_384, 5]):
        write_random(top / f"d{i % 2}/f{i}.bin", size, seed=i)
    t = tmp_path / "m.torrent"
    make_torrent(top, t, piece_size=16_384, hybrid=hybrid)
    ti = lt.torrent_info(str(t))
    layout = layout_of(ti)
    assert layout.num_pieces == ti.num_pieces() and layout.total_size == ti.total_size()
    fs = ti.layout()
    for piece in range(ti.num_pieces()):
        ours = [(s.file.path, s.start, s.length) for s in layout.slices(piece)]
        theirs = [(fs.file_path(m.file_index), m.offset, m.size)
                  for m in ti.map_block(piece, 0, ti.piece_size(piece)) if m.size]
        assert ours == theirs, piece
        assert sum(s.length for s in layout.slices(piece)) == ti.piece_size(piece)
    assert any(f.pad for f in layout.files) == hybrid


def test_bep19_urls():
    single = PieceLayout("w.bin", 16, (WebFile("w.bin", 0, 10),), multi_file=False)
    assert web_seed_url("http://h/x/w.bin", single, single.files[0]) == "http://h/x/w.bin"
    assert web_seed_url("http://h/x/", single, single.files[0]) == "http://h/x/w.bin"
    f = WebFile("model/sub dir/a#b.bin", 0, 10)
    multi = PieceLayout("model", 16, (f,), multi_file=True)
    assert web_seed_url("http://h/seed/", multi, f) == "http://h/seed/model/sub%20dir/a%23b.bin"
    assert web_seed_url("http://h/seed", multi, f) == "http://h/seed/model/sub%20dir/a%23b.bin"
