"""What a power cut could leave of a download, read from the real program's syscalls (strace).

A kill leaves the page cache to the kernel; a power cut does not. What ModelDesk writes to say which
bytes it has must never reach the disk before those bytes:
- an HTTP file's map of finished ranges (.mdpart.map): a file with no published hash has nothing to be
  checked against at the end, and a resumed run would call it complete with holes in it;
- a torrent's resume data, which libtorrent trusts on the next start without checking the pieces.
nginx and a bare libtorrent seed serve; all on 127.0.0.1."""

from __future__ import annotations

import json

import libtorrent as lt
import pytest

from tests.helpers.nginx import Nginx
from tests.helpers.strace import calls, first_string, quoted, strace_prefix
from tests.helpers.swarm import LtPeer, make_model, make_torrent, random_payload

pytestmark = pytest.mark.integration

MiB = 1024 * 1024


def _covered(ranges: list[tuple[int, int]], a: int, b: int) -> bool:
    pos = a
    for x, y in sorted(ranges):
        if x <= pos < y:
            pos = y
        if pos >= b:
            return True
    return pos >= b


def test_no_map_names_bytes_that_were_not_synced_and_the_file_is_synced_before_its_name(md, tmp_path):
    www, f, _sha = random_payload(tmp_path / "www", 12 * MiB + 4321)
    proj, trace = tmp_path / "proj", tmp_path / "strace.txt"
    with Nginx(www, tmp_path / "ngx", "limit_rate 1m;") as web:  # 4 connections at 1 MiB/s: 3 s, 3 maps
        md.prefix = strace_prefix(trace)
        r = md.run("get", f"{web.url}/model.safetensors", "--to", str(proj), "--connections", "4", "--json")
        md.prefix = []
    assert r.code == 0, r.stderr
    assert (proj / "model.safetensors").read_bytes() == f.read_bytes()

    final = str(proj / "model.safetensors")
    part, sidecar = final + ".mdpart", final + ".mdpart.map"
    fd_path: dict[int, str] = {}
    written: list[tuple[int, int, int]] = []  # (where the pwrite ended, first byte, end)
    synced: list[int] = []  # where each sync of the partial file began
    maps: dict[str, str] = {}  # temporary map file -> what was written to it
    checked, named = 0, False
    for i, c in enumerate(calls(trace)):
        if c.name == "openat":
            if c.ret >= 0:
                fd_path[c.ret] = first_string(c.args)
            continue
        if c.name in ("pwrite64", "write", "fsync", "fdatasync"):
            path = fd_path.get(int(c.args.split(",")[0]))
            if c.name == "pwrite64" and path == part and c.ret > 0:
                offset = int(c.args.rsplit(",", 1)[1])
                written.append((i, offset, offset + c.ret))
            elif c.name in ("fsync", "fdatasync") and path == part:
                synced.append(c.started)
            elif c.name == "write" and path and path.startswith(str(proj / ".model.safetensors.mdpart.map.")):
                maps[path] = first_string(c.args)
            continue
        src, dst = quoted(c.args)[-2:]
        if dst == sidecar:
            sync = max((s for s in synced if s < i), default=None)
            assert sync is not None, "a map of finished ranges was written before any sync of the partial file"
            on_disk = [(a, b) for end, a, b in written if end < sync]
            for a, b, _mirror in json.loads(maps[src])["done"]:
                assert _covered(on_disk, a, b), f"map {checked + 1} names bytes {a}-{b} that no sync before it covered"
            checked += 1
        elif src == part and dst == final:
            last_write = max(end for end, _a, _b in written)
            assert any(last_write < s < i for s in synced), "the file took its name before its last bytes were synced"
            named = True
    assert named, "no rename of the partial file to its name was seen"
    assert checked >= 2, f"only {checked} maps of finished ranges were written: the check saw too little"
    print(f"power cut, HTTP: {checked} maps checked against {len(synced)} syncs and {len(written)} writes")


def test_resume_data_and_the_finished_model_come_after_their_files_are_synced(md, tmp_path):
    top = make_model(tmp_path / "seed", "m", sizes={"model.safetensors": 12 * MiB, "config.json": 300})
    torrent = tmp_path / "m.torrent"
    make_torrent(top, torrent)
    trace = tmp_path / "strace.txt"
    with LtPeer("seed", torrent, top.parent, tmp_path, upload_limit=3 * MiB) as seed:  # 4 s: 3 or more saves
        md.prefix = strace_prefix(trace)
        magnet = f"{lt.make_magnet_uri(lt.torrent_info(str(torrent)))}&x.pe=127.0.0.1:{seed.port}"
        r = md.run("get", magnet, "--to", str(tmp_path / "proj"), "--no-seed", "--json")
        md.prefix = []
    assert r.code == 0, r.stderr
    assert (tmp_path / "proj" / "m" / "model.safetensors").read_bytes() == (top / "model.safetensors").read_bytes()

    weights = str(tmp_path / "proj" / "m" / "model.safetensors")
    fd_path: dict[int, str] = {}
    written = False  # libtorrent has written to the weights since the last resume data
    synced = False  # ... and they were synced after that
    saves, last_write, last_sync, finished = 0, -1, -1, None
    for i, c in enumerate(calls(trace)):
        if c.name == "write" and c.args.startswith("1,") and '\\"event\\":\\"finished\\"' in c.args:
            finished = (last_write, last_sync)  # the command line says the model is complete
            continue
        if c.name == "openat":
            if c.ret >= 0:
                fd_path[c.ret] = first_string(c.args)
            continue
        if c.name in ("pwrite64", "pwritev", "pwritev2", "write", "fsync", "fdatasync"):
            path = fd_path.get(int(c.args.split(",")[0]), "")
            if path.startswith(weights) and c.name.startswith("pwrite") and c.ret > 0:
                written, synced, last_write = True, False, i
            elif path.startswith(weights) and c.name in ("fsync", "fdatasync"):
                synced, last_sync = synced or written, max(last_sync, c.started)
            continue
        src, dst = quoted(c.args)[-2:]
        if dst.endswith(".fastresume") and written:
            assert synced, f"resume data {saves + 1} was written with the weights' last bytes not synced"
            saves += 1
            written = synced = False
    assert saves >= 2, f"only {saves} resume data files came after writes: the check saw too little"
    assert finished is not None, "no finished event was seen"
    assert finished[0] < finished[1], "the model was called complete before its last bytes were synced"
    print(f"power cut, torrent: {saves} resume data saves checked")
