"""The desktop app under load: 1,000 jobs in the library and 10 HTTP downloads running at once.

    .venv/bin/python -m benchmarks.gui_load --jobs 1000 --active 10 --minutes 3

Runs the real app (modeldesk.app.run_gui) in this process on Qt's offscreen platform, with a fresh
ModelDesk home. Reports:
- start-up: from this process's start (interpreter included) to an interactive window, i.e. shown
  with every library row in its table;
- event-loop stalls: a 10 ms timer on the GUI thread; a stall is how late it fires; p50/p99/max
  over the whole run, with the downloads going;
- memory: RSS once the downloads are under way and at the end (flat means no growth with time).
The 10 downloads come from a local nginx (`limit_rate` per connection so they last the run);
everything binds to 127.0.0.1.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

PROCESS_START = time.monotonic() - (time.clock_gettime(time.CLOCK_BOOTTIME) - int(
    Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[19]) / os.sysconf("SC_CLK_TCK"))
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
MiB = 1024 * 1024


def rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def fill_library(home: Path, jobs: int) -> None:
    """Finished HTTP jobs with a few files each, as months of use would leave them (a restart does not
    start finished HTTP jobs again, so they cost the table and the library, not the network)."""
    from modeldesk.core.library.store import Library
    from modeldesk.core.contracts.models import FileEntry, JobKind, Selection
    from modeldesk.core.config.paths import default_paths

    paths = default_paths({"MODELDESK_HOME": str(home)}).ensure()
    lib = Library(paths.library_db)
    for i in range(jobs):
        job_id = f"url-{i:024d}"
        files = [FileEntry(n, f"part-{n}.safetensors", 1_000_000_000 + n) for n in range(4)]
        lib.add_job(job_id=job_id, kind=JobKind.HTTP, name=f"model-{i:04d}", source_kind="url",
                    source=f"https://mirror.example/model-{i:04d}.safetensors", torrent=None,
                    project_dir=f"/data/projects/p{i % 25}", selection=Selection())
        lib.set_metadata(job_id, f"model-{i:04d}", files, sum(f.size for f in files), sum(f.size for f in files))
        lib.mark_finished(job_id)
    lib.close()


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--jobs", type=int, default=1000)
    ap.add_argument("--active", type=int, default=10)
    ap.add_argument("--minutes", type=float, default=3.0)
    ap.add_argument("--rate", default="1m", help="nginx limit_rate per connection")
    args = ap.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from tests.helpers.cli import loopback_settings
    from tests.helpers.nginx import Nginx

    work = Path(tempfile.mkdtemp(prefix="md-guiload-"))
    home = work / "home"
    (home / "config").mkdir(parents=True)
    (home / "config" / "settings.json").write_text(json.dumps(loopback_settings()))
    fill_library(home, args.jobs)
    www = work / "www"
    www.mkdir()
    size = int(8 * MiB * args.minutes * 60)  # more than 4 connections at the limit fetch in the run
    with open(www / "weights.bin", "wb") as f:
        f.truncate(size)  # sparse: nginx serves zeros without using disk
    web = Nginx(www, work / "nginx", f"limit_rate {args.rate};")

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication(["modeldesk"])
    from modeldesk.app import run_gui
    from modeldesk.core.config.paths import default_paths
    from modeldesk.ui.main_window import MainWindow

    probe = {"last": None, "lates": [], "ready": None, "rss": []}

    def tick() -> None:
        now = time.monotonic()
        if probe["last"] is not None:
            probe["lates"].append(max(0.0, now - probe["last"] - 0.010))
            probe.setdefault("when", []).append(now - PROCESS_START)
        probe["last"] = now
        if probe["ready"] is None:
            wins = [w for w in app.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
            if wins and wins[0].model.rowCount() >= args.jobs:
                probe["ready"] = now
                start_downloads(wins[0])

    def start_downloads(window) -> None:
        for i in range(args.active):
            window.bridge.add_source(f"{web.url}/weights.bin", str(work / "projects" / f"active-{i}"))
        QTimer.singleShot(15_000, lambda: probe["rss"].append(rss_mib()))
        QTimer.singleShot(int(args.minutes * 60_000), lambda: os.kill(os.getpid(), signal.SIGTERM))

    if os.environ.get("MD_NONE_REFS"):
        watch = QTimer(interval=5000)
        watch.timeout.connect(lambda: print("None refs", sys.getrefcount(None), flush=True))
        watch.start()
    timer = QTimer(interval=10)
    timer.timeout.connect(tick)
    timer.start()
    try:
        run_gui([], default_paths({"MODELDESK_HOME": str(home)}))
    finally:
        web.stop()
        shutil.rmtree(work, ignore_errors=True)
    probe["rss"].append(rss_mib())
    worst = sorted(zip(probe["lates"], probe["when"], strict=True), reverse=True)[:3]
    lates = sorted(probe["lates"])
    ms = lambda q: 1000 * lates[min(len(lates) - 1, int(q * len(lates)))]  # noqa: E731
    print(f"jobs in library: {args.jobs}, active downloads: {args.active} (nginx limit_rate {args.rate} "
          f"per connection), run: {args.minutes:g} min, timer ticks: {len(lates)}")
    print(f"start-up to interactive window: {probe['ready'] - PROCESS_START:.2f} s")
    print(f"event-loop lateness: p50 {ms(0.50):.1f} ms, p99 {ms(0.99):.1f} ms, max {1000 * lates[-1]:.1f} ms, "
          f"mean {1000 * statistics.fmean(lates):.2f} ms")
    print("worst stalls: " + ", ".join(f"{1000 * late:.0f} ms at {at:.1f} s" for late, at in worst)
          + f" (the window was interactive at {probe['ready'] - PROCESS_START:.1f} s)")
    print(f"RSS: {probe['rss'][0]:.0f} MiB 15 s into the downloads, {probe['rss'][-1]:.0f} MiB at the end")
    sys.stdout.flush()
    os._exit(0)  # skip interpreter teardown: Qt objects left to the GC at exit can crash it


if __name__ == "__main__":
    raise SystemExit(main())
