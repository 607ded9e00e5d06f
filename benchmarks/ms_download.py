"""ModelScope repos, side by side on loopback (run by hand, not in CI).

Two local ModelScope hubs (tests/helpers/ms_hub.py, checked against the official client) list one repo:
a model file of --size-mib and a config.json. Each hands its file downloads to its own nginx with
`limit_rate 4m` per connection (like mirror B of http_download.py), as modelscope.cn hands them to its
storage. A local Hugging Face hub lists the same weights with its LFS files behind a third such nginx.

Scenarios, in interleaved rounds (the clients' order rotates every round):

  MS     ModelDesk `get ms://acme/model --mirror MS1 --mirror MS2` (defaults), the official modelscope
         client's snapshot_download (MODELSCOPE_ENDPOINT=MS1: it takes one endpoint), and
         `aria2c -x16 -s16 -k1M` given both hubs' file URLs (with the sha256 check)
  2HUBS  ModelDesk `get hf://acme/model --mirror HF --mirror ms://acme/model` (HF + ModelScope) vs
         ModelDesk from the Hugging Face hub alone (the faster hub: both are 4 MiB/s per connection)

Reports median wall time, ratios, CPU seconds and peak RSS.

    .venv/bin/python -m benchmarks.ms_download [--size-mib 1024] [--rounds 3] [--only MS,2HUBS]
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

from benchmarks.common import compile_modeldesk, installed_env, ram_disk, timed_child, work_folder  # noqa: E402
from tests.helpers.cli import loopback_settings  # noqa: E402
from tests.helpers.hub_server import HubServer  # noqa: E402
from tests.helpers.ms_hub import MsHubServer  # noqa: E402
from tests.helpers.nginx import Nginx  # noqa: E402
from tests.helpers.swarm import write_random  # noqa: E402

MIB = 1024 * 1024
THROTTLE = "limit_rate 4m;"
SDK = """
import sys
from modelscope import snapshot_download
snapshot_download(sys.argv[1], local_dir=sys.argv[2])
"""


class Rig:
    def __init__(self, work: Path, size: int):
        self.hf_root, self.ms_root = work / "hf", work / "ms"
        for root, owner in ((self.hf_root, "acme"), (self.ms_root, "acme")):
            repo = root / owner / "model"
            if not (repo / "model.safetensors").is_file() or (repo / "model.safetensors").stat().st_size != size:
                write_random(repo / "model.safetensors", size)
            (repo / "config.json").write_text('{"arch": "bench"}\n')
        self.ms = [MsHubServer(self.ms_root), MsHubServer(self.ms_root)]
        self.ms_files = [Nginx(self.ms_root, work / f"nginx-ms{i}", location=THROTTLE) for i in range(2)]
        for hub, files in zip(self.ms, self.ms_files, strict=True):
            hub.files_base = files.url
        self.hf = HubServer(self.hf_root)
        self.hf_files = Nginx(self.hf.cdn_dir, work / "nginx-hf", location=THROTTLE)
        self.hf.cdn_base = self.hf_files.url
        with open(self.ms_root / "acme" / "model" / "model.safetensors", "rb") as fh:
            self.sha256 = hashlib.file_digest(fh, "sha256").hexdigest()
        subprocess.run(["cat", str(self.ms_root / "acme" / "model" / "model.safetensors")],
                       stdout=subprocess.DEVNULL, check=True)  # into the page cache

    def stop(self) -> None:
        for p in (*self.ms, self.hf):
            p.stop()
        for n in (*self.ms_files, self.hf_files):
            n.stop()


def _modeldesk(work: Path, out: Path, source: str, mirrors: list[str], env_extra: dict) -> dict:
    home = work / "mdhome"
    shutil.rmtree(home, ignore_errors=True)
    (home / "config").mkdir(parents=True)
    (home / "config" / "settings.json").write_text(json.dumps(loopback_settings()))
    argv = [str(ROOT / ".venv/bin/modeldesk"), "get", source, "--to", str(out), "--json"]
    for m in mirrors:
        argv += ["--mirror", m]
    with open(work / "modeldesk-last.jsonl", "w") as log:
        return timed_child(argv, installed_env(MODELDESK_HOME=str(home), **env_extra), stdout=log)


def run(client: str, rig: Rig, work: Path, out: Path) -> dict:
    ms1, ms2 = rig.ms[0].url, rig.ms[1].url
    if client == "modeldesk":
        return _modeldesk(work, out, "ms://acme/model", [ms1, ms2], {})
    if client == "modelscope-sdk":
        env = installed_env(MODELSCOPE_ENDPOINT=ms1, MODELSCOPE_CACHE=str(work / "ms-cache"),
                            MODELSCOPE_DOWNLOAD_INTRA_CLOUD="false", HOME=str(work / "sdk-home"))
        return timed_child([str(ROOT / ".venv/bin/python"), "-c", SDK, "acme/model", str(out)], env)
    if client == "aria2c":
        commit = rig.ms[0].commit("acme/model")
        urls = [f"{u}/api/v1/models/acme/model/repo?Revision={commit}&FilePath=model.safetensors" for u in (ms1, ms2)]
        return timed_child(["aria2c", "-x16", "-s16", "-k1M", f"--checksum=sha-256={rig.sha256}", "--dir", str(out),
                            "-o", "model.safetensors", "--allow-overwrite=true", "--console-log-level=warn",
                            "--summary-interval=0", "--file-allocation=falloc", *urls])
    if client == "modeldesk hf+ms":
        return _modeldesk(work, out, "hf://acme/model", [rig.hf.url, "ms://acme/model"],
                          {"MODELSCOPE_ENDPOINT": ms1})
    if client == "modeldesk hf alone":
        return _modeldesk(work, out, "hf://acme/model", [rig.hf.url], {})
    raise ValueError(client)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--size-mib", type=int, default=1024)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--only", default="", help="MS, 2HUBS")
    ap.add_argument("--work", default="")
    args = ap.parse_args()
    compile_modeldesk(ROOT)
    work = work_folder("md-ms-bench-", args.work)
    scenarios = [("MS", ["modeldesk", "modelscope-sdk", "aria2c"]),
                 ("2HUBS", ["modeldesk hf+ms", "modeldesk hf alone"])]
    if args.only:
        scenarios = [s for s in scenarios if s[0] in set(args.only.split(","))]
    rig = Rig(work, args.size_mib * MIB)
    out_root = ram_disk(work)
    results: dict[tuple[str, str], list[dict]] = {}
    try:
        for i in range(args.rounds):
            for label, clients in scenarios:
                for client in clients[i % len(clients):] + clients[: i % len(clients)]:
                    out = out_root / "out"
                    shutil.rmtree(out, ignore_errors=True)
                    out.mkdir(parents=True)
                    time.sleep(0.3)
                    r = run(client, rig, work, out)
                    got = out / "model.safetensors"
                    if r.get("code", 0) != 0 or not got.is_file() or got.stat().st_size != args.size_mib * MIB:
                        raise SystemExit(f"{client} failed: {r}")
                    shutil.rmtree(out, ignore_errors=True)
                    results.setdefault((label, client), []).append(r)
                    print(f"round {i + 1} {label:6} {client:20} {r['wall']:7.2f} s "
                          f"{args.size_mib / r['wall']:7.1f} MiB/s cpu {r['cpu']:6.2f} s rss {r['rss_mib']:6.1f} MiB",
                          flush=True)
    finally:
        rig.stop()
        subprocess.run(["umount", str(out_root)], capture_output=True)
    print(f"\nmedians of {args.rounds} interleaved rounds; 'vs first' = that client's time / the first's")
    for label, clients in scenarios:
        first = statistics.median(r["wall"] for r in results[(label, clients[0])])
        for client in clients:
            rs = results[(label, client)]
            wall = statistics.median(r["wall"] for r in rs)
            print(f"{label:6} {client:20} {wall:7.2f} s  vs first {wall / first:5.2f}  "
                  f"cpu {statistics.median(r['cpu'] for r in rs):6.2f} s  "
                  f"peak RSS {max(r['rss_mib'] for r in rs):6.1f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
