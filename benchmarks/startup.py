"""Start-up of `modeldesk get URL`: process start to the first request the mirror sees, beside
curl and aria2c on the same loopback server (run by hand, not in CI).

A small HTTP server on 127.0.0.1 stamps the arrival of each run's first request; the run's
start is stamped just before it is spawned. ModelDesk runs with its bytecode cached twice: as a
wheel installed into a folder of its own (what `pip install` gives a user) and as this checkout's
editable install (whose import hook is consulted on every import). Also reports whether a plain
URL get imported Qt or libtorrent.

    .venv/bin/python -m benchmarks.startup [--runs 15]
"""

from __future__ import annotations

import argparse
import http.server
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.common import compile_modeldesk, fresh_runs, work_folder  # noqa: E402

BODY = b"x" * 1024


class _Stamp(http.server.BaseHTTPRequestHandler):
    first: list[float] = []

    def _answer(self, body: bool) -> None:
        if not self.first:
            self.first.append(time.perf_counter())
        self.send_response(200)
        self.send_header("Content-Length", str(len(BODY)))
        self.send_header("Accept-Ranges", "bytes")
        self.end_headers()
        if body:
            self.wfile.write(BODY)

    def do_HEAD(self) -> None:
        self._answer(False)

    def do_GET(self) -> None:
        self._answer(True)

    def log_message(self, *args) -> None:
        pass


def to_first_request(argv: list[str], env: dict | None, cwd: Path) -> float:
    _Stamp.first.clear()
    t0 = time.perf_counter()
    subprocess.run(argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return (_Stamp.first[0] - t0) * 1000


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args()
    compile_modeldesk(ROOT)
    work = work_folder("md-startup-")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Stamp)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/tiny.bin"
    out = work / "out"
    md_env, _ = fresh_runs(work / "mdhome", url, work / "hf")
    wheel = work / "installed"
    subprocess.run([str(ROOT / ".venv/bin/python"), "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation",
                    "--target", str(wheel), str(ROOT)], check=True)
    subprocess.run([str(ROOT / ".venv/bin/python"), "-m", "compileall", "-q", str(wheel / "modeldesk")], check=True,
                   env=md_env)
    get = ["get", url, "--to", str(out), "--no-seed"]
    clients = {
        "modeldesk": ([str(ROOT / ".venv/bin/python"), "-m", "modeldesk", *get], {**md_env, "PYTHONPATH": str(wheel)}),
        "modeldesk (editable)": ([str(ROOT / ".venv/bin/modeldesk"), *get], md_env),
        "curl": (["curl", "-sS", "-o", str(out / "curl.bin"), url], None),
        "aria2c": (["aria2c", "-q", "--allow-overwrite=true", "-d", str(out), "-o", "aria2c.bin", url], None),
    }
    times: dict[str, list[float]] = {k: [] for k in clients}
    try:
        for _ in range(args.runs):
            for name, (argv, env) in clients.items():
                shutil.rmtree(out, ignore_errors=True)
                out.mkdir(parents=True)
                times[name].append(to_first_request(argv, env, work))
        imports = subprocess.run([str(ROOT / ".venv/bin/python"), "-X", "importtime", "-m", "modeldesk", *get],
                                 env={**md_env, "PYTHONPATH": str(wheel)}, cwd=work, capture_output=True, text=True)
    finally:
        server.shutdown()
    print(f"process start to the first request, ms ({args.runs} runs)")
    for name, ts in times.items():
        print(f"{name:21} median {statistics.median(ts):6.1f}   min {min(ts):6.1f}   max {max(ts):6.1f}")
    heavy = [m for m in ("libtorrent", "PySide6", "qasync") if f"| {m}\n" in imports.stderr
             or f" {m}\n" in imports.stderr]
    print("plain URL get imported:", ", ".join(heavy) if heavy else "neither Qt nor libtorrent")
    return 0


if __name__ == "__main__":
    sys.exit(main())
