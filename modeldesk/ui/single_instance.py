"""One ModelDesk per user: a second launch hands its sources to the running instance over a local
socket in the user's own state folder (owner-only permissions) and exits."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)
CONNECT_MS = 500
REPLY_MS = 3000


def absolute_sources(sources: list[str]) -> list[str]:
    """Paths are made absolute here: the running instance has another working folder."""
    out = []
    for s in sources:
        p = Path(os.path.expanduser(s))
        try:
            local = "://" not in s and not s.startswith("magnet:") and p.exists()
        except (OSError, ValueError):  # too long for a file name, or a NUL: not a path, left as typed
            local = False
        out.append(str(p.resolve()) if local else s)
    return out


def forward(socket_path: Path, sources: list[str]) -> bool:
    """True if a running instance took the sources."""
    sock = QLocalSocket()
    sock.connectToServer(str(socket_path))
    if not sock.waitForConnected(CONNECT_MS):
        return False
    sock.write((json.dumps({"sources": absolute_sources(sources)}) + "\n").encode())
    sock.flush()
    ok = sock.waitForReadyRead(REPLY_MS) and bytes(sock.readAll().data()).startswith(b"ok")
    sock.disconnectFromServer()
    return ok


class InstanceServer(QObject):
    sourcesReceived = Signal(list)  # list[str]; empty when the user just launched it again

    def __init__(self, socket_path: Path, parent=None):
        super().__init__(parent)
        self._path = socket_path
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._on_connection)
        self._buffers: dict[QLocalSocket, bytes] = {}

    def listen(self) -> bool:
        self._path.parent.mkdir(parents=True, exist_ok=True)
        self._path.parent.chmod(0o700)
        QLocalServer.removeServer(str(self._path))  # a stale socket of a crashed instance
        if not self._server.listen(str(self._path)):
            log.warning("single-instance socket %s: %s", self._path, self._server.errorString())
            return False
        return True

    def close(self) -> None:
        self._server.close()

    def _on_connection(self) -> None:
        while self._server.hasPendingConnections():
            sock = self._server.nextPendingConnection()
            self._buffers[sock] = b""
            sock.readyRead.connect(lambda s=sock: self._on_ready(s))
            sock.disconnected.connect(lambda s=sock: self._forget(s))

    def _forget(self, sock: QLocalSocket) -> None:
        self._buffers.pop(sock, None)
        sock.deleteLater()

    def _on_ready(self, sock: QLocalSocket) -> None:
        buf = self._buffers.get(sock, b"") + bytes(sock.readAll().data())
        if len(buf) > 1 << 20:
            sock.abort()
            return
        self._buffers[sock] = buf
        if b"\n" not in buf:
            return
        line = buf.split(b"\n", 1)[0]
        try:
            sources = [s for s in json.loads(line).get("sources", []) if isinstance(s, str)]
        except (ValueError, AttributeError):
            sock.abort()
            return
        sock.write(b"ok\n")
        sock.flush()
        self.sourcesReceived.emit(sources)
