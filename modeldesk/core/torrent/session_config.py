"""Typed TorrentSettings → libtorrent settings_pack, peer-class filter and per-torrent flags."""

from __future__ import annotations

import libtorrent as lt

from modeldesk import __version__
from modeldesk.core.base.constants import ALERT_QUEUE_SIZE
from modeldesk.core.config.proxy import Proxy
from modeldesk.core.config.settings import TorrentSettings
from modeldesk.core.torrent.dealing import PEER_FINGERPRINT

_ENC = {"forced": 0, "enabled": 1, "disabled": 2}  # libtorrent's enc_policy values

ALERT_MASK = (
    lt.alert.category_t.error_notification
    | lt.alert.category_t.status_notification
    | lt.alert.category_t.storage_notification
    | lt.alert.category_t.file_progress_notification
    | lt.alert.category_t.performance_warning
)


def settings_pack(s: TorrentSettings) -> dict:
    enc = _ENC.get(s.encryption, 1)
    down, up = s.rate_limits()
    return {
        "listen_interfaces": s.listen_interfaces,
        "enable_dht": s.enable_dht,
        "enable_lsd": s.enable_lsd,
        "enable_upnp": s.enable_upnp,
        "enable_natpmp": s.enable_natpmp,
        "enable_outgoing_utp": s.enable_utp and s.connect_over_utp,
        "enable_incoming_utp": s.enable_utp,
        "out_enc_policy": enc,
        "in_enc_policy": enc,
        "allowed_enc_level": 3,  # plaintext or RC4, whichever the peer offers
        "connections_limit": s.connections_limit,
        "download_rate_limit": down,
        "upload_rate_limit": up,
        "allow_multiple_connections_per_ip": s.allow_multiple_connections_per_ip,
        "dht_bootstrap_nodes": s.dht_bootstrap_nodes,
        # Deeper request pipelines: LAN and campus peers (and loopback) are fast enough to drain
        # libtorrent's default 500 outstanding requests ("max outstanding piece requests reached").
        "max_out_request_queue": 1500,
        "max_allowed_in_request_queue": in_request_queue(up),
        # A peer that failed is tried again after (fails + 1) x this many seconds, at most
        # max_failcount (3) times, as with the default 60; a lab seed that came up late is reached
        # within seconds instead of minutes (peer_search.py).
        "min_reconnect_time": 10,
        # libtorrent asks a peer that could send 20 s of pieces for a run of up to 8 MiB of adjacent
        # pieces around the rarest one: leechers of a lab seed take overlapping runs from it, and
        # dealing.py's split is lost in the runs. Lab LAN, 8 leechers (benchmarks/lab_lan.py): ModelDesk
        # 1.49x the optimum -> 1.44x with pieces one by one, 1.26x with the dealing too; bare libtorrent
        # leechers dealing: 1.64x with runs, 1.36x without.
        "whole_pieces_threshold": 0,
        # libtorrent 2.1's disk cache holds up to 100 MiB of received blocks before it writes them, and
        # with v2-only checks (V2_CHECKS_ONLY) it fills: a lab leecher's RSS went from 81 to 160 MiB.
        # Twice our largest piece (publishing.MAX_PIECE, 16 MiB) is enough to keep the links busy: lab
        # LAN, 8 leechers, 32 MiB: 99 MiB RSS, the same time and CPU; one peer from one seed on
        # loopback, 16 MiB: the same 300-510 MiB/s, 1.55 instead of 1.76 CPU-s per GiB.
        "max_queued_disk_bytes": 32 * 1024 * 1024,
        "alert_queue_size": ALERT_QUEUE_SIZE,
        "alert_mask": int(ALERT_MASK),
        "user_agent": f"ModelDesk/{__version__} libtorrent/{lt.__version__}",
        "peer_fingerprint": PEER_FINGERPRINT,  # a mark of this session for the dealing
        # Seeding limits are ours (engine.py): libtorrent's apply only to its auto-managed queue.
        "share_ratio_limit": 0,
        "seed_time_limit": 0,
    }


REQUEST_QUEUE = 100  # block requests (16 KiB) one peer may have queued with us, at most


def in_request_queue(upload_limit: int) -> int:
    """How many block requests (16 KiB each) one peer may have queued with us. libtorrent allows 2,000,
    and a leecher fills its queue with 3 s of requests: from a seed whose upload is the scarce part
    (a lab seed, capped or on its own link), each leecher asks for seconds of pieces ahead, and by the
    time they are sent other leechers often have them already, or are being sent them too. So a peer
    may queue 1/32 s of our upload limit, and REQUEST_QUEUE at most. On the namespace lab LAN (a seed
    and 8 leechers on 25 MiB/s links, benchmarks/lab_lan.py, bare libtorrent's seed): 250 requests
    sent 1.44x the model and took 1.52x the optimum; 100: 1.24x and 1.31x; 50: 1.26x, 1.32x; 32:
    1.30x, 1.37x. The cost: one far peer alone gets at most this queue per round trip from us (100:
    1.6 MiB, 10.7 MiB/s at 150 ms).

    The figure holds for the whole session, whatever the peers: libtorrent tells a peer at the
    handshake how many requests it may queue ("reqq") and rejects those beyond the figure in force.
    Lowered while peers were connected (it followed the number of leechers, from 250 with none),
    a lab seed rejected 45 % of 8 leechers' requests; they asked again, and pieces came twice."""
    per_peer = upload_limit // (16 * 1024 * 32) if upload_limit else REQUEST_QUEUE
    return max(32, min(REQUEST_QUEUE, per_peer))


def proxy_pack(proxy: Proxy) -> dict:
    """libtorrent's proxy settings. "system" means direct here: libtorrent does not read the environment.
    With a proxy for peers, libtorrent accepts no incoming connections (it cannot listen through one)."""
    kind = proxy.kind
    if kind not in ("http", "socks5"):
        return {"proxy_type": int(lt.proxy_type_t.none), "proxy_hostname": "", "proxy_port": 0,
                "proxy_username": "", "proxy_password": ""}
    s = proxy.settings
    auth = bool(s.username)
    names = {("socks5", False): "socks5", ("socks5", True): "socks5_pw", ("http", False): "http",
             ("http", True): "http_pw"}
    return {
        "proxy_type": int(lt.proxy_type_t.names[names[kind, auth]]),
        "proxy_hostname": s.host.strip(),
        "proxy_port": s.port,
        "proxy_username": s.username,
        "proxy_password": proxy.password,
        "proxy_hostnames": s.hostnames,
        "proxy_peer_connections": s.peers,
        "proxy_tracker_connections": s.peers,
    }


def peer_class_filter(s: TorrentSettings):
    """Everyone in the global class when local peers must obey limits; else libtorrent's default."""
    f = lt.ip_filter()
    global_only = 1 << lt.session.global_peer_class_id
    if s.limit_local_peers:
        f.add_rule("0.0.0.0", "255.255.255.255", global_only)
        f.add_rule("::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", global_only)
        return f
    return None


# libtorrent 2.1.1's torrent_flags.disable_v1_hashes, which its Python bindings do not name: a hybrid
# torrent's pieces are checked by their v2 (SHA-256, per file) hashes alone, as a v2-only torrent's are.
# The data is held to the stronger hash, and the SHA-1 pass (and its read-back of pieces that arrived
# out of order) is saved: one leecher's CPU per GiB received from one seed on loopback, 2.2-2.7 s ->
# 1.8-1.9 s. Locked in when the torrent is added; no effect on v1-only or v2-only torrents.
V2_CHECKS_ONLY = 1 << 25


def torrent_flags(s: TorrentSettings) -> int:
    flags = V2_CHECKS_ONLY
    if not s.enable_pex:
        flags |= lt.torrent_flags.disable_pex
    if not s.enable_lsd:
        flags |= lt.torrent_flags.disable_lsd
    if not s.enable_dht:
        flags |= lt.torrent_flags.disable_dht
    return flags
