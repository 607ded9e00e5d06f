"""Payloads, torrents and bare libtorrent peers for swarm tests. Everything binds to 127.0.0.1."""

from __future__ import annotations

import os
import hashlib
import random
import subprocess
import sys
import threading
import time
from pathlib import Path

import libtorrent as lt

HELPERS = Path(__file__).parent

# A small hub-style model: one LFS weight, a git-stored config, an LFS file in a subfolder.
HUB_SIZES = {"model.safetensors": 3 * 1024 * 1024 + 17, "config.json": 321, "tokenizer/vocab.txt": 40 * 1024 + 7}


def random_payload(www: Path, size: int, name: str = "model.safetensors") -> tuple[Path, Path, str]:
    """A random file for mirrors to serve: (its folder, the file, its sha256 hex)."""
    f = www / name
    write_random(f, size)
    return www, f, sha(f)


def sha(path: Path) -> str:
    """sha256 hex of a file."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_random(path: Path, size: int, seed: int = 0) -> None:
    """Deterministic incompressible bytes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    rng = random.Random(f"{seed}:{path.name}")
    with open(path, "wb") as f:
        left = size
        while left > 0:
            n = min(left, 4 * 1024 * 1024)
            f.write(rng.randbytes(n))
            left -= n


def make_model(root: Path, name: str = "tts-model", sizes: dict[str, int] | None = None) -> Path:
    """A model folder like the ones our users fetch: weights, config, sample audio."""
    sizes = sizes or {
        "models/weights.safetensors": 6 * 1024 * 1024 + 123,
        "models/config.json": 700,
        "samples/demo.wav": 2 * 1024 * 1024 + 5,
        "README.md": 300,
    }
    top = root / name
    for i, (rel, size) in enumerate(sizes.items()):
        write_random(top / rel, size, seed=i)
    return top


def make_torrent(top: Path, out: Path, piece_size: int = 256 * 1024, trackers=(), web_seeds=(),
                 hybrid: bool = False, v2_only: bool = False) -> str:
    """Create a .torrent for a folder (or single file) with libtorrent; returns the v1 info-hash (zeros
    for v2_only). hybrid: v1 + v2 with pad files between files, as libtorrent makes by default."""
    flags = lt.create_torrent.v2_only if v2_only else 0 if hybrid else lt.create_torrent.v1_only
    ct = lt.create_torrent(lt.list_files(str(top)), piece_size, flags=flags)
    for t in trackers:
        ct.add_tracker(t)
    for w in web_seeds:
        ct.add_url_seed(w)
    lt.set_piece_hashes(ct, str(top.parent))
    out.write_bytes(lt.bencode(ct.generate()))
    return str(lt.torrent_info(str(out)).info_hashes().v1)


def wait_for_file(path: Path, timeout: float = 20.0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists():
            text = path.read_text().strip()
            if text:
                return text
        time.sleep(0.05)
    raise TimeoutError(f"{path} did not appear")


class LtPeer:
    """A bare libtorrent peer process (tests/helpers/lt_peer.py)."""

    def __init__(self, mode: str, torrent: Path, folder: Path, workdir: Path, peers=(), download_limit: int = 0,
                 upload_limit: int = 0, pex: bool = True, port: int = 0, stay: bool = False):
        """stay: a leecher seeds on once complete; `done` is set when it says it has everything."""
        self.done = threading.Event()
        self.port_file = workdir / f"{mode}-{time.monotonic_ns()}.port"
        self.proc = subprocess.Popen(
            [sys.executable, str(HELPERS / "lt_peer.py"), mode, str(torrent), str(folder), str(self.port_file),
             *peers],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env={**os.environ, "LT_PEER_DOWNLOAD_LIMIT": str(download_limit),
                 "LT_PEER_UPLOAD_LIMIT": str(upload_limit), "LT_PEER_PORT": str(port),
                 **({} if pex else {"LT_PEER_NO_PEX": "1"}), **({"LT_PEER_STAY": "1"} if stay else {})},
        )
        if stay:
            threading.Thread(target=self._watch, daemon=True).start()
        try:
            self.port = int(wait_for_file(self.port_file))
        except TimeoutError:
            self.stop()
            raise

    def _watch(self) -> None:
        for line in self.proc.stdout:  # type: ignore[union-attr]
            if line.startswith("done"):
                self.done.set()

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(10)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()
