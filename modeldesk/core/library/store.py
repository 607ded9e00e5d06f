"""Library reads and writes. One Library object per thread (sqlite3 connections are not shared)."""

from __future__ import annotations

import errno
import json
import sqlite3
import time
from pathlib import Path
from collections.abc import Callable, Iterable
from concurrent.futures import Future

from modeldesk.core.base.constants import ENV_HOME
from modeldesk.core.base.errors import TargetDirError
from modeldesk.core.library.blobs import BlobIndex
from modeldesk.core.library.schema import connect
from modeldesk.core.base.messages import N_, Message
from modeldesk.core.base.os_reasons import os_reason
from modeldesk.core.contracts.models import (
    FileEntry,
    JobKind,
    JobSnapshot,
    JobState,
    LibraryEntry,
    PeerServed,
    Selection,
)


# How an engine reaches the library: fn(library) runs on the library's writer thread.
InLibrary = Callable[[Callable[["Library"], object]], Future]


class Library:
    def __init__(self, db_path: Path):
        try:
            self._conn: sqlite3.Connection = connect(db_path)
        except OSError as exc:  # its folder is a file, lies below one, or cannot be made
            if exc.errno == errno.ENOSPC:
                raise  # a full disk: the manager's LibraryWriteError says so (exit 4)
            raise TargetDirError(N_("The library {path} cannot be opened: {reason}. Fix its folder, or set "
                                    "{ENV_HOME} to a folder you can write to."),
                                 path=db_path, reason=os_reason(exc), ENV_HOME=ENV_HOME) from None

    def close(self) -> None:
        self._conn.close()

    @property
    def blobs(self) -> BlobIndex:
        """The index of contents the library has seen, by sha256."""
        return BlobIndex(self._conn)

    # ---- writes ------------------------------------------------------------------------
    def add_job(
        self,
        *,
        job_id: str,
        kind: JobKind,
        name: str,
        source_kind: str,
        source: str,
        torrent: bytes | None,
        project_dir: str,
        selection: Selection,
        options: dict | None = None,
    ) -> None:
        """Record a job; re-adding keeps its history (totals, peers served, added time)."""
        sel = json.dumps({"include": list(selection.include), "exclude": list(selection.exclude)})
        self._conn.execute(
            """INSERT INTO jobs (job_id, kind, name, source_kind, source, torrent, project_dir,
                                 selection, state, added_at, options)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT(job_id) DO UPDATE SET
                 name=excluded.name, source_kind=excluded.source_kind, source=excluded.source,
                 torrent=COALESCE(excluded.torrent, jobs.torrent), project_dir=excluded.project_dir,
                 selection=excluded.selection, state=excluded.state, error='', options=excluded.options""",
            (job_id, kind.value, name, source_kind, source, torrent, project_dir, sel,
             JobState.QUEUED.value, time.time(), json.dumps(options or {}, sort_keys=True)),
        )

    def set_metadata(self, job_id: str, name: str, files: Iterable[FileEntry], total: int, wanted: int,
                     torrent: bytes | None = None) -> None:
        payload = json.dumps([[f.index, f.path, f.size, f.selected] for f in files])
        self._conn.execute(
            """UPDATE jobs SET name=?, files=?, size_total=?, size_wanted=?,
                   torrent=COALESCE(?, torrent) WHERE job_id=?""",
            (name, payload, total, wanted, torrent, job_id),
        )

    def update_progress(self, snaps: Iterable[JobSnapshot]) -> None:
        rows = [
            (s.name, s.state.value, s.total_wanted, s.total_done, s.uploaded, s.downloaded,
             s.seeding_seconds, s.error, s.job_id)
            for s in snaps
        ]
        with self._conn:
            self._conn.execute("BEGIN")
            self._conn.executemany(
                """UPDATE jobs SET name=?, state=?, size_wanted=MAX(size_wanted, ?), size_done=?,
                       uploaded=MAX(uploaded, ?), downloaded=MAX(downloaded, ?),
                       seeding_seconds=MAX(seeding_seconds, ?), error=? WHERE job_id=?""",
                rows,
            )

    def set_state(self, job_id: str, state: JobState, error: Message | None = None) -> None:
        stored = error.stored() if error is not None else ""
        self._conn.execute("UPDATE jobs SET state=?, error=? WHERE job_id=?", (state.value, stored, job_id))

    def mark_finished(self, job_id: str) -> None:
        self._conn.execute(
            "UPDATE jobs SET finished_at=COALESCE(finished_at, ?), size_done=size_wanted, error='', "
            "state=? WHERE job_id=?",
            (time.time(), JobState.FINISHED.value, job_id),
        )

    def mark_stopped(self, job_ids: Iterable[str]) -> None:
        """The process that ran these jobs is closing: nothing downloads or seeds them now."""
        self._conn.executemany(
            """UPDATE jobs SET state=CASE
                   WHEN size_wanted > 0 AND size_done >= size_wanted THEN 'finished' ELSE 'paused' END
               WHERE job_id=? AND state NOT IN ('error', 'finished')""",
            [(j,) for j in job_ids],
        )

    def record_peers(self, peers: Iterable[PeerServed]) -> None:
        now = time.time()
        with self._conn:
            self._conn.execute("BEGIN")
            self._conn.executemany(
                """INSERT INTO peers_served (job_id, peer_key, uploaded, first_seen, lan) VALUES (?, ?, ?, ?, ?)
                   ON CONFLICT(job_id, peer_key) DO UPDATE SET
                     uploaded=MAX(peers_served.uploaded, excluded.uploaded), lan=excluded.lan""",
                [(p.job_id, p.key, p.uploaded, now, int(p.lan)) for p in peers],
            )

    def set_project_dir(self, job_id: str, project_dir: str) -> None:
        self._conn.execute("UPDATE jobs SET project_dir=? WHERE job_id=?", (project_dir, job_id))

    def set_selection(self, job_id: str, selection: Selection) -> None:
        sel = json.dumps({"include": list(selection.include), "exclude": list(selection.exclude)})
        self._conn.execute("UPDATE jobs SET selection=? WHERE job_id=?", (sel, job_id))

    def update_options(self, job_id: str, **changes) -> None:
        """Merge changes into the job's options (what a restart needs to add it again the same way)."""
        with self._conn:
            self._conn.execute("BEGIN")
            row = self._conn.execute("SELECT options FROM jobs WHERE job_id=?", (job_id,)).fetchone()
            if row is None:
                return
            options = json.loads(row[0] or "{}")
            options.update(changes)
            self._conn.execute("UPDATE jobs SET options=? WHERE job_id=?",
                               (json.dumps(options, sort_keys=True), job_id))

    def add_placement(self, job_id: str, project_dir: str) -> None:
        """The job's files were placed in another project folder too (it still seeds from its own)."""
        self._conn.execute("INSERT OR REPLACE INTO placements (job_id, project_dir, placed_at) VALUES (?, ?, ?)",
                           (job_id, project_dir, time.time()))

    def drop_placement(self, job_id: str, project_dir: str) -> None:
        self._conn.execute("DELETE FROM placements WHERE job_id=? AND project_dir=?", (job_id, project_dir))

    def remove(self, job_id: str) -> None:
        """The job leaves the library; what it was stays in the history."""
        self._conn.execute(
            "INSERT INTO history (job_id, kind, name, source_kind, source, project_dir, size, added_at, "
            "finished_at, removed_at, uploaded, downloaded) SELECT job_id, kind, name, source_kind, source, "
            "project_dir, size_wanted, added_at, finished_at, ?, uploaded, downloaded FROM jobs WHERE job_id=?",
            (time.time(), job_id))
        self._conn.execute("DELETE FROM jobs WHERE job_id=?", (job_id,))

    def history(self) -> list[dict]:
        """Removed jobs, oldest removal first."""
        rows = self._conn.execute("SELECT * FROM history ORDER BY removed_at").fetchall()
        return [dict(r) for r in rows]

    # ---- reads -------------------------------------------------------------------------
    def get(self, job_id: str) -> LibraryEntry | None:
        row = self._conn.execute(_SELECT + " WHERE j.job_id=?", (job_id,)).fetchone()
        return _entry(row) if row else None

    def torrent_bytes(self, job_id: str) -> bytes | None:
        row = self._conn.execute("SELECT torrent FROM jobs WHERE job_id=?", (job_id,)).fetchone()
        return bytes(row[0]) if row and row[0] else None

    def entries(self) -> list[LibraryEntry]:
        return [_entry(r) for r in self._conn.execute(_SELECT + " ORDER BY j.added_at")]


_PEERS = "FROM peers_served p WHERE p.job_id=j.job_id"  # the primary key's prefix: one index range per job
_SELECT = f"""SELECT j.*, (SELECT COUNT(*) {_PEERS}) AS peers_served,
                  (SELECT COUNT(*) {_PEERS} AND p.lan) AS peers_served_lan,
                  (SELECT TOTAL(uploaded) {_PEERS} AND p.lan) AS uploaded_lan,
                  (SELECT TOTAL(uploaded) {_PEERS} AND NOT p.lan) AS uploaded_internet,
                  (SELECT json_group_array(project_dir) FROM
                     (SELECT project_dir FROM placements l WHERE l.job_id=j.job_id ORDER BY placed_at)) AS placed_in
             FROM jobs j"""


def _entry(row: sqlite3.Row) -> LibraryEntry:
    sel = json.loads(row["selection"] or "{}")
    files = tuple(FileEntry(i, p, s, bool(x)) for i, p, s, x in json.loads(row["files"] or "[]"))
    return LibraryEntry(
        job_id=row["job_id"],
        kind=JobKind(row["kind"]),
        name=row["name"],
        source_kind=row["source_kind"],
        source=row["source"],
        project_dir=row["project_dir"],
        selection=Selection(tuple(sel.get("include", ())), tuple(sel.get("exclude", ()))),
        state=JobState(row["state"]),
        size_total=row["size_total"],
        size_wanted=row["size_wanted"],
        size_done=row["size_done"],
        added_at=row["added_at"],
        finished_at=row["finished_at"],
        uploaded=row["uploaded"],
        downloaded=row["downloaded"],
        seeding_seconds=row["seeding_seconds"],
        peers_served=row["peers_served"],
        error=Message.from_stored(row["error"] or ""),
        files=files,
        options=json.loads(row["options"] or "{}"),
        placed_in=tuple(json.loads(row["placed_in"] or "[]")),
        peers_served_lan=row["peers_served_lan"],
        uploaded_lan=int(row["uploaded_lan"]),
        uploaded_internet=int(row["uploaded_internet"]),
    )
