"""The lab on a LAN that behaves like one (issue 40), run by hand as root, not in CI: one seed and N
leechers, each machine a network namespace with its own link to one switch (a bridge), every link
capped both ways with tc tbf at --link-mib MiB/s; peers find each other by LSD alone (no tracker, no
DHT, no x.pe); every leecher keeps seeding until the last is done. Side by side in one run:

  modeldesk   `modeldesk seed T --from DIR` and N x `modeldesk get T` (defaults, LSD on, each bound
              to its machine's address)
  libtorrent  bare libtorrent with defaults (tests/helpers/lt_peer.py), LSD on, the same addresses
  qbittorrent qbittorrent-nox with its defaults (DHT and UPnP off, LSD on, bound to the machine's link),
              the torrent on its command line, followed through its Web API

The optimum: every leecher can upload, so the swarm can move one model's size over every link at
once; the last leecher is done after about size / link rate. Reports per client and N: the last
leecher's time and its ratio to that optimum (target <= 1.25), what the seed sent (its payload, and on
the wire) in copies of the model, a leecher's peak RSS and CPU-seconds per GiB it received.

    .venv/bin/python -m benchmarks.lab_lan [--size-mib 512] [--link-mib 25] [--leechers 8 16] [--rounds 1]
        [--clients modeldesk libtorrent qbittorrent]
    .venv/bin/python -m benchmarks.lab_lan --first-from-mirror [--delay 5] [--mirror-rate 4m] --leechers 8

--first-from-mirror: no seed; machine 0 fetches the model from an nginx on a machine of its own
(limit_rate per connection, its link capped like the others) through a torrent whose web seed it is
(a hybrid job), and --leechers more machines start --delay s later: the mirror's bytes / the model,
the first machine's time, the last's / the first's; and, from the others' start to the first's end,
the first machine's upload rate and the others' median download rate (the others can hold no more
than it has sent them: its upload is what they wait on). LAB_MIRROR_LOG=FILE keeps the mirror's
access log (who fetched what, when).

LAB_SEED_CLIENT=libtorrent|modeldesk runs the seed with that client whatever --clients says (a mixed
swarm, to tell the seed's share of a result from the leechers'). All processes share this machine's
cores: at 16 leechers the CPU (hashing, the kernel's copies through the bridge) can be what limits,
for both clients alike.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import libtorrent as lt

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.common import (  # noqa: E402
    busy_share,
    compile_modeldesk,
    installed_env,
    machine_busy,
    proc_cpu,
    proc_hwm_mib,
    ram_disk,
    work_folder,
)
from benchmarks.lab_swarm import LT_PEER, MODELDESK, Child, until_done  # noqa: E402
from modeldesk.core.publish.publishing import piece_size_for  # noqa: E402
from tests.helpers.foreign import stop_process  # noqa: E402
from tests.helpers.netns import LabLan  # noqa: E402
from tests.helpers.nginx import Nginx  # noqa: E402
from tests.helpers.swarm import write_random  # noqa: E402

MIB = 1024 * 1024
PORT = 6881


def _md_env(home: Path, addr: str, seed: bool) -> dict:
    """ModelDesk's defaults (uTP and LSD on, as installed), bound to the machine's address; DHT, UPnP and
    NAT-PMP off, as nothing outside the namespaces is there to answer. For experiments, JSON merged into
    the torrent settings: LAB_MD_SETTINGS (every ModelDesk peer) and LAB_SEED_SETTINGS (the seed)."""
    shutil.rmtree(home, ignore_errors=True)
    (home / "config").mkdir(parents=True)
    torrent = {"listen_interfaces": f"{addr}:{PORT}", "enable_dht": False, "enable_upnp": False,
               "enable_natpmp": False, **json.loads(os.environ.get("LAB_MD_SETTINGS", "{}")),
               **(json.loads(os.environ.get("LAB_SEED_SETTINGS", "{}")) if seed else {})}
    settings = {"schema_version": 1, "torrent": torrent, "http": {"use_official_hub": False, "use_official_ms": False}}
    (home / "config" / "settings.json").write_text(json.dumps(settings))
    return installed_env(MODELDESK_HOME=str(home))


def _lt_env(addr: str, seed: bool, **extra: str) -> dict:
    """Bare libtorrent's defaults (uTP and LSD on), bound to the machine's address; LAB_LT_SETTINGS
    (every peer) and LAB_SEED_SETTINGS (the seed) merge into them, for experiments."""
    settings = {"listen_interfaces": f"{addr}:{PORT}", "enable_lsd": True, "enable_outgoing_utp": True,
                "enable_incoming_utp": True, "allow_multiple_connections_per_ip": False,
                **json.loads(os.environ.get("LAB_LT_SETTINGS", "{}")),
                **(json.loads(os.environ.get("LAB_SEED_SETTINGS", "{}")) if seed else {})}
    return installed_env(LT_PEER_SETTINGS=json.dumps(settings), **extra)


QBT_CONF = """[LegalNotice]
Accepted=true

[BitTorrent]
Session\\DHTEnabled=false
Session\\LSDEnabled=true
Session\\Port={port}
Session\\Interface={dev}
Session\\InterfaceName={dev}
Session\\InterfaceAddress={addr}
Session\\AddTorrentPaused=false

[Network]
PortForwardingEnabled=false

[Preferences]
Connection\\ResolvePeerCountries=false
Connection\\UPnP=false
WebUI\\Address=127.0.0.1
WebUI\\Port=8080
WebUI\\LocalHostAuth=false
WebUI\\CSRFProtection=false
WebUI\\HostHeaderValidation=false
"""


class QbtChild:
    """qbittorrent-nox on machine i with its defaults (but DHT and UPnP off, LSD on, bound to the machine's
    link), the torrent given on its command line; its Web API (on the machine's own 127.0.0.1, asked
    through `ip netns exec`) says when it is done and what it uploaded. The attributes of a Child."""

    def __init__(self, lan: LabLan, i: int, torrent: Path, folder: Path, work: Path, seed: bool):
        profile = work / f"qbt-{i}"
        shutil.rmtree(profile, ignore_errors=True)
        conf = profile / "qBittorrent" / "config"
        conf.mkdir(parents=True)
        (conf / "qBittorrent.conf").write_text(QBT_CONF.format(port=PORT, dev=lan.device(i), addr=lan.addr[i]))
        self._prefix = lan.prefix(i)
        argv = [*self._prefix, shutil.which("qbittorrent-nox") or "qbittorrent-nox", f"--profile={profile}",
                f"--save-path={folder}", *(["--skip-hash-check"] if seed else []), str(torrent)]
        self.proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.done_at: float | None = None
        self.uploaded, self.peers, self.rss = 0, 0, 0.0
        self._stop = threading.Event()
        threading.Thread(target=self._poll, daemon=True).start()

    def _poll(self) -> None:
        while not self._stop.wait(0.5):
            r = subprocess.run([*self._prefix, "curl", "-s", "http://127.0.0.1:8080/api/v2/torrents/info"],
                               capture_output=True, text=True)
            try:
                t = json.loads(r.stdout)[0]
            except (ValueError, IndexError):
                continue
            self.uploaded, self.peers = t["uploaded"], max(self.peers, t["num_leechs"] + t["num_seeds"])
            if t["progress"] >= 1.0 and self.done_at is None:
                self.done_at = time.monotonic()

    def stop(self) -> None:
        self._stop.set()
        stop_process(self.proc, grace=20)


def start(kind: str, lan: LabLan, i: int, torrent: Path, folder: Path, work: Path, leech: bool = False) -> Child:
    """Machine i: the seed (0, unless `leech`) of the model in `folder`, or a leecher into `folder`."""
    pre, addr = lan.prefix(i), lan.addr[i]
    seed = i == 0 and not leech
    if kind == "qbittorrent":
        return QbtChild(lan, i, torrent, folder, work, seed)  # type: ignore[return-value]
    if kind == "modeldesk":
        env = _md_env(work / f"home-{i}", addr, seed=seed)
        argv = ["seed", str(torrent), "--from", str(folder)] if seed else ["get", str(torrent), "--to", str(folder)]
        return Child([*pre, str(MODELDESK), *argv, "--json"], env, "finished")
    if seed:
        return Child([*pre, sys.executable, str(LT_PEER), "seed", str(torrent), str(folder), str(work / "seed.port")],
                     _lt_env(addr, True, LT_PEER_REPORT="1"), "never")
    return Child([*pre, sys.executable, str(LT_PEER), "leech", str(torrent), str(folder), str(work / f"l{i}.port")],
                 _lt_env(addr, False, LT_PEER_STAY="1"), "done")


def one_run(kind: str, n: int, rate: int, torrent: Path, data: Path, work: Path, size: int) -> dict:
    outs = [work / "out" / f"{kind}-{i}" for i in range(1, n + 1)]
    with LabLan("bench", hosts=n + 1, rate=rate) as lan:
        seed = start(os.environ.get("LAB_SEED_CLIENT", kind), lan, 0, torrent, data, work)  # a mixed swarm
        time.sleep(3.0 if kind == "libtorrent" else 4.0)  # the seed has started (ModelDesk: checked its data)
        wire0 = lan.sent(0)
        t0, cpu0 = time.monotonic(), machine_busy()
        leechers = [start(kind, lan, i, torrent, o, work) for i, o in enumerate(outs, 1)]
        rss = {c.proc.pid: 0.0 for c in leechers}
        cpu: dict[int, float] = {}
        started: list[float] = []  # when the seed had sent its first MiB into the LAN
        try:
            def sample() -> None:
                if not started and lan.sent(0) - wire0 > MIB:
                    started.append(time.monotonic() - t0)
                for c in leechers:
                    rss[c.proc.pid] = max(rss[c.proc.pid], proc_hwm_mib(c.proc.pid))
                    if c.done_at is not None and c.proc.pid not in cpu:
                        cpu[c.proc.pid] = proc_cpu(c.proc.pid)  # what receiving the model cost it

            until_done(kind, leechers, t0, sample)
            busy = busy_share(cpu0)
            last = max(c.done_at for c in leechers if c.done_at) - t0
            first = min(c.done_at for c in leechers if c.done_at) - t0
            for c in leechers:
                cpu.setdefault(c.proc.pid, proc_cpu(c.proc.pid))
            wire = lan.sent(0) - wire0
            time.sleep(1.2)  # the seed's next report
            up = seed.uploaded
            seed_cpu, seed_rss = proc_cpu(seed.proc.pid), proc_hwm_mib(seed.proc.pid)
        finally:
            for c in [*leechers, seed]:
                c.stop()
            for o in outs:
                shutil.rmtree(o, ignore_errors=True)
    gib = size / 1024**3
    if os.environ.get("LAB_TRACE"):
        print(f"  peers each leecher saw at most: {sorted(c.peers for c in leechers)}", flush=True)
    return {"last": last, "first": first, "seed_up": up / size, "seed_wire": wire / size, "rss": max(rss.values()),
            "cpu_gib": statistics.median(cpu.values()) / gib, "seed_rss": seed_rss,
            "seed_cpu_gib": seed_cpu / gib, "busy": busy, "start": started[0] if started else last}


def mirror_run(kind: str, n: int, rate: int, torrent: Path, data: Path, work: Path, size: int, delay: float,
               mirror_rate: str) -> dict:
    """Machine 0 gets the model from the mirror (an nginx on its own machine of the LAN, each connection
    at `mirror_rate`) as a hybrid job; machines 1..n start `delay` s later with the same torrent: the
    mirror's bytes / the model, the first machine's time, the last's / the first's."""
    outs = [work / "out" / f"{kind}-{i}" for i in range(n + 1)]
    shutil.rmtree(work / "ngx", ignore_errors=True)
    with LabLan("mirror", hosts=n + 2, rate=rate) as lan:
        site = n + 1
        nginx = Nginx(data, work / "ngx", f"limit_rate {mirror_rate};", addr=lan.addr[site],
                      prefix=tuple(lan.prefix(site)))
        web_torrent = work / "lab-web.torrent"
        ct = lt.create_torrent(lt.list_files(str(data / "lab-model")), piece_size_for(size))
        ct.add_url_seed(nginx.url + "/")
        lt.set_piece_hashes(ct, str(data))
        web_torrent.write_bytes(lt.bencode(ct.generate()))
        t0, wire0 = time.monotonic(), lan.sent(0)
        peers = [start(kind, lan, 0, web_torrent, outs[0], work, leech=True)]
        time.sleep(delay)
        others = range(1, n + 1)
        # The first machine's upload and the others' median download, on the wire, from their start
        marks = [(time.monotonic(), lan.sent(0), statistics.median(lan.delivered(i) for i in others))]
        peers += [start(kind, lan, i, web_torrent, o, work, leech=True) for i, o in enumerate(outs[1:], 1)]
        sent: list[int] = []  # what the first machine had sent into the LAN when it finished

        def sample() -> None:
            if peers[0].done_at is not None and not sent:
                sent.append(lan.sent(0) - wire0)
                marks.append((time.monotonic(), lan.sent(0), statistics.median(lan.delivered(i) for i in others)))

        try:
            until_done(kind, peers, t0, sample)
            sample()
            done = [c.done_at - t0 for c in peers if c.done_at]
            sent_all = lan.sent(0) - wire0
        finally:
            for c in peers:
                c.stop()
            served = nginx.settled_bytes_served()
            if os.environ.get("LAB_MIRROR_LOG"):  # the mirror's access log, to see who fetched what, when
                shutil.copy(work / "ngx" / "access.log", os.environ["LAB_MIRROR_LOG"])
            nginx.stop()
            for o in outs:
                shutil.rmtree(o, ignore_errors=True)
    (a, up0, down0), (b, up1, down1) = marks
    return {"first": done[0], "last": max(done), "mirror": served / size, "first_sent": sent[0] / size,
            "first_sent_all": sent_all / size, "first_up": (up1 - up0) / (b - a),
            "others_down": (down1 - down0) / (b - a)}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--size-mib", type=int, default=512)
    ap.add_argument("--link-mib", type=float, default=25)
    ap.add_argument("--leechers", type=int, nargs="+", default=[8, 16])
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--clients", nargs="+", default=["modeldesk", "libtorrent"])
    ap.add_argument("--work", default="")
    ap.add_argument("--first-from-mirror", action="store_true",
                    help="no seed: the first machine fetches from a mirror, --leechers more start --delay s later")
    ap.add_argument("--delay", type=float, default=5.0)
    ap.add_argument("--mirror-rate", default="4m", help="nginx limit_rate per connection")
    args = ap.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # a kill still stops every peer and namespace
    if os.geteuid() != 0:
        print("lab_lan needs root (network namespaces, tc, a tmpfs)", file=sys.stderr)
        return 2
    compile_modeldesk(ROOT)
    work = work_folder("md-lan-", args.work)
    size, rate = args.size_mib * MIB, int(args.link_mib * MIB)
    data = work / "seed"
    payload = data / "lab-model" / "model.safetensors"
    if not payload.exists() or payload.stat().st_size != size:
        write_random(payload, size)
    torrent = work / "lab.torrent"
    ct = lt.create_torrent(lt.list_files(str(data / "lab-model")), piece_size_for(size))
    lt.set_piece_hashes(ct, str(data))
    torrent.write_bytes(lt.bencode(ct.generate()))
    ram_disk(work, size_gib=(max(args.leechers) + 1) * args.size_mib // 1024 + 2)
    optimum = size / rate
    if args.first_from_mirror:
        for r in range(args.rounds):
            for n in args.leechers:
                for kind in (args.clients if r % 2 == 0 else args.clients[::-1]):
                    m = mirror_run(kind, n, rate, torrent, data, work, size, args.delay, args.mirror_rate)
                    print(f"round {r + 1} 1+{n} {kind:10} first {m['first']:6.1f} s ({m['first'] / optimum:4.2f} x one "
                          f"link)  last {m['last']:6.1f} s ({m['last'] / m['first']:4.2f} x the first)  mirror sent "
                          f"{m['mirror']:4.2f} x the model; the first machine sent {m['first_sent']:4.2f} x the model "
                          f"(wire) by the time it finished, {m['first_sent_all']:4.2f} x by the end; from the others' "
                          f"start to its end it sent {m['first_up'] / MIB:4.1f} MiB/s and they each got "
                          f"{m['others_down'] / MIB:4.1f} (median)", flush=True)
        subprocess.run(["umount", str(work / "out")], capture_output=True)
        return 0
    results: dict[tuple[str, int], list[dict]] = {}
    try:
        for r in range(args.rounds):
            for n in args.leechers:
                for kind in (args.clients if r % 2 == 0 else args.clients[::-1]):
                    res = one_run(kind, n, rate, torrent, data, work, size)
                    results.setdefault((kind, n), []).append(res)
                    print(f"round {r + 1} n={n:2d} {kind:10} last {res['last']:6.1f} s ({res['last'] / optimum:4.2f} x "
                          f"optimum; first {res['first']:5.1f} s)  seed sent {res['seed_up']:4.2f} x (wire "
                          f"{res['seed_wire']:4.2f} x)  leecher: rss {res['rss']:5.0f} MiB, cpu {res['cpu_gib']:5.1f} "
                          f"s/GiB; seed: rss {res['seed_rss']:4.0f} MiB, its first MiB sent at {res['start']:.1f} s; "
                          f"cores busy {res['busy']:.0%}", flush=True)
    finally:
        subprocess.run(["umount", str(work / "out")], capture_output=True)
    print(f"\n{args.size_mib} MiB over links of {args.link_mib:g} MiB/s each way, optimum {optimum:.1f} s; "
          f"piece size {piece_size_for(size) // 1024} KiB; medians of {args.rounds} round(s)")
    print(f"{'client':10} {'N':>2} {'last s':>7} {'x optimum':>9} {'seed sent x':>11} {'wire x':>6} "
          f"{'leecher RSS':>11} {'CPU s/GiB':>9} {'cores busy':>10}")
    for (kind, n), rs in sorted(results.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        med = {k: statistics.median(x[k] for x in rs) for k in ("last", "seed_up", "seed_wire", "cpu_gib", "busy")}
        print(f"{kind:10} {n:2d} {med['last']:7.1f} {med['last'] / optimum:9.2f} {med['seed_up']:11.2f} "
              f"{med['seed_wire']:6.2f} {max(x['rss'] for x in rs):11.0f} {med['cpu_gib']:9.1f} "
              f"{med['busy']:10.0%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
