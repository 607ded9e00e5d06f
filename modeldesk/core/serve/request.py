"""A request as the lab server's routes see it, and their answer: a status with headers and a body, a
file of the library (sent by the listener, Range applied there), or a stream (server-sent events)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from modeldesk.core.serve.catalog import ServedFile, Snapshot


@dataclass(frozen=True)
class Request:
    method: str
    path: str  # as sent, still quoted
    query: str
    body: bytes
    headers: Any  # http.client.HTTPMessage (its get() ignores case), or a plain dict in tests
    client: str  # the peer's address

    def bearer(self) -> str | None:
        kind, _, token = (self.headers.get("Authorization") or "").partition(" ")
        return token.strip() or None if kind.lower() == "bearer" else None


@dataclass
class Answer:
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    file: tuple[Snapshot, ServedFile] | None = None  # the listener sends its bytes (Range applied there)
    stream: Callable[[Callable[[bytes], None]], None] | None = None  # writes until done or the client leaves


def json_answer(status: int, obj, headers: dict[str, str] | None = None) -> Answer:
    return Answer(status, {"Content-Type": "application/json", **(headers or {})}, json.dumps(obj).encode())
