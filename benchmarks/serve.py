"""The lab server (`modeldesk serve`), side by side on loopback (run by hand, not in CI).

  SERVE  --clients official `snapshot_download` clients at once (one process each) of a model the
         library holds, from `modeldesk serve`, against the same clients from nginx serving the same
         files (the local HF-compatible hub answers the API, its LFS files redirect to nginx):
         aggregate throughput ratio, the server's peak RSS, and p50/p99 time to first byte of a small
         Range request sent every 100 ms while the clients run; with aiohttp installed, the same for
         aiohttp's FileResponse (benchmarks/aiohttp_files.py), the async server the issue proposed
  PULL   the same model behind an upstream nginx at `limit_rate 4m` per connection: a plain
         `modeldesk get` of it, one client through a server that lacks it (pull-through), then
         --pull-clients clients at once through a fresh server: the upstream's bytes / the model's size,
         and the last client's time / the first's

    .venv/bin/python -m benchmarks.serve [--size-mib 1024] [--clients 20] [--pull-clients 10] [--only SERVE,PULL]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.common import compile_modeldesk, proc_hwm_mib, ram_disk, work_folder  # noqa: E402
from tests.helpers.cli import MdHome, read_events  # noqa: E402
from tests.helpers.foreign import stop_process  # noqa: E402
from tests.helpers.hub_server import HubServer  # noqa: E402
from tests.helpers.nginx import Nginx  # noqa: E402
from tests.helpers.ports import free_port  # noqa: E402
from tests.helpers.swarm import write_random  # noqa: E402

MIB = 1024 * 1024
CLIENT = """
import sys, time, huggingface_hub
t = time.monotonic()
huggingface_hub.snapshot_download("acme/model", endpoint=sys.argv[1], cache_dir=sys.argv[2])
print(time.monotonic() - t)
"""


def clients(endpoint: str, out: Path, n: int) -> tuple[float, list[float]]:
    """n official clients at once, each in its own process: the wall time of all, and each one's time."""
    env = {"PATH": "/usr/bin:/bin", "HF_HUB_DISABLE_TELEMETRY": "1", "HF_HUB_DISABLE_XET": "1",
           "HOME": str(out / "home"), "NO_PROXY": "127.0.0.1"}
    t0 = time.monotonic()
    procs = [subprocess.Popen([sys.executable, "-c", CLIENT, endpoint, str(out / f"c{i}")], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for i in range(n)]
    times = []
    for p in procs:
        so, se = p.communicate(timeout=3600)
        if p.returncode != 0:
            raise RuntimeError(se[-2000:])
        times.append(float(so.strip().splitlines()[-1]))
    wall = time.monotonic() - t0
    subprocess.run(["rm", "-rf", *[str(out / f"c{i}") for i in range(n)]], check=False)
    return wall, times


def probe_ttfb(url: str, stop: threading.Event, into: list[float]) -> None:
    while not stop.is_set():
        t = time.monotonic()
        try:
            with requests.get(url, headers={"Range": "bytes=0-0"}, stream=True, timeout=10) as r:
                next(r.iter_content(1))
            into.append(time.monotonic() - t)
        except requests.RequestException:
            pass
        stop.wait(0.1)


def serve(md: MdHome, *args: str):
    proc = md.popen("serve", "--listen", f"127.0.0.1:{free_port()}", "--json", *args)
    url = next(e["url"] for e in read_events(proc) if e["event"] == "serving")
    return proc, url


def bench_serve(work: Path, hub_root: Path, out: Path, size: int, n: int) -> None:
    md = MdHome(work / "served")
    md.configure()
    with HubServer(hub_root) as hub:
        r = md.run("get", "hf://acme/model", "--mirror", hub.url, "--to", str(work / "served-model"), "--no-seed")
        assert r.code == 0, r.stderr
    with HubServer(hub_root) as hub, Nginx(hub.cdn_dir, work / "ngx") as web:
        hub.cdn_base = web.url
        nginx_wall, nginx_ttfb = probed_clients(hub.url, f"{web.url}/{blob_of(hub, size)}", out, n)
    aio = _aiohttp_leg(hub_root, out, size, n)
    proc, url = serve(md)
    try:
        serve_wall, ttfb = probed_clients(url, f"{url}/acme/model/resolve/main/model.safetensors", out, n)
        rss = proc_hwm_mib(proc.pid)
    finally:
        stop_process(proc)
    total = n * size
    print(f"SERVE  {n} clients × {size // MIB} MiB: modeldesk serve {serve_wall:.2f} s "
          f"({total / serve_wall / MIB:.0f} MiB/s), nginx {nginx_wall:.2f} s ({total / nginx_wall / MIB:.0f} MiB/s): "
          f"{nginx_wall / serve_wall:.2f}× nginx's throughput; server peak RSS {rss:.0f} MiB; time to first "
          f"byte {_ttfb_text(ttfb)} ({len(ttfb)} probes; nginx under the same load: {_ttfb_text(nginx_ttfb)})")
    if aio is not None:
        aio_wall, aio_rss, aio_ttfb = aio
        print(f"       aiohttp {aiohttp_version()} FileResponse, the same load: {aio_wall:.2f} s "
              f"({total / aio_wall / MIB:.0f} MiB/s, {nginx_wall / aio_wall:.2f}× nginx's), "
              f"peak RSS {aio_rss:.0f} MiB, time to first byte {_ttfb_text(aio_ttfb)}")


def probed_clients(endpoint: str, probe_url: str, out: Path, n: int) -> tuple[float, list[float]]:
    """n clients of `endpoint` at once (their wall time), and the time to first byte of a small Range
    request of `probe_url` every 100 ms while they run."""
    ttfb: list[float] = []
    stop = threading.Event()
    prober = threading.Thread(target=probe_ttfb, args=(probe_url, stop, ttfb))
    prober.start()
    try:
        wall, _ = clients(endpoint, out, n)
    finally:
        stop.set()
        prober.join()
    return wall, ttfb


def blob_of(hub: HubServer, size: int) -> str:
    """The name of the model's weights among the hub's LFS blobs (what its resolve redirects to)."""
    return next(p.name for p in hub.cdn_dir.iterdir() if p.stat().st_size == size)


def _ttfb_text(samples: list[float]) -> str:
    return f"p50 {statistics.median(samples) * 1000:.0f} ms, p99 {_p99(samples) * 1000:.0f} ms"


def aiohttp_version() -> str:
    import aiohttp

    return aiohttp.__version__


def _aiohttp_leg(hub_root: Path, out: Path, size: int, n: int) -> tuple[float, float, list[float]] | None:
    """The same clients, the hub's LFS files sent by aiohttp's FileResponse (if aiohttp is installed)."""
    try:
        aiohttp_version()
    except ImportError:
        print("       (aiohttp is not installed: `pip install aiohttp` to measure it beside the others)")
        return None
    with HubServer(hub_root) as hub:
        port = free_port()
        proc = subprocess.Popen([sys.executable, str(ROOT / "benchmarks" / "aiohttp_files.py"), str(hub.cdn_dir),
                                 str(port)], stdout=subprocess.PIPE, text=True)
        try:
            assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
            hub.cdn_base = f"http://127.0.0.1:{port}"
            wall, ttfb = probed_clients(hub.url, f"{hub.cdn_base}/{blob_of(hub, size)}", out, n)
            return wall, proc_hwm_mib(proc.pid), ttfb
        finally:
            stop_process(proc)


def _p99(samples: list[float]) -> float:
    s = sorted(samples)
    return s[min(len(s) - 1, int(len(s) * 0.99))] if s else float("nan")


def bench_pull(work: Path, hub_root: Path, out: Path, size: int, n: int) -> None:
    with HubServer(hub_root) as hub, Nginx(hub.cdn_dir, work / "ngx-up", location="limit_rate 4m;") as up:
        hub.cdn_base = up.url
        plain = MdHome(work / "plain")
        plain.configure()
        t = time.monotonic()
        r = plain.run("get", "hf://acme/model", "--mirror", hub.url, "--to", str(out / "plain"), "--no-seed",
                      timeout=3600)
        get_s = time.monotonic() - t
        assert r.code == 0, r.stderr
        subprocess.run(["rm", "-rf", str(out / "plain")], check=False)
        one = MdHome(work / "pull-one")
        one.configure()
        proc, url = serve(one, "--mirror", hub.url)
        try:
            _, (first,) = clients(url, out, 1)
        finally:
            stop_process(proc)
        before = up.settled_bytes_served()
        many = MdHome(work / "pull-many")
        many.configure()
        proc, url = serve(many, "--mirror", hub.url)
        try:
            _, times = clients(url, out, n)
        finally:
            stop_process(proc)
        upstream = up.settled_bytes_served() - before
    print(f"PULL   {size // MIB} MiB at 4 MiB/s per connection upstream: `modeldesk get` {get_s:.2f} s, one client "
          f"through pull-through {first:.2f} s ({first / get_s:.2f}× the get); {n} clients at once: upstream sent "
          f"{upstream / size:.3f}× the model, clients {min(times):.2f}–{max(times):.2f} s (last/first "
          f"{max(times) / min(times):.2f})")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--size-mib", type=int, default=256)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--pull-clients", type=int, default=10)
    ap.add_argument("--only", default="SERVE,PULL")
    ap.add_argument("--work", type=Path)
    args = ap.parse_args()
    compile_modeldesk(ROOT)
    work = work_folder("md-bench-serve-", args.work or "")
    size = args.size_mib * MIB
    hub_root = work / "hub"
    write_random(hub_root / "acme" / "model" / "model.safetensors", size)
    (hub_root / "acme" / "model" / "config.json").write_text('{"arch": "bench"}\n')
    out = ram_disk(work, size_gib=max(2, 2 * args.clients * size // (1024 * MIB) + 1))
    try:
        if "SERVE" in args.only:
            bench_serve(work, hub_root, out, size, args.clients)
        if "PULL" in args.only:
            bench_pull(work, hub_root, out, size, args.pull_clients)
    finally:
        subprocess.run(["umount", str(out)], capture_output=True)


if __name__ == "__main__":
    main()
