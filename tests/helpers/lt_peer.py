"""A bare libtorrent peer in a process of its own, for swarm tests and benchmarks.

    python lt_peer.py seed  TORRENT DATA_DIR PORT_FILE
    python lt_peer.py leech TORRENT SAVE_DIR PORT_FILE [PEER_HOST:PORT ...]

Binds to 127.0.0.1 only, with DHT, LSD, UPnP, NAT-PMP and uTP off. Writes its listen port to
PORT_FILE once listening (a seed: once its torrent takes peers). LT_PEER_PORT fixes the port.
A seed runs until killed; a leecher exits 0 when it has everything (with LT_PEER_STAY set, it
says "done" and seeds on until killed). LT_PEER_REPORT: "up BYTES" (payload uploaded) every second.
For experiments: LT_PEER_SETTINGS (JSON merged into the settings), LT_PEER_SUPER_SEED (a seed
super-seeds), LT_PEER_LOG (a file for libtorrent's peer log), LT_PEER_UPLOG (a seed: a file with a
line per block it uploads: seconds since start, piece, block, the peer's address).
"""

import json
import os
import sys
import time

import libtorrent as lt


def flush_to_disk(ses, h, timeout: float = 30.0) -> None:
    """libtorrent 2.1 calls a piece passed while its blocks may still sit in its write cache: a leecher
    that says "done" and is killed at once can leave holes in its files (a tray test saw different
    bytes). Its cache goes to disk first."""
    ses.apply_settings({"alert_mask": ses.get_settings()["alert_mask"] | lt.alert.category_t.storage_notification})
    h.flush_cache()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ses.wait_for_alert(200)
        if any(isinstance(a, lt.cache_flushed_alert) for a in ses.pop_alerts()):
            return


def session():
    limit = int(os.environ.get("LT_PEER_DOWNLOAD_LIMIT", "0"))
    up_limit = int(os.environ.get("LT_PEER_UPLOAD_LIMIT", "0"))
    ses = lt.session({
        "download_rate_limit": limit,
        "upload_rate_limit": up_limit,
        "listen_interfaces": f"127.0.0.1:{os.environ.get('LT_PEER_PORT', '0')}",
        "enable_dht": False, "enable_lsd": False, "enable_upnp": False, "enable_natpmp": False,
        "enable_outgoing_utp": False, "enable_incoming_utp": False,
        "allow_multiple_connections_per_ip": True,
        "alert_mask": 0,
        **json.loads(os.environ.get("LT_PEER_SETTINGS", "{}")),
    })
    if limit or up_limit:  # loopback peers ignore limits unless they are in the global peer class
        f = lt.ip_filter()
        f.add_rule("0.0.0.0", "255.255.255.255", 1 << lt.session.global_peer_class_id)
        ses.set_peer_class_filter(f)
    return ses


def main(argv):
    mode, torrent, folder, port_file = argv[:4]
    peers = argv[4:]
    ses = session()
    if peers:
        # A peer given to dial whose first dial was refused (a ModelDesk not yet listening) is tried
        # again after this times its failures; libtorrent's 60 s let a loaded CI machine's test wait out
        # its whole timeout. Only for peers told whom to dial: the others keep libtorrent's default.
        ses.apply_settings({"min_reconnect_time": 1})
    atp = lt.add_torrent_params()
    atp.ti = lt.torrent_info(torrent)
    atp.save_path = folder
    atp.flags &= ~(lt.torrent_flags.auto_managed | lt.torrent_flags.paused)
    if mode == "seed":
        atp.flags |= lt.torrent_flags.seed_mode  # the data is ours; skip the hash check
    if mode == "seed" and os.environ.get("LT_PEER_SUPER_SEED"):
        atp.flags |= lt.torrent_flags.super_seeding
    if os.environ.get("LT_PEER_NO_PEX"):
        atp.flags |= lt.torrent_flags.disable_pex  # learns no peer from others (PEX tests)
    h = ses.add_torrent(atp)
    for _ in range(200):  # listening, and (a seed) its torrent past the resume check: ready for peers
        if ses.listen_port() and (mode != "seed" or h.status().state == lt.torrent_status.seeding):
            break
        time.sleep(0.05)
    for p in peers:
        host, port = p.rsplit(":", 1)
        h.connect_peer((host, int(port)))
    with open(port_file + ".tmp", "w") as f:
        f.write(str(ses.listen_port()))
    os.replace(port_file + ".tmp", port_file)
    last_dial = time.monotonic()
    report, next_report, done = bool(os.environ.get("LT_PEER_REPORT")), 0.0, False
    log = os.environ.get("LT_PEER_LOG")
    if log:
        c = lt.alert.category_t
        ses.apply_settings({"alert_mask": c.peer_log_notification | c.connect_notification | c.peer_notification})
    uplog = os.environ.get("LT_PEER_UPLOG") if mode == "seed" else None
    if uplog:
        ses.apply_settings({"alert_mask": lt.alert.category_t.upload_notification})
    t0 = time.monotonic()
    while True:
        time.sleep(0.2)
        if uplog:
            with open(uplog, "a") as f:
                f.writelines(f"{time.monotonic() - t0:.3f} {a.piece_index} {a.block_index} {a.endpoint[0]}\n"
                             for a in ses.pop_alerts() if isinstance(a, lt.block_uploaded_alert))
        if log:
            with open(log, "a") as f:
                f.writelines(f"{time.monotonic() - t0:8.3f} {a.message()}\n" for a in ses.pop_alerts())
        st = h.status()
        if peers and st.num_peers == 0 and time.monotonic() - last_dial > 2:
            # A refused first dial would otherwise wait out libtorrent's 60 s reconnect delay.
            for p in peers:
                host, port = p.rsplit(":", 1)
                h.connect_peer((host, int(port)))
            last_dial = time.monotonic()
        if report and time.monotonic() >= next_report:
            print(f"up {st.total_payload_upload}", flush=True)
            next_report = time.monotonic() + 1.0
        if mode == "leech" and st.is_seeding and not done:
            flush_to_disk(ses, h)
            print(f"done {st.total_payload_download}", flush=True)
            done = True
            if not os.environ.get("LT_PEER_STAY"):
                return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
