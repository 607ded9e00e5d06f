"""A running `seed --all` takes further models. A `get` or `seed` started while the seed service
owns the library hands its request over a local socket in the state folder and exits; the service
builds the add requests itself (in the server's thread, so a hub listing does not hold up seeding),
adds them to its own engines and seeds them with its own settings.

Protocol: one JSON line each way. The request is {"command": "get" | "seed", "args": {...}}, the
command line parsed, its paths made absolute; the reply {"ok": true, "jobs": [{"name", "folder"}],
"pid": N} or {"ok": false, "error": TEXT, "code": EXIT_CODE}."""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import socket
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path

from modeldesk.core.base.errors import BadInputError, ModelDeskError
from modeldesk.core.config.local_socket import own_folder, socket_path
from modeldesk.core.sources.classify import absolute_sources

log = logging.getLogger(__name__)
FILE_NAME = "seed.sock"
COMMANDS = ("get", "seed")
MAX_LINE = 1 << 20
READ_TIMEOUT_S = 5.0
REPLY_TIMEOUT_S = 300.0  # building the adds lists a hub repo; adding checks a .torrent


@dataclass
class HandOver:
    """Add requests the server built, for the run loop to add and watch; it answers through `reply`."""
    adds: list
    seed: bool
    reply: Future


def can_hand_over() -> bool:
    return hasattr(socket, "AF_UNIX")


def portable_args(args: argparse.Namespace) -> dict:
    """The parsed command line with every path the user gave made absolute: the service runs elsewhere."""
    out = dict(vars(args))
    if out.get("sources"):
        out["sources"] = absolute_sources(list(out["sources"]))
    if out.get("torrent"):
        out["torrent"] = absolute_sources([out["torrent"]])[0]
    for key in ("to", "from_dir"):
        if out.get(key):
            out[key] = str(Path(os.path.expanduser(out[key])).absolute())
    return out


def hand_over(path: str, command: str, args: argparse.Namespace, timeout: float = REPLY_TIMEOUT_S) -> dict | None:
    """The service's reply, or None when no seed service listens at `path`."""
    if not can_hand_over() or not os.path.exists(path):
        return None
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.settimeout(2.0)
        try:
            sock.connect(path)
        except OSError:
            return None  # a socket file a crashed service left behind
        sock.settimeout(timeout)
        sock.sendall(json.dumps({"command": command, "args": portable_args(args)}).encode() + b"\n")
        reply = json.loads(_read_line(sock) or b"{}")
    except (OSError, ValueError) as exc:
        return {"ok": False, "error": f"the seed service did not answer: {exc}", "code": 3}
    finally:
        sock.close()
    return reply if isinstance(reply, dict) else None


def _read_line(sock: socket.socket) -> bytes:
    buf = b""
    while b"\n" not in buf and len(buf) <= MAX_LINE:
        chunk = sock.recv(65536)
        if not chunk:
            break
        buf += chunk
    return buf.split(b"\n", 1)[0]


class HandOverServer:
    """Listens for hand-overs; `build(command, args)` makes the add requests and `submit` passes them
    to the run loop, whose answer goes back to the other process."""

    def __init__(self, state_dir: Path, build: Callable[[str, argparse.Namespace], tuple[list, bool]],
                 submit: Callable[[HandOver], None]):
        self.path = socket_path(state_dir, FILE_NAME)
        self._build, self._submit = build, submit
        self._sock: socket.socket | None = None

    def start(self) -> bool:
        if not can_hand_over() or not own_folder(Path(self.path).parent):
            return False
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.path)  # a stale socket; the library lock says no other service runs
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        old = os.umask(0o177)
        try:
            sock.bind(self.path)
        except OSError as exc:
            log.warning("hand-over socket %s: %s", self.path, exc)
            sock.close()
            return False
        finally:
            os.umask(old)
        sock.listen(8)
        self._sock = sock
        threading.Thread(target=self._accept, name="modeldesk-handover", daemon=True).start()
        return True

    def close(self) -> None:
        if self._sock is not None:
            self._sock.close()
            self._sock = None
            with contextlib.suppress(OSError):
                os.unlink(self.path)

    def _accept(self) -> None:
        while (listener := self._sock) is not None:
            try:
                conn, _ = listener.accept()
            except OSError:
                return  # closed
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        with conn:
            try:
                conn.settimeout(READ_TIMEOUT_S)
                reply = self._answer(_read_line(conn))
                conn.sendall(json.dumps(reply).encode() + b"\n")
            except OSError as exc:
                log.info("hand-over connection: %s", exc)

    def _answer(self, line: bytes) -> dict:
        try:
            request = json.loads(line)
            command, args = request["command"], request["args"]
            if command not in COMMANDS or not isinstance(args, dict):
                raise ValueError(command)
            adds, seed = self._build(command, argparse.Namespace(**args))
        except (ValueError, KeyError, TypeError) as exc:
            return {"ok": False, "error": f"a hand-over the seed service cannot read ({exc!r})", "code": 2}
        except ModelDeskError as exc:
            return {"ok": False, "error": str(exc), "code": exc.exit_code}
        if not adds:
            return {"ok": False, "error": str(BadInputError("Nothing to add.")), "code": 2}
        reply: Future = Future()
        self._submit(HandOver(adds, seed, reply))
        try:
            return reply.result(REPLY_TIMEOUT_S) | {"pid": os.getpid()}
        except TimeoutError:
            return {"ok": False, "error": "the seed service did not add it in time", "code": 3}


def try_hand_over(args: argparse.Namespace, paths, output) -> int | None:
    """Hand `get`/`seed` to a running seed service; its exit code, or None when none runs."""
    reply = hand_over(socket_path(paths.state_dir, FILE_NAME), args.command, args)
    if reply is None:
        return None
    if not reply.get("ok"):
        code = int(reply.get("code") or 2)
        output.error(str(reply.get("error")))
        output.exit(code)
        return code
    jobs = [j for j in reply.get("jobs", []) if isinstance(j, dict)]
    what = "; ".join(f"{j.get('name')} → {j.get('folder')}" for j in jobs)
    seeding = "downloads and seeds" if args.command == "get" and not args.no_seed else "takes care of"
    output.result("handed_over", (
        f"The running seed service (`modeldesk seed --all`, pid {reply.get('pid')}) took this over: {what}. "
        f"It {seeding} it with its own settings; follow it with `modeldesk list` or in "
        f"{paths.state_dir / 'seed.log'}."), {"jobs": jobs, "pid": reply.get("pid")})
    output.exit(0)
    return 0
