"""One ModelDesk per user: a second launch hands its sources to the running instance over a local
socket in the user's own state folder (owner-only permissions) and exits. On Windows the same is a
named pipe, whose name is not a path (see instance_name)."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from modeldesk.core.config.local_socket import own_folder, socket_path
from modeldesk.core.sources.classify import absolute_sources

log = logging.getLogger(__name__)
CONNECT_MS = 500
REPLY_MS = 3000


def instance_name(state_dir: Path, platform: str = sys.platform, runtime_dir: str | None = None) -> str:
    """Where a second launch finds the first, one per user and ModelDesk home (core.local_socket)."""
    return socket_path(state_dir, "instance.sock", platform, runtime_dir)


def forward(name: str, sources: list[str]) -> bool:
    """True if a running instance took the sources."""
    sock = QLocalSocket()
    sock.connectToServer(name)
    if not sock.waitForConnected(CONNECT_MS):
        return False
    sock.write((json.dumps({"sources": absolute_sources(sources)}) + "\n").encode())
    sock.flush()
    ok = sock.waitForReadyRead(REPLY_MS) and bytes(sock.readAll().data()).startswith(b"ok")
    sock.disconnectFromServer()
    return ok


class InstanceServer(QObject):
    sourcesReceived = Signal(list)  # list[str]; empty when the user just launched it again

    def __init__(self, name: str, parent=None):
        super().__init__(parent)
        self._name = name
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._on_connection)
        self._buffers: dict[QLocalSocket, bytes] = {}

    def listen(self) -> bool:
        if os.sep in self._name and not own_folder(Path(self._name).parent):
            return False
        QLocalServer.removeServer(self._name)  # a stale socket of a crashed instance
        if not self._server.listen(self._name):
            log.warning("single-instance socket %s: %s", self._name, self._server.errorString())
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
        with contextlib.suppress(RuntimeError):  # already deleted with the server, at exit
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
