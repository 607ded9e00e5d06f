import sqlite3

import pytest

from modeldesk.core.library import schema
from modeldesk.core.library.store import Library
from modeldesk.core.sources.adds import HttpAdd, restore_add
from modeldesk.core.contracts.models import JobKind, JobSnapshot, JobState, PeerServed, Selection


def _snap(job_id, **kw):
    base = dict(job_id=job_id, kind=JobKind.BT, name="m", state=JobState.DOWNLOADING, progress=0.5,
                total_wanted=100, total_done=50, down_rate=1, up_rate=0, peers=1, seeds=1, uploaded=0,
                downloaded=50, session_downloaded=50, seeding_seconds=0, eta_seconds=5)
    base.update(kw)
    return JobSnapshot(**base)


@pytest.fixture
def lib(tmp_path):
    lib = Library(tmp_path / "lib.sqlite3")
    yield lib
    lib.close()


def _add(lib, job_id="a" * 40, project="/p"):
    lib.add_job(job_id=job_id, kind=JobKind.BT, name="m", source_kind="magnet", source="magnet:?x",
                torrent=None, project_dir=project, selection=Selection(("models/**",), ("*.wav",)))


def test_a_job_keeps_its_history_when_added_again(lib):
    _add(lib)
    lib.update_progress([_snap("a" * 40, uploaded=70, downloaded=100, total_done=100)])
    lib.record_peers([PeerServed("a" * 40, "k1", 10), PeerServed("a" * 40, "k2", 60)])
    _add(lib)
    e = lib.get("a" * 40)
    assert e.uploaded == 70 and e.downloaded == 100 and e.peers_served == 2
    assert e.selection == Selection(("models/**",), ("*.wav",))
    assert e.state is JobState.QUEUED


def test_totals_never_go_backwards(lib):
    _add(lib)
    lib.update_progress([_snap("a" * 40, uploaded=500, downloaded=90)])
    lib.update_progress([_snap("a" * 40, uploaded=10, downloaded=5)])  # a late, stale tick
    e = lib.get("a" * 40)
    assert (e.uploaded, e.downloaded) == (500, 90)


def test_same_peer_counts_once(lib):
    _add(lib)
    lib.record_peers([PeerServed("a" * 40, "k1", 10)])
    lib.record_peers([PeerServed("a" * 40, "k1", 30)])
    assert lib.get("a" * 40).peers_served == 1


def test_peers_on_the_users_network_are_counted_apart(lib):
    _add(lib)
    lib.record_peers([PeerServed("a" * 40, "k1", 100, lan=True), PeerServed("a" * 40, "k2", 30),
                      PeerServed("a" * 40, "k3", 7)])
    e = lib.get("a" * 40)
    assert (e.peers_served, e.peers_served_lan, e.uploaded_lan, e.uploaded_internet) == (3, 1, 100, 37)


def test_a_version_4_library_keeps_its_peers_as_internet_peers(tmp_path):
    path = tmp_path / "lib.sqlite3"
    conn = sqlite3.connect(path)
    conn.executescript(";".join(schema.MIGRATIONS[:4]) + "; PRAGMA user_version=4;")
    conn.execute("INSERT INTO jobs (job_id, kind, name, source_kind, source, project_dir, state, added_at) "
                 "VALUES ('t1', 'bt', 'm', 'magnet', 'magnet:?', '/p', 'finished', 1.0)")
    conn.execute("INSERT INTO peers_served (job_id, peer_key, uploaded, first_seen) VALUES ('t1', 'k', 5, 1.0)")
    conn.commit()
    conn.close()
    lib = Library(path)
    try:
        e = lib.get("t1")
        assert (e.peers_served, e.peers_served_lan, e.uploaded_internet) == (1, 0, 5)
    finally:
        lib.close()


def test_finish_and_stop_states(lib):
    _add(lib, "a" * 40)
    _add(lib, "b" * 40)
    lib.update_progress([_snap("a" * 40, state=JobState.SEEDING, total_done=100),
                         _snap("b" * 40, state=JobState.DOWNLOADING, total_done=40)])
    lib.mark_stopped(["a" * 40, "b" * 40])
    assert lib.get("a" * 40).state is JobState.FINISHED
    assert lib.get("b" * 40).state is JobState.PAUSED


def test_schema_is_versioned_and_newer_is_refused(tmp_path):
    path = tmp_path / "lib.sqlite3"
    Library(path).close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
    conn.execute(f"PRAGMA user_version={schema.SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    with pytest.raises(schema.NewerLibraryError):
        Library(path)


def test_a_version_1_library_is_migrated_and_keeps_its_jobs(tmp_path):
    path = tmp_path / "lib.sqlite3"
    conn = sqlite3.connect(path)
    conn.executescript(schema.MIGRATIONS[0] + "; PRAGMA user_version=1;")
    conn.execute("INSERT INTO jobs (job_id, kind, name, source_kind, source, project_dir, state, added_at) "
                 "VALUES ('u1', 'http', 'w.bin', 'url', 'http://m/w.bin', '/p', 'paused', 1.0)")
    conn.commit()
    conn.close()
    lib = Library(path)
    try:
        e = lib.get("u1")
        assert e.source == "http://m/w.bin" and e.options == {}
        assert restore_add(e, None) == HttpAdd(("http://m/w.bin",), "/p", job_id="u1")
    finally:
        lib.close()


def test_http_jobs_come_back_with_their_mirrors_and_checksum(lib):
    """What `get URL --url ALT --sha256 HEX --connections 4` asked for survives a restart."""
    lib.add_job(job_id="u2", kind=JobKind.HTTP, name="w.bin", source_kind="url", source="http://a/w.bin",
                torrent=None, project_dir="/p", selection=Selection(),
                options={"urls": ["http://a/w.bin", "http://b/w.bin"], "sha256": "ab" * 32, "connections": 4,
                         "limits": [1000, 0]})
    lib.add_job(job_id="h1", kind=JobKind.HTTP, name="acme/m", source_kind="hf", source="hf://acme/m@" + "c" * 40,
                torrent=None, project_dir="/p", selection=Selection(("*.json",)),
                options={"mirrors": ["http://hub-mirror"], "connections": None})
    assert restore_add(lib.get("u2"), None) == HttpAdd(("http://a/w.bin", "http://b/w.bin"), "/p", "ab" * 32, 4,
                                                       limits=(1000, 0), job_id="u2")
    hub = restore_add(lib.get("h1"), None)
    assert hub.mirrors == ("http://hub-mirror",) and hub.selection == Selection(("*.json",))
    assert hub.job_id == "h1", "a restored job keeps its id even if its folder moved since it was planned"
    lib.update_options("h1", limits=[0, 5])
    assert lib.get("h1").limits == (0, 5) and lib.get("h1").options["mirrors"] == ["http://hub-mirror"]
    assert hub.ref.revision == "c" * 40 and hub.connections is None
