"""The session's settings (session_config.py): how many queued requests a peer may have with us follows
our upload limit, 100 at most; peers are reached over TCP, and uTP is still accepted; hybrid torrents
are checked by their v2 hashes alone."""

import time

import libtorrent as lt

from modeldesk.core.config.settings import TorrentSettings
from modeldesk.core.torrent.session_config import (
    REQUEST_QUEUE,
    V2_CHECKS_ONLY,
    in_request_queue,
    settings_pack,
    torrent_flags,
)
from tests.helpers.swarm import make_torrent, write_random

MIB = 1024 * 1024


def test_a_capped_seed_takes_a_32nd_of_a_second_of_its_limit_per_peer():
    assert in_request_queue(50 * MIB) == 100  # 1.6 MiB of 16 KiB blocks
    assert in_request_queue(25 * MIB) == 50


def test_the_queue_stays_between_32_and_100_requests():
    assert in_request_queue(1 * MIB) == 32  # 512 KiB: a round trip of a slow seed's worth and more
    assert in_request_queue(10_000 * MIB) == REQUEST_QUEUE == 100
    assert in_request_queue(0) == 100  # no limit: 1.6 MiB per peer, 10.7 MiB/s at a 150 ms round trip


def test_the_session_is_given_the_queue_for_the_limit_in_force():
    s = TorrentSettings(upload_rate_limit=50 * MIB, alt_upload_rate_limit=2 * MIB, alt_speed_on=True)
    assert settings_pack(s)["max_allowed_in_request_queue"] == 32
    assert settings_pack(TorrentSettings(upload_rate_limit=50 * MIB))["max_allowed_in_request_queue"] == 100


def test_peers_are_reached_over_tcp_and_utp_is_still_accepted():
    pack = settings_pack(TorrentSettings())
    assert (pack["enable_outgoing_utp"], pack["enable_incoming_utp"]) == (False, True)
    assert settings_pack(TorrentSettings(connect_over_utp=True))["enable_outgoing_utp"] is True
    off = settings_pack(TorrentSettings(enable_utp=False, connect_over_utp=True))
    assert (off["enable_outgoing_utp"], off["enable_incoming_utp"]) == (False, False), "no uTP at all"


def test_a_hybrid_torrent_is_checked_by_its_v2_hashes_alone(tmp_path):
    """The flag libtorrent's bindings do not name still takes: a hybrid torrent whose v1 piece hashes
    are all wrong checks out complete by its v2 hashes with our flags, and not without them."""
    top = tmp_path / "m"
    write_random(top / "w.bin", 3 * 16_384 + 5)
    t = tmp_path / "m.torrent"
    make_torrent(top, t, piece_size=16_384, hybrid=True)
    meta = lt.bdecode(t.read_bytes())
    meta[b"info"][b"pieces"] = bytes(len(meta[b"info"][b"pieces"]))  # every SHA-1 wrong
    ses = lt.session({"listen_interfaces": "127.0.0.1:0", "enable_dht": False, "enable_lsd": False})
    complete = []
    for flags in (torrent_flags(TorrentSettings()), 0):
        atp = lt.add_torrent_params()
        atp.ti = lt.torrent_info(lt.bencode(meta))
        atp.save_path = str(tmp_path)
        atp.flags = (atp.flags | flags) & ~(lt.torrent_flags.auto_managed | lt.torrent_flags.paused)
        h = ses.add_torrent(atp)
        deadline = time.monotonic() + 5  # checked within milliseconds; the status can lag the alert
        while not h.status().is_seeding and time.monotonic() < deadline:
            time.sleep(0.05)
        complete.append((bool(int(h.flags()) & V2_CHECKS_ONLY), h.status().is_seeding, h.status().num_pieces))
        ses.remove_torrent(h)
    assert complete == [(True, True, 4), (False, False, 0)]


def test_the_disk_cache_is_bounded_to_two_of_our_largest_pieces():
    """libtorrent 2.1 would hold 100 MiB of received blocks per session (a lab leecher's RSS doubled)."""
    from modeldesk.core.publish.publishing import MAX_PIECE

    assert settings_pack(TorrentSettings())["max_queued_disk_bytes"] == 2 * MAX_PIECE
