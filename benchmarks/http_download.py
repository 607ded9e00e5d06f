"""Side-by-side HTTP mirror benchmark on loopback (run by hand, not in CI).

Real nginx mirrors on 127.0.0.1 serve one random file:

  A  unlimited
  B  `limit_rate 4m` per connection
  C  `limit_rate 1m` per connection, plus 50 ms added to every request (a TCP proxy in front)
  D  unlimited nginx behind a proxy capping all connections together at 50 MiB/s
  F  a far mirror: unlimited nginx behind a proxy giving a 150 ms round trip and a 1 MiB TCP window
     per connection (6.7 MiB/s each), the trans-Pacific hub case

Scenarios, each run in interleaved rounds (the order of the clients rotates every round):

  B       modeldesk vs `aria2c -x16 -s16 -k1M` on B alone, both checking the sha256
  A+B+C   both given the same three URLs
  B+C     both given the same two URLs (a smaller file, as in the issue)
  D       modeldesk vs aria2c on the total-capped mirror
  F       modeldesk vs aria2c on the far mirror
  A       modeldesk (no hash), modeldesk and aria2c with the sha256, curl, and curl followed by
          `openssl dgst -sha256`, from A: CPU per GiB, what checking the hash costs

ModelDesk runs with its defaults (no --connections) unless `--connections N` is given.

Clients write into a tmpfs, or with --disk DIR into DIR on a real disk: then every run is followed by
`sync -f` of that filesystem, and the time until the file is on disk is reported beside the time until
the client said it was done (ModelDesk syncs the file before it calls it done; aria2c and curl do not).
Reports median wall time, ratios, CPU-seconds per GiB, peak RSS and the
requests each mirror's access log recorded per run (nginx's limit_rate lets each request's first
second through at once, so many short requests would beat the throttle; the counts show we don't).

    .venv/bin/python -m benchmarks.http_download [--size-mib 1024] [--small-mib 256] [--rounds 3] [--rss-gib 4]
        [--connections N] [--only B,F,...] [--disk DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.common import compile_modeldesk, installed_env, GIB, ram_disk, timed_child, work_folder  # noqa: E402
from tests.helpers.cli import loopback_settings  # noqa: E402
from tests.helpers.nginx import Nginx  # noqa: E402
from tests.helpers.shaping_proxy import ShapingProxy  # noqa: E402
from tests.helpers.swarm import write_random  # noqa: E402

MIB = 1024 * 1024
CONNECTIONS: int | None = None  # --connections for ModelDesk; None: its defaults


class Rig:
    def __init__(self, work: Path, files: Path):
        self.work, self.files = work, files
        self.a = Nginx(files, work / "nginx-a")
        self.b = Nginx(files, work / "nginx-b", location="limit_rate 4m;")
        self.c_nginx = Nginx(files, work / "nginx-c", location="limit_rate 1m;")
        self.c = ShapingProxy(self.c_nginx.port, delay_s=0.05).__enter__()
        self.d_nginx = Nginx(files, work / "nginx-d")
        self.d = ShapingProxy(self.d_nginx.port, total_rate=50 * MIB).__enter__()
        self.f_nginx = Nginx(files, work / "nginx-f")
        self.f = ShapingProxy(self.f_nginx.port, rtt_s=0.15, window=MIB).__enter__()
        self.logs = {"A": self.a, "B": self.b, "C": self.c_nginx, "D": self.d_nginx, "F": self.f_nginx}

    def url(self, mirror: str, name: str) -> str:
        base = {"A": self.a.url, "B": self.b.url, "C": self.c.url, "D": self.d.url, "F": self.f.url}[mirror]
        return f"{base}/{name}"

    def counts(self) -> dict[str, int]:
        return {k: n.requests_served() for k, n in self.logs.items()}

    def stop(self) -> None:
        self.c.__exit__(None, None, None)
        self.d.__exit__(None, None, None)
        self.f.__exit__(None, None, None)
        for n in (self.a, self.b, self.c_nginx, self.d_nginx, self.f_nginx):
            n.stop()


def run_modeldesk(urls: list[str], out: Path, work: Path, sha256: str | None) -> dict:
    home = work / "mdhome"
    shutil.rmtree(home, ignore_errors=True)
    (home / "config").mkdir(parents=True)
    (home / "config" / "settings.json").write_text(json.dumps(loopback_settings()))
    env = installed_env(MODELDESK_HOME=str(home))
    argv = [str(ROOT / ".venv/bin/modeldesk"), "get", urls[0], "--to", str(out), "--no-seed", "--json"]
    if CONNECTIONS:
        argv += ["--connections", str(CONNECTIONS)]
    for u in urls[1:]:
        argv += ["--url", u]
    if sha256:
        argv += ["--sha256", sha256]
    with open(work / "modeldesk-last.jsonl", "w") as log:
        return timed_child(argv, env, stdout=log)


def run_aria2(urls: list[str], out: Path, work: Path, sha256: str | None) -> dict:
    argv = ["aria2c", "-x16", "-s16", "-k1M", "--dir", str(out), "--allow-overwrite=true",
            "--auto-file-renaming=false", "--console-log-level=warn", "--summary-interval=0",
            "--file-allocation=falloc", *urls]
    if sha256:
        argv.insert(1, f"--checksum=sha-256={sha256}")  # aria2c checks it after the download
    return timed_child(argv)


def run_curl(urls: list[str], out: Path, work: Path, sha256: str | None) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    return timed_child(["curl", "-sS", "-f", "-o", str(out / Path(urls[0]).name), urls[0]])


def run_curl_openssl(urls: list[str], out: Path, work: Path, sha256: str | None) -> dict:
    """curl, then OpenSSL's sha256 over the file: the two fastest tools for each half, one after the
    other (coreutils' sha256sum on Debian 12 does not use the CPU's SHA instructions: 5x slower here)."""
    out.mkdir(parents=True, exist_ok=True)
    f = out / Path(urls[0]).name
    digest = f"SHA2-256({f})= {sha256}"
    return timed_child(["bash", "-c", 'curl -sS -f -o "$1" "$2" && [ "$(openssl dgst -sha256 "$1")" = "$3" ]',
                        "-", str(f), urls[0], digest])


CLIENTS = {"modeldesk": run_modeldesk, "modeldesk+sha256": run_modeldesk, "aria2c": run_aria2,
           "aria2c+sha256": run_aria2, "curl": run_curl, "curl+openssl+sha256": run_curl_openssl}


def check(out: Path, name: str, size: int, digest: str) -> None:
    f = out / name
    if f.stat().st_size != size:
        raise RuntimeError(f"{f}: wrong size")
    if digest:
        h = hashlib.sha256()
        with open(f, "rb") as fh:
            while b := fh.read(16 * MIB):
                h.update(b)
        if h.hexdigest() != digest:
            raise RuntimeError(f"{f}: wrong sha256")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--size-mib", type=int, default=1024)
    ap.add_argument("--small-mib", type=int, default=256, help="file size for B+C")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--rss-gib", type=int, default=4, help="also fetch a file this big from A for peak RSS; 0 = skip")
    ap.add_argument("--only", default="", help="comma-separated scenarios to run (B, A+B+C, B+C, D, F, A, RSS)")
    ap.add_argument("--connections", type=int, help="pass --connections N to ModelDesk (default: its defaults)")
    ap.add_argument("--work", default="")
    ap.add_argument("--disk", default="", help="write into this folder on a real disk instead of a tmpfs")
    args = ap.parse_args()
    global CONNECTIONS
    CONNECTIONS = args.connections
    compile_modeldesk(ROOT)
    work = work_folder("md-http-bench-", args.work)
    files = work / "files"
    files.mkdir(parents=True, exist_ok=True)
    sizes = {"big.bin": args.size_mib * MIB, "small.bin": args.small_mib * MIB}
    if args.rss_gib:
        sizes["huge.bin"] = args.rss_gib * GIB
    digests = {}
    for name, size in sizes.items():
        f = files / name
        if not f.exists() or f.stat().st_size != size:
            write_random(f, size)
        with open(f, "rb") as fh:
            digests[name] = hashlib.file_digest(fh, "sha256").hexdigest()
        subprocess.run(["cat", str(f)], stdout=subprocess.DEVNULL, check=True)  # into the page cache
    scenarios = [
        ("B", "big.bin", ["B"], ["modeldesk+sha256", "aria2c+sha256"]),
        ("A+B+C", "big.bin", ["A", "B", "C"], ["modeldesk+sha256", "aria2c+sha256"]),
        ("B+C", "small.bin", ["B", "C"], ["modeldesk+sha256", "aria2c+sha256"]),
        ("D", "small.bin", ["D"], ["modeldesk+sha256", "aria2c+sha256"]),
        ("F", "small.bin", ["F"], ["modeldesk+sha256", "aria2c+sha256"]),
        ("A", "big.bin", ["A"], ["modeldesk", "modeldesk+sha256", "aria2c+sha256", "curl",
                                 "curl+openssl+sha256"]),
    ]
    if args.only:
        keep = set(args.only.split(","))
        scenarios = [s for s in scenarios if s[0] in keep]
    out_root = Path(args.disk) / "md-http-bench-out" if args.disk else ram_disk(work)
    rig = Rig(work, files)
    results: dict[tuple[str, str], list[dict]] = {}
    try:
        for i in range(args.rounds):
            for label, name, mirrors, clients in scenarios:
                urls = [rig.url(m, name) for m in mirrors]
                order = clients[i % len(clients):] + clients[: i % len(clients)]
                for client in order:
                    out = out_root / client
                    shutil.rmtree(out, ignore_errors=True)
                    out.mkdir(parents=True)
                    time.sleep(0.3)
                    before = rig.counts()
                    sha = digests[name] if client.endswith("+sha256") else None
                    r = CLIENTS[client](urls, out, work, sha)
                    if args.disk:  # what the client left in the page cache, written out
                        t0 = time.monotonic()
                        subprocess.run(["sync", "-f", str(out)], check=True)
                        r["synced"] = r["wall"] + time.monotonic() - t0
                    after = rig.counts()
                    check(out, name, sizes[name], digests[name] if i == 0 else "")
                    shutil.rmtree(out, ignore_errors=True)
                    r["requests"] = {m: after[m] - before[m] for m in mirrors}
                    r["size"] = sizes[name]
                    results.setdefault((label, client), []).append(r)
                    print(f"round {i + 1} {label:6} {client:19} {r['wall']:7.2f} s "
                          f"{sizes[name] / r['wall'] / MIB:7.1f} MiB/s cpu {r['cpu']:6.2f} s "
                          f"rss {r['rss_mib']:6.1f} MiB requests {r['requests']}"
                          + (f"; on disk at {r['synced']:.2f} s" if "synced" in r else ""), flush=True)
        if args.rss_gib and (not args.only or "RSS" in args.only):
            for name in ("big.bin", "huge.bin"):
                out = out_root / "rss"
                shutil.rmtree(out, ignore_errors=True)
                out.mkdir(parents=True)
                r = run_modeldesk([rig.url("A", name)], out, work, digests[name])
                shutil.rmtree(out, ignore_errors=True)
                results.setdefault(("RSS " + name, "modeldesk+sha256"), []).append({**r, "requests": {},
                                                                                    "size": sizes[name]})
                print(f"rss {name} {sizes[name] / GIB:.0f} GiB: {r['wall']:.2f} s, peak RSS {r['rss_mib']:.1f} MiB",
                      flush=True)
    finally:
        rig.stop()
        if args.disk:
            shutil.rmtree(out_root, ignore_errors=True)
        else:
            subprocess.run(["umount", str(out_root)], capture_output=True)
    report(results, args.rounds)
    if args.disk:
        for (label, client), rs in results.items():
            if all("synced" in r for r in rs):
                print(f"{label:6} {client:19} on disk after {statistics.median(r['synced'] for r in rs):6.2f} s "
                      f"(median; done after {statistics.median(r['wall'] for r in rs):6.2f} s)")
    return 0


def report(results: dict[tuple[str, str], list[dict]], rounds: int) -> None:
    print(f"\nmedians of {rounds} interleaved rounds; 'vs md' = that client's time / ModelDesk's time")
    print(f"{'scenario':15} {'client':17} {'wall s':>7} {'MiB/s':>7} {'vs md':>6} {'CPU s/GiB':>9} "
          f"{'RSS MiB':>8}  requests per run")
    for (label, client), rs in results.items():
        wall = statistics.median(r["wall"] for r in rs)
        size = rs[0]["size"]
        md = results.get((label, "modeldesk")) or results.get((label, "modeldesk+sha256"))
        ratio = wall / statistics.median(r["wall"] for r in md) if md else float("nan")
        cpu = statistics.median(r["cpu"] for r in rs) / (size / GIB)
        rss = max(r["rss_mib"] for r in rs)
        reqs = {m: statistics.median(r["requests"][m] for r in rs) for m in rs[0]["requests"]}
        print(f"{label:15} {client:19} {wall:7.2f} {size / wall / MIB:7.1f} {ratio:6.2f} {cpu:9.2f} {rss:8.1f}  "
              f"{reqs}")


if __name__ == "__main__":
    sys.exit(main())
