"""What a colleague's client (or anyone on the LAN) sends the lab server: any path, query, body, Range
and Host. The routes answer with a status, never an exception, and the only file they ever hand to the
sender is one the catalog lists, at the place the manifest put it."""

from __future__ import annotations

from pathlib import Path

from hypothesis import example, given, strategies as st

from modeldesk.core.serve.catalog import Catalog, ServedFile, Snapshot
from modeldesk.core.serve.hf_routes import hf_answer
from modeldesk.core.serve.http_server import LabHttp, parse_listen
from modeldesk.core.serve.repos import Repos
from modeldesk.core.serve.request import Request, byte_range
from tests.fuzz.strategies import hostile_text

C = "0123456789abcdef0123456789abcdef01234567"
FILES = {"config.json": ServedFile("config.json", 10, None, "a" * 40, Path("/models/tts/config.json")),
         "w/model.bin": ServedFile("w/model.bin", 100, "b" * 64, None, Path("/models/tts/w/model.bin"))}
SNAP = Snapshot("hf", "acme/tts", C, "main", Path("/models/tts"), FILES, 0.0)


class OneRepo(Catalog):
    """The catalog of a library holding acme/tts at one commit (no library read)."""

    def __init__(self):
        super().__init__(Path("/nonexistent.db"))

    def snapshots(self) -> list[Snapshot]:
        return [SNAP]


_paths = st.one_of(
    hostile_text,
    st.tuples(st.sampled_from(["/", "/api/models/", "/api/datasets/", "/acme/tts/resolve/", "/datasets/",
                               "/api/models/acme/tts/tree/", "/api/models/acme/tts/paths-info/",
                               "/acme/tts/resolve/main/", f"/acme/tts/resolve/{C}/"]), hostile_text).map("".join),
)


@given(st.sampled_from(["GET", "HEAD", "POST"]), _paths, hostile_text, st.binary(max_size=300),
       st.sampled_from(["", "application/json", "application/x-www-form-urlencoded"]))
@example("GET", "/acme/tts/resolve/main/../../etc/passwd", "", b"", "")
@example("GET", "/acme/tts/resolve/main/w%2F..%2F..%2Fetc%2Fpasswd", "", b"", "")
@example("POST", "/api/models/acme/tts/paths-info/main", "", b'{"paths": [1, null, "../x", "w"]}', "application/json")
@example("POST", "/api/models/acme/tts/paths-info/main", "", b"paths=%00&paths=w", "")
def test_any_request_gets_a_status_and_only_listed_files(method, path, query, body, ctype):
    request = Request(method, path, query, body, {"Content-Type": ctype}, "127.0.0.1")
    answer = hf_answer(Repos(OneRepo(), None), request)
    if answer is None:
        return
    assert 200 <= answer.status < 600
    if answer.file is not None:
        snap, f = answer.file
        assert snap is SNAP and FILES.get(f.path) is f


@given(hostile_text, st.integers(min_value=0, max_value=10**12))
@example("bytes=-0", 10)
@example("bytes=5-2", 10)
@example("bytes=0-", 0)
def test_a_range_is_inside_the_file_or_refused(header, size):
    span = byte_range(header, size)
    if isinstance(span, tuple):
        start, end = span
        assert 0 <= start < end <= size


@given(hostile_text)
@example("[::1]:99999")
@example(":")
def test_listen_takes_host_port_or_says_why(text):
    try:
        host, port = parse_listen(text)
    except ValueError:
        return
    assert 0 <= port < 65536 and host


_LISTENER = LabHttp(lambda *a: None, "127.0.0.1", 0)  # bound, never started: only its names are asked
_LISTENER.stop()


@given(hostile_text)
@example("attacker.example:8690")
@example("127.0.0.1.nip.io")
def test_a_host_header_is_allowed_only_for_an_address_or_our_names(header):
    allowed = _LISTENER.host_allowed(header)
    if header and allowed:
        name = header.rsplit(":", 1)[0].strip("[]").lower() if not header.startswith("[") else header
        assert "attacker" not in name and "nip.io" not in name
