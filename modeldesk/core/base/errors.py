"""The ModelDesk error tree.

Every error a user can cause carries a sentence that says what happened and what to do.
Each class names the CLI exit code it maps to, so the CLI needs no table of its own.
"""

from __future__ import annotations

from typing import Any

from modeldesk.core.base.messages import Message


class ModelDeskError(Exception):
    """Root of every error ModelDesk raises on purpose.

    `hint` names a remedy that each front end words its own way, so the message points to the place the
    user works in: "mirror" is the --mirror flag on the command line, the add dialog's Mirror field and
    Settings → Mirrors in the app.

    The sentence is an English template marked N_() and its values (core/messages.py): str() of the error
    is the English sentence, and the app words `message` in the user's language."""

    exit_code = 1
    hint = ""

    def __init__(self, template: str = "", /, *, hint: str = "", **params: Any):
        self.message = Message.of(template, **params)
        super().__init__(str(self.message))
        if hint:
            self.hint = hint


class BadInputError(ModelDeskError, ValueError):
    """The user gave us something we cannot use: a broken magnet, a garbage .torrent, a bad path."""

    exit_code = 2


class BadSourceError(BadInputError):
    """A download source (magnet, info-hash, .torrent, URL) that cannot be read."""


class UnsafePathError(BadInputError):
    """A file name in a torrent or repo listing that would land outside the project folder."""


class TargetDirError(BadInputError):
    """The chosen project folder is a file, or cannot be created."""


class LibraryBusyError(BadInputError):
    """Another ModelDesk process owns the library."""


class NetworkError(ModelDeskError, ConnectionError):
    """No peers, no metadata, or no answer within the allowed time."""

    exit_code = 3


class DiskError(ModelDeskError, OSError):
    """Writing to disk failed: no space left, read-only file system, I/O error."""

    exit_code = 4


class InsufficientSpaceError(DiskError):
    """Not enough free space for what was selected."""


class FilesDamagedError(ModelDeskError):
    """`verify`: files of a model are missing or fail their hashes."""

    exit_code = 5


class Interrupted(ModelDeskError):
    """The user pressed Ctrl-C or the process got SIGTERM."""

    exit_code = 130


class AccessDeniedError(BadInputError):
    """401/403: the file is gated or private, and we have no token that opens it."""


class VerificationError(ModelDeskError):
    """Downloaded bytes do not match the published size or sha256."""

    exit_code = 3
