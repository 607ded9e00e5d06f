"""The lab server's access tokens. `serve token add NAME [--admin]` makes a random token and shows it
once; the file (config folder, serve_tokens.json, owner-only) keeps its sha256 alone, so the file
gives no one a token. The server reads the file again whenever it changed, so an added or revoked
token takes effect at once, with no restart. There is no default token and no password."""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from modeldesk.core.base.atomic import atomic_write
from modeldesk.core.base.errors import BadInputError
from modeldesk.core.base.messages import N_

PREFIX = "mdt_"  # so a token pasted into a log or a chat is recognisable as ours
NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,63}")


@dataclass(frozen=True)
class Token:
    name: str
    admin: bool
    created: float
    digest: str  # sha256 of the token, hex


def digest_of(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


class TokenStore:
    def __init__(self, path: Path):
        self._path = path
        self._lock = threading.Lock()
        self._stamp: tuple[int, int, int] | None = None
        self._tokens: dict[str, Token] = {}

    def _load(self) -> dict[str, Token]:
        """The tokens as the file holds them now (read again only when its stat changed)."""
        try:
            st = self._path.stat()
            stamp = (st.st_ino, st.st_mtime_ns, st.st_size)  # a rewrite is a new inode
        except FileNotFoundError:
            self._stamp, self._tokens = None, {}
            return self._tokens
        if stamp != self._stamp:
            try:
                doc = json.loads(self._path.read_bytes())
                tokens = {n: Token(n, bool(t["admin"]), float(t["created"]), str(t["sha256"]))
                          for n, t in doc["tokens"].items() if NAME.fullmatch(n)}
            except (OSError, ValueError, KeyError, TypeError, AttributeError):
                tokens = {}  # a damaged file lets no one in; `serve token add` writes a good one
            self._stamp, self._tokens = stamp, tokens
        return self._tokens

    def check(self, token: str | None) -> Token | None:
        """The token's entry, when it is one of ours (compared in constant time)."""
        if not token:
            return None
        want = digest_of(token)
        with self._lock:
            tokens = list(self._load().values())
        found = None
        for t in tokens:
            if hmac.compare_digest(t.digest, want):
                found = t
        return found

    def list(self) -> list[Token]:
        with self._lock:
            return sorted(self._load().values(), key=lambda t: t.name)

    def add(self, name: str, admin: bool) -> str:
        """A new token for `name` (replacing its old one); the token itself is returned, never stored."""
        if not NAME.fullmatch(name):
            raise BadInputError(N_("{name!r} is not a token name (letters, digits, . _ @ -, at most 64)."), name=name)
        token = PREFIX + secrets.token_urlsafe(32)
        with self._lock:
            tokens = dict(self._load())
            tokens[name] = Token(name, admin, time.time(), digest_of(token))
            self._save(tokens)
        return token

    def revoke(self, name: str) -> bool:
        with self._lock:
            tokens = dict(self._load())
            if tokens.pop(name, None) is None:
                return False
            self._save(tokens)
            return True

    def _save(self, tokens: dict[str, Token]) -> None:
        doc = {"version": 1, "tokens": {t.name: {"admin": t.admin, "created": t.created, "sha256": t.digest}
                                        for t in tokens.values()}}
        self._path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(self._path, json.dumps(doc, indent=2).encode(), mode=0o600)
        self._stamp = None  # read back on next use
