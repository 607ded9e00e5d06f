"""SQLite schema for the library, with PRAGMA user_version and ordered migrations."""

from __future__ import annotations

import sqlite3
from pathlib import Path

# MIGRATIONS[n] brings a version-n database to version n+1. Append; never edit a shipped step.
MIGRATIONS: list[str] = [
    # 0 → 1
    """
    CREATE TABLE jobs (
        job_id          TEXT PRIMARY KEY,
        kind            TEXT NOT NULL,
        name            TEXT NOT NULL,
        source_kind     TEXT NOT NULL,
        source          TEXT NOT NULL,
        torrent         BLOB,
        project_dir     TEXT NOT NULL,
        selection       TEXT NOT NULL DEFAULT '{}',
        files           TEXT NOT NULL DEFAULT '[]',
        state           TEXT NOT NULL,
        size_total      INTEGER NOT NULL DEFAULT 0,
        size_wanted     INTEGER NOT NULL DEFAULT 0,
        size_done       INTEGER NOT NULL DEFAULT 0,
        added_at        REAL NOT NULL,
        finished_at     REAL,
        uploaded        INTEGER NOT NULL DEFAULT 0,
        downloaded      INTEGER NOT NULL DEFAULT 0,
        seeding_seconds INTEGER NOT NULL DEFAULT 0,
        error           TEXT NOT NULL DEFAULT ''
    );
    CREATE TABLE peers_served (
        job_id     TEXT NOT NULL REFERENCES jobs(job_id) ON DELETE CASCADE,
        peer_key   TEXT NOT NULL,
        uploaded   INTEGER NOT NULL DEFAULT 0,
        first_seen REAL NOT NULL,
        PRIMARY KEY (job_id, peer_key)
    );
    """,
    # 1 → 2: how an HTTP job was asked for beyond its source (alternate URLs, sha256, mirrors), as JSON
    """
    ALTER TABLE jobs ADD COLUMN options TEXT NOT NULL DEFAULT '{}'
    """,
    # 2 → 3: where the library has seen each content (by sha256), and the stat it had then: a file
    # whose stat is unchanged is not hashed again, and is placed instead of fetched
    """
    CREATE TABLE blobs (
        path     TEXT PRIMARY KEY,
        sha256   TEXT NOT NULL,
        size     INTEGER NOT NULL,
        mtime_ns INTEGER NOT NULL,
        ctime_ns INTEGER NOT NULL,
        ino      INTEGER NOT NULL,
        nlink    INTEGER NOT NULL
    );
    CREATE INDEX blobs_by_sha256 ON blobs(sha256)
    """,
    # 3 → 4: the other project folders a job's files were placed in (reflink, hard link or copy), besides
    # the folder it downloads and seeds from
    """
    CREATE TABLE placements (
        job_id      TEXT NOT NULL REFERENCES jobs(job_id) ON DELETE CASCADE,
        project_dir TEXT NOT NULL,
        placed_at   REAL NOT NULL,
        PRIMARY KEY (job_id, project_dir)
    )
    """,
    # 4 → 5: whether a peer served was on the user's own network (the thanks board splits LAN and
    # internet); peers recorded before are counted as internet peers
    """
    ALTER TABLE peers_served ADD COLUMN lan INTEGER NOT NULL DEFAULT 0
    """,
    # 5 → 6: whether ModelDesk itself put this content at this path (downloaded, placed, imported or
    # pinned by `lock`), so `sync` can tell its own versions from a user's edit; rows of earlier versions
    # are the user's until ModelDesk writes or locks them again
    """
    ALTER TABLE blobs ADD COLUMN ours INTEGER NOT NULL DEFAULT 0
    """,
    # 6 → 7: jobs the user removed, kept as history (what it was, where, what it gave back, when)
    """
    CREATE TABLE history (
        job_id      TEXT NOT NULL,
        kind        TEXT NOT NULL,
        name        TEXT NOT NULL,
        source_kind TEXT NOT NULL,
        source      TEXT NOT NULL,
        project_dir TEXT NOT NULL,
        size        INTEGER NOT NULL,
        added_at    REAL NOT NULL,
        finished_at REAL,
        removed_at  REAL NOT NULL,
        uploaded    INTEGER NOT NULL,
        downloaded  INTEGER NOT NULL
    )
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)


class NewerLibraryError(RuntimeError):
    pass


def connect(path: Path) -> sqlite3.Connection:
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path), timeout=10.0, isolation_level=None)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA journal_mode=WAL")  # the GUI and a CLI run may share the library
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA synchronous=NORMAL")
    migrate(conn)
    return conn


def migrate(conn: sqlite3.Connection) -> None:
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise NewerLibraryError(
            f"The library was written by a newer ModelDesk (schema {version}); please update ModelDesk."
        )
    while version < SCHEMA_VERSION:
        conn.execute("BEGIN IMMEDIATE")  # one writer; a second process waits, then re-reads
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version < SCHEMA_VERSION:
                for statement in MIGRATIONS[version].split(";"):
                    if statement.strip():
                        conn.execute(statement)
                version += 1
                conn.execute(f"PRAGMA user_version={version}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
