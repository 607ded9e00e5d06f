"""What the hand-run benchmarks share: timing a child with its CPU and peak RSS, reading a
running daemon's CPU and RSS from /proc, and a tmpfs for the clients' output."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GIB = 1024**3


def installed_env(**extra: str) -> dict[str, str]:
    """The environment for running ModelDesk as an installed copy runs: with its bytecode cached.
    Some machines (this one) set PYTHONDONTWRITEBYTECODE, which makes every start compile our
    modules from source (~0.1 s); pip-installed copies are byte-compiled when installed."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(extra)
    return env


def fresh_runs(home: Path, hub_url: str, hf_home: Path) -> tuple[dict[str, str], dict[str, str]]:
    """An emptied ModelDesk home with loopback-only settings, and the environments for `modeldesk`
    (that home) and for the Hugging Face client (the local hub as HF_ENDPOINT), bytecode cached."""
    import json

    from tests.helpers.cli import loopback_settings

    shutil.rmtree(home, ignore_errors=True)
    (home / "config").mkdir(parents=True)
    (home / "config" / "settings.json").write_text(json.dumps(loopback_settings()))
    return (installed_env(MODELDESK_HOME=str(home)),
            installed_env(HF_ENDPOINT=hub_url, HF_HOME=str(hf_home), HF_HUB_DISABLE_TELEMETRY="1"))


def compile_modeldesk(root: Path) -> None:
    """Write the bytecode of the checkout once, before anything is timed."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(root / "modeldesk")], check=True,
                   env=installed_env())


def timed_child(argv, env=None, stdout=None) -> dict:
    """Run a child to completion; wall time plus its own CPU and peak RSS.

    The child runs under GNU time: Linux starts a forked child's peak RSS at its parent's RSS (it
    survives exec), so wait4() on a child of this (large) Python process would report our memory,
    not the child's. time(1) is small, so what it reports is the child's own."""
    if not shutil.which("time") and not Path("/usr/bin/time").exists():
        raise SystemExit("needs GNU time (apt install time)")
    with tempfile.NamedTemporaryFile("r", suffix=".time") as rep:
        t0 = time.perf_counter()
        proc = subprocess.Popen(["/usr/bin/time", "-q", "-o", rep.name, "-f", "%U %S %M", *argv], env=env,
                                stdout=stdout or subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, err = proc.communicate()
        wall = time.perf_counter() - t0
        if proc.returncode != 0:
            raise RuntimeError(f"{argv[:3]} failed ({proc.returncode}): {err.decode()[-2000:]}")
        user, system, rss_kib = rep.read().split()[-3:]
    return {"wall": wall, "cpu": float(user) + float(system), "rss_mib": int(rss_kib) / 1024}


def proc_cpu(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def machine_busy() -> tuple[float, float]:
    """(busy, all) CPU-seconds the whole machine has spent since boot, every core and the kernel's
    softirq work (the packets' copies through loopback or the namespaces' bridge) included."""
    ticks = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    hz = os.sysconf("SC_CLK_TCK")
    return (sum(ticks) - ticks[3] - ticks[4]) / hz, sum(ticks) / hz  # less idle and iowait


def busy_share(since: tuple[float, float]) -> float:
    """How busy the machine's cores were since `since` (machine_busy()): near 1.0, the run was bound by
    the CPU of this rig and no smarter swarm would have finished much sooner on it."""
    busy, every = machine_busy()
    return (busy - since[0]) / max(every - since[1], 1e-9)


def proc_hwm_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def ram_disk(work: Path, size_gib: int = 6) -> Path:
    """Leechers write into a tmpfs so disk write-back noise (large on shared VMs) stays out of the
    comparison; falls back to the work folder where mounting is not allowed."""
    out = work / "out"
    out.mkdir(exist_ok=True)
    if not os.path.ismount(out):
        r = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_gib}g", "tmpfs", str(out)], capture_output=True)
        if r.returncode != 0:
            print("note: no tmpfs (not root?); leechers write to disk", file=sys.stderr)
    return out


def work_folder(prefix: str, given: str | Path = "") -> Path:
    """The benchmark's work folder: `given` (--work) is kept for the next run to reuse its data;
    a fresh temporary one is removed when the benchmark exits, even on an error or Ctrl-C (runs
    leave gigabytes of model data behind otherwise, and a full disk fails everything after)."""
    import atexit

    if given:
        work = Path(given)
        work.mkdir(parents=True, exist_ok=True)
        return work
    work = Path(tempfile.mkdtemp(prefix=prefix))
    atexit.register(shutil.rmtree, work, True)
    return work


def bench_setup(prefix: str, rounds: int = 3):
    """The command line every swarm benchmark takes (--size-mib, --rounds, --work), its bytecode
    written before anything is timed, and a work folder: (args, work folder, size in bytes)."""
    import argparse

    ap = argparse.ArgumentParser()
    ap.add_argument("--size-mib", type=int, default=1024)
    ap.add_argument("--rounds", type=int, default=rounds)
    ap.add_argument("--work", default="")
    args = ap.parse_args()
    compile_modeldesk(Path(__file__).resolve().parents[1])
    return args, work_folder(prefix, args.work), args.size_mib * 1024 * 1024

