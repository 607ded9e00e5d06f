"""A lab server's jobs as rows of the transfer table: the row id is the server's URL and the job's id
on it, the row names the server, and what the server sends is read defensively (a server is another
machine: a field of the wrong type becomes a blank, never an exception in the GUI)."""

from __future__ import annotations

from modeldesk.core.contracts.models import JobKind, JobState
from modeldesk.ui.transfer_model import Row

SEP = "#"  # between the server's URL and the job's id on it


def row_id(url: str, job_id: str) -> str:
    return f"{url}{SEP}{job_id}"


def _int(job: dict, key: str) -> int:
    v = job.get(key)
    return v if type(v) is int and v >= 0 else 0


def _str(job: dict, key: str) -> str:
    v = job.get(key)
    return v if isinstance(v, str) else ""


def _of(enum_type, value, default):
    try:
        return enum_type(value)
    except ValueError:
        return default


def remote_row(url: str, job: dict) -> Row:
    progress = job.get("progress")
    return Row(
        row_id(url, _str(job, "id")), _str(job, "name") or _str(job, "id"), _of(JobKind, job.get("kind"), JobKind.HTTP),
        _str(job, "source_kind"), _str(job, "source"), _str(job, "project"),
        _of(JobState, job.get("state"), JobState.QUEUED), _int(job, "size"), _int(job, "done"),
        min(max(float(progress), 0.0), 1.0) if isinstance(progress, (int, float)) else 0.0,
        down_rate=_int(job, "down_rate"), up_rate=_int(job, "up_rate"), peers=_int(job, "peers"),
        seeds=_int(job, "seeds"), uploaded=_int(job, "uploaded"), error=_str(job, "error"), server=url)


def job_on_server(row: Row) -> str:
    """The job's id on its server."""
    return row.job_id[len(row.server) + len(SEP):]
