"""A request as the lab server's routes see it, and their answer: a status with headers and a body, a
file of the library (sent by the listener, Range applied there), or a stream (server-sent events)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from modeldesk.core.serve.catalog import ServedFile, Snapshot


def byte_range(header: str, size: int) -> tuple[int, int] | None | str:
    """(start, end exclusive) of a single `bytes=` range; None: the whole file; "bad": unsatisfiable."""
    if not header.startswith("bytes=") or "," in header:
        return None  # no range, or several: the whole file (RFC 9110 allows it)
    first, _, last = header[6:].strip().partition("-")
    try:
        if not first:
            n = int(last)
            return (max(0, size - n), size) if n > 0 and size else "bad"
        start, end = int(first), (int(last) + 1 if last else size)
    except ValueError:
        return None
    if start >= size or end <= start:
        return "bad"
    return start, min(end, size)


def bearer_of(authorization: str | None) -> str | None:
    """The token of an `Authorization: Bearer TOKEN` header, or None."""
    kind, _, token = (authorization or "").partition(" ")
    return token.strip() or None if kind.lower() == "bearer" else None


@dataclass(frozen=True)
class Request:
    method: str
    path: str  # as sent, still quoted
    query: str
    body: bytes
    headers: Any  # http.client.HTTPMessage (its get() ignores case), or a plain dict in tests
    client: str  # the peer's address

    def bearer(self) -> str | None:
        return bearer_of(self.headers.get("Authorization"))


@dataclass
class Answer:
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    file: tuple[Snapshot, ServedFile] | None = None  # the listener sends its bytes (Range applied there)
    stream: Callable[[Callable[[bytes], None]], None] | None = None  # writes until done or the client leaves
    pulled: tuple[Snapshot, ServedFile, int, int] | None = None  # the file (and span) a stream pulls through


def json_answer(status: int, obj, headers: dict[str, str] | None = None) -> Answer:
    return Answer(status, {"Content-Type": "application/json", **(headers or {})}, json.dumps(obj).encode())
