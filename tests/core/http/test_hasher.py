"""PrefixHasher follows the finished prefix of a file being written and ends with the same digests
as hashing the whole file afterwards."""

from __future__ import annotations

import hashlib
import os
import threading
import time

from modeldesk.core.http.hasher import BLOCK, PrefixHasher


def test_hashes_while_bytes_arrive_and_matches_the_whole_file(tmp_path):
    data = os.urandom(5 * BLOCK + 1234)
    path = tmp_path / "f.part"
    fd = os.open(path, os.O_RDWR | os.O_CREAT)
    os.ftruncate(fd, len(data))
    done = [0]
    lock = threading.Lock()

    def prefix():
        with lock:
            return done[0]

    h = PrefixHasher(fd, len(data), prefix, sha256=True, git_sha1=True).start()
    step = BLOCK // 2
    for pos in range(0, len(data), step):
        os.pwrite(fd, data[pos:pos + step], pos)
        with lock:
            done[0] = min(len(data), pos + step)
        time.sleep(0.01)
    deadline = time.monotonic() + 5
    while h.pos < 4 * BLOCK and time.monotonic() < deadline:
        time.sleep(0.01)
    assert h.pos >= 4 * BLOCK, "the hasher keeps up with the finished prefix while the file is written"
    sha256, sha1 = h.finish()
    os.close(fd)
    assert sha256 == hashlib.sha256(data).hexdigest()
    assert sha1 == hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def test_reads_into_a_buffer_where_the_file_cannot_be_mapped(tmp_path, monkeypatch):
    import modeldesk.core.http.hasher as hasher_module

    def refuse(fd, offset, length):  # as mmap does on a file system without it (ENODEV)
        raise OSError(19, "No such device")

    monkeypatch.setattr(hasher_module, "_map", refuse)
    data = os.urandom(3 * BLOCK + 77)
    path = tmp_path / "f.part"
    path.write_bytes(data)
    fd = os.open(path, os.O_RDWR)
    try:
        h = PrefixHasher(fd, len(data), lambda: len(data), sha256=True, git_sha1=False).start()
        sha256, sha1 = h.finish()
    finally:
        os.close(fd)
    assert sha256 == hashlib.sha256(data).hexdigest() and sha1 is None


def test_a_prefix_that_ends_inside_a_window_is_hashed_once(tmp_path):
    from modeldesk.core.http.hasher import WINDOW

    data = os.urandom(WINDOW + 3 * 4096 + 5)
    path = tmp_path / "f.part"
    path.write_bytes(data)
    fd = os.open(path, os.O_RDWR)
    try:
        h = PrefixHasher(fd, len(data), lambda: 0, sha256=True, git_sha1=False).start()  # its follower waits
        for upto in (4097, 4097, WINDOW - 1, WINDOW + 9000, len(data)):  # unaligned stops, one repeated
            h._feed(upto)
            assert h.pos == upto
        sha256, _ = h.finish()
    finally:
        os.close(fd)
    assert sha256 == hashlib.sha256(data).hexdigest()
