"""A small private DHT: libtorrent sessions in one process, one per address given, each bootstrapping
on the others, the first also seeding a torrent and announcing it on this DHT.

    python dht_nodes.py TORRENT DATA_DIR READY_FILE ADDR [ADDR ...]

Each node listens on ADDR:6881 (TCP and UDP) and is told of the others (add_dht_node). LSD, UPnP,
NAT-PMP and uTP are off, so the DHT is the only way to the seed. READY_FILE appears once every node
knows the others and the seed has announced; with DHT_SEED_AFTER=S in the environment, the seed
joins S seconds after READY_FILE instead.
Runs until killed."""

import os
import sys
import time
import warnings

import libtorrent as lt

warnings.simplefilter("ignore", DeprecationWarning)  # session.status(): the one way to a node count here

PORT = 6881


def node(addr: str, others: list[str]) -> lt.session:
    ses = lt.session({
        "listen_interfaces": f"{addr}:{PORT}",
        "enable_dht": True,
        # No routers (bootstrap nodes stay out of routing tables, and the defaults are on the
        # internet): each node pings the others, which then count as nodes.
        "dht_bootstrap_nodes": "",
        "enable_lsd": False, "enable_upnp": False, "enable_natpmp": False,
        "enable_outgoing_utp": False, "enable_incoming_utp": False,
        "dht_block_ratelimit": 1000,  # test traffic is dense: never ban one of our own nodes
        "alert_mask": 0,
    })
    for other in others:
        ses.add_dht_node((other, PORT))
    return ses


def formed(sessions: list) -> bool:
    return all(s.status().dht_nodes >= len(sessions) - 1 for s in sessions)


def add_seed(ses: lt.session, torrent: str, folder: str):
    atp = lt.add_torrent_params()
    atp.ti = lt.torrent_info(torrent)
    atp.save_path = folder
    atp.flags = (atp.flags & ~(lt.torrent_flags.auto_managed | lt.torrent_flags.paused)) | lt.torrent_flags.seed_mode
    return ses.add_torrent(atp)


def main(argv: list[str]) -> int:
    torrent, folder, ready_file, *addrs = argv
    later = float(os.environ.get("DHT_SEED_AFTER", "0"))  # the seed joins this long after READY_FILE
    sessions = [node(a, [o for o in addrs if o != a]) for a in addrs]
    seed = None if later else add_seed(sessions[0], torrent, folder)
    deadline = time.monotonic() + 60
    while not (formed(sessions) and (seed is None or seed.status().is_seeding)):
        if time.monotonic() > deadline:
            print("the private DHT did not form", [s.status().dht_nodes for s in sessions], file=sys.stderr)
            return 1
        time.sleep(0.2)
    if seed is not None:
        seed.force_dht_announce()
        time.sleep(2)  # the announce reaches the nodes closest to the info-hash
    with open(ready_file, "w") as f:
        f.write("ready")
    if seed is None:
        time.sleep(later)
        seed = add_seed(sessions[0], torrent, folder)
    while True:
        time.sleep(3)
        seed.force_dht_announce()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
