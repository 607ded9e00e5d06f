"""HTTP faults beyond a misbehaving mirror: no mirror serving ranges, a busy mirror (429 with
Retry-After), a full disk, a project folder that is a file, hostile names in a repo listing.
Each ends with a clear message and nothing already on disk lost."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal

import pytest

from tests.helpers.cli import read_events
from tests.helpers.disk import small_disk
from tests.helpers.faulty_http import FaultyServer
from tests.helpers.hub_server import HubServer, git_blob_sha1
from tests.helpers.nginx import Nginx
from tests.helpers.swarm import random_payload, write_random

pytestmark = pytest.mark.integration

MiB = 1024 * 1024


@pytest.fixture
def payload(tmp_path):
    return random_payload(tmp_path / "www", 6 * MiB + 321)


def test_no_mirror_serves_ranges_so_one_stream_fetches_it(md, tmp_path, payload):
    www, f, sha = payload
    with FaultyServer(www, "norange") as plain:
        r = md.run("get", f"{plain.url}/model.safetensors", "--to", str(tmp_path / "proj"), "--sha256", sha,
                   "--connections", "4")
        gets = plain.gets()
    assert r.code == 0, r.stderr
    assert (tmp_path / "proj" / "model.safetensors").read_bytes() == f.read_bytes()
    assert gets <= 4 + 1, "after the first 200s to Range requests, a single stream, not a retry storm"


def test_busy_mirror_is_left_alone_for_its_retry_after(md, tmp_path, payload):
    www, f, sha = payload
    with FaultyServer(www, "busy:2") as busy:
        r = md.run("get", f"{busy.url}/model.safetensors", "--to", str(tmp_path / "proj"), "--sha256", sha,
                   "--connections", "4")
        times = list(busy.get_times)
    assert r.code == 0, r.stderr
    assert (tmp_path / "proj" / "model.safetensors").read_bytes() == f.read_bytes()
    refused = [t for t, code in times if code == 429]
    served = [t for t, code in times if code == 200]
    assert refused and served
    assert len(refused) <= 4, f"one request per connection at most while told to wait, got {len(refused)}"
    assert served[0] - refused[0] >= 2.9, "Retry-After: 3 is honoured before asking again"


def test_full_disk_is_named_and_nothing_there_is_lost(md, tmp_path, payload):
    www, f, sha = payload
    with small_disk(tmp_path / "small", 2048) as disk:
        keep = disk / "notes.txt"
        keep.write_text("my notes\n")
        with Nginx(www, tmp_path / "ngx") as web:
            r = md.run("get", f"{web.url}/model.safetensors", "--to", str(disk), "--sha256", sha)
        assert r.code == 4, r.stderr
        assert "free space" in r.stderr.lower() and str(disk) in r.stderr and "Traceback" not in r.stderr
        assert keep.read_text() == "my notes\n"
        assert sorted(p.name for p in disk.iterdir()) == ["notes.txt"], "no half-written file left behind"


def test_project_folder_that_is_a_file(md, tmp_path, payload):
    www, f, sha = payload
    target = tmp_path / "proj"
    target.write_text("not a folder\n")
    with Nginx(www, tmp_path / "ngx") as web:
        r = md.run("get", f"{web.url}/model.safetensors", "--to", str(target), "--sha256", sha)
    assert r.code in (2, 4), r.stderr
    assert str(target) in r.stderr and "Traceback" not in r.stderr
    assert target.read_text() == "not a folder\n"


def test_repo_file_whose_folder_is_a_file_in_the_project(md, tmp_path):
    root = tmp_path / "hub"
    write_random(root / "acme" / "m" / "weights" / "model.safetensors", 2 * MiB)
    out = tmp_path / "proj"
    out.mkdir()
    (out / "weights").write_text("someone's file\n")
    with HubServer(root) as hub:
        r = md.run("get", "hf://acme/m", "--mirror", hub.url, "--to", str(out))
    assert r.code in (2, 4), r.stderr
    assert "weights" in r.stderr and "Traceback" not in r.stderr
    assert (out / "weights").read_text() == "someone's file\n"


@pytest.mark.parametrize("evil", ["../escape.bin", "sub/../../escape.bin", "/abs/escape.bin"])
def test_listing_with_names_outside_the_folder_is_refused(md, tmp_path, evil):
    root = tmp_path / "hub"
    repo = root / "acme" / "m"
    write_random(repo / "model.safetensors", 64 * 1024)
    out = tmp_path / "projects" / "p"
    with HubServer(root) as hub:
        data = b"hostile\n"
        src = tmp_path / "evil-src"
        src.write_bytes(data)
        entry = {"type": "file", "oid": git_blob_sha1(data), "size": len(data), "path": evil}
        hub.repos["acme/m"]["files"][evil] = (entry, src)
        r = md.run("get", "hf://acme/m", "--mirror", hub.url, "--to", str(out))
    assert r.code == 2, r.stderr
    assert "outside the project folder" in r.stderr and evil in r.stderr
    assert not list(tmp_path.rglob("escape.bin")), "nothing written under the hostile name"
    assert not (out / "model.safetensors").exists(), "a hostile listing is refused before any download"


def test_resuming_a_preallocated_part_on_a_nearly_full_disk_needs_no_more_space(md, tmp_path, payload):
    """A .part that an earlier run preallocated in full (as on ext4 or xfs) already holds every
    byte the file needs: resuming must not ask for the missing bytes' space a second time."""
    www, f, sha = payload
    size = f.stat().st_size
    with small_disk(tmp_path / "small", 8 * 1024) as disk:
        with Nginx(www, tmp_path / "ngx", "limit_rate 512k;") as slow:
            proc = md.popen("get", f"{slow.url}/model.safetensors", "--to", str(disk), "--sha256", sha, "--json",
                            "--connections", "2")
            try:
                for e in read_events(proc):
                    if e["event"] == "progress" and e["progress"] > 0.2:
                        break
            finally:
                proc.send_signal(signal.SIGKILL)
                proc.wait(10)
        part = disk / "model.safetensors.mdpart"
        with open(part, "r+b") as fh:
            os.posix_fallocate(fh.fileno(), 0, size)  # what the first run left on a disk file system
        with open(disk / "filler", "wb") as fh, contextlib.suppress(OSError):
            fh.write(b"\0" * (8 * MiB))  # the rest of the disk fills up meanwhile
        assert shutil.disk_usage(disk).free < size // 2
        with Nginx(www, tmp_path / "ngx2") as fast:
            r = md.run("get", f"{fast.url}/model.safetensors", "--to", str(disk), "--sha256", sha)
        assert r.code == 0, r.stderr
        assert (disk / "model.safetensors").read_bytes() == f.read_bytes()


def test_a_trickle_is_a_stall_and_the_job_ends(md, tmp_path, payload):
    """Two bytes a second per connection never trip a read timeout; the speed floor ends it."""
    www, f, sha = payload
    with FaultyServer(www, "trickle") as slow:
        r = md.run("get", f"{slow.url}/model.safetensors", "--to", str(tmp_path / "proj"), "--sha256", sha,
                   "--stall-timeout", "3", "--timeout", "10", "--connections", "2", timeout=150)
    assert r.code == 3, (r.code, r.stderr)
    assert "too slow" in r.stderr and "Traceback" not in r.stderr


def test_a_mirror_whose_content_range_names_another_size_is_dropped(md, tmp_path, payload):
    www, f, sha = payload
    with FaultyServer(www, "badtotal") as liar, FaultyServer(www, "ok") as honest:
        alone = md.run("get", f"{liar.url}/model.safetensors", "--to", str(tmp_path / "a"))
        both = md.run("get", f"{liar.url}/model.safetensors", "--url", f"{honest.url}/model.safetensors",
                      "--to", str(tmp_path / "b"), "--connections", "4")
    assert alone.code == 3 and "says the file is" in alone.stderr, alone.stderr
    assert not (tmp_path / "a" / "model.safetensors").exists()
    assert both.code == 0, both.stderr
    assert (tmp_path / "b" / "model.safetensors").read_bytes() == f.read_bytes()


def test_a_file_without_a_sha256_is_marked_unverified(md, tmp_path, payload):
    www, f, sha = payload
    with FaultyServer(www, "ok") as srv:
        plain = md.run("get", f"{srv.url}/model.safetensors", "--to", str(tmp_path / "a"), "--json")
        checked = md.run("get", f"{srv.url}/model.safetensors", "--to", str(tmp_path / "b"), "--json",
                         "--sha256", sha)
        text = md.run("get", f"{srv.url}/model.safetensors", "--to", str(tmp_path / "c"))
    assert plain.last("finished")["unverified"] == ["model.safetensors"]
    assert checked.last("finished")["unverified"] == []
    assert "NOT verified" in text.stdout and "--sha256" in text.stdout
