"""Which files of a folder may leave this machine in a torrent: the model, and nothing else.

A published torrent is seeded to strangers, so the rules err on keeping things home:
- no link is followed out of the folder (a hub cache's snapshot folder may link into its own
  `blobs/`, which is where the official client keeps the same repo's files);
- hidden files and folders (`.git`, `.ssh`, `.env`, `.netrc`, any `.*`) are left out unless the user
  asks for them, and are listed as left out;
- a file that looks like a credential (a private key, `.netrc`, `.env`, ...) is refused even then,
  by its name or by its first bytes;
- an unreadable subfolder is an error, not a silent gap in the model;
- and all of this is decided before a byte is hashed or a file is written.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from modeldesk.core.base.constants import INCOMPLETE_SUFFIX
from modeldesk.core.base.errors import BadInputError, UnsafePathError
from modeldesk.core.base.messages import N_, Message
from modeldesk.core.base.os_reasons import os_reason
from modeldesk.core.base.pathsafety import USER_PATH, short

# Folders that are bookkeeping, not model: compared on the path's leading elements.
_SKIP_DIRS = ((".modeldesk",), (".git",), (".cache", "huggingface"))
_SKIP_SUFFIXES = (INCOMPLETE_SUFFIX, ".incomplete", ".lock")  # ours; the hub client's partial and lock files

# Names that hold credentials wherever they sit (compared lower-case).
_CREDENTIAL_NAMES = frozenset({
    "id_rsa", "id_dsa", "id_ecdsa", "id_ed25519", "id_ecdsa_sk", "id_ed25519_sk", "identity",
    ".netrc", "_netrc", ".git-credentials", ".pgpass", ".htpasswd", ".pypirc", ".npmrc", ".dockercfg",
    ".env", "credentials", "credentials.json", "client_secret.json", "service-account.json", ".boto",
})
_CREDENTIAL_PATTERNS = (re.compile(r"\.env(\..+)?"), re.compile(r".+\.(p12|pfx|jks|keystore|ppk|kdbx)"))
_CREDENTIAL_DIRS = frozenset({".ssh", ".gnupg", ".aws", ".kube", ".docker", ".azure", ".password-store"})
# The first bytes of key files: PEM and OpenSSH private keys, PuTTY keys.
_KEY_MARK = re.compile(rb"-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----|PuTTY-User-Key-File-")
_SNIFF_SIZE = 64 * 1024  # key files are small; larger files are not read for the check
_SNIFF_BYTES = 1024

MAX_FILES = 50_000  # a hybrid torrent of 100,000 files is past what libtorrent will load (~20 MB)


@dataclass
class FolderScan:
    files: list[tuple[str, int]] = field(default_factory=list)  # (relative path, size), sorted
    skipped: list[str] = field(default_factory=list)  # not regular files: links to folders, dangling links
    hidden: list[str] = field(default_factory=list)  # hidden files and folders left out (folders end in '/')


def is_bookkeeping(rel: str) -> bool:
    folded = [p.lower() for p in rel.split("/")]
    if any(tuple(folded[:len(d)]) == d for d in _SKIP_DIRS):
        return True
    return rel.endswith(_SKIP_SUFFIXES)


def _hidden(name: str) -> bool:
    return name.startswith(".")


def credential_kind(rel: str, path: Path | None = None) -> Message | None:
    """Why `rel` looks like a credential (None when it does not): by a name or folder that holds
    secrets, or, for a small file, by a private key's first line."""
    parts = [p.lower() for p in rel.split("/")]
    if any(p in _CREDENTIAL_DIRS for p in parts[:-1]):
        return Message.of(N_("it sits in {folder}/"), folder=next(p for p in parts[:-1] if p in _CREDENTIAL_DIRS))
    name = parts[-1]
    if name in _CREDENTIAL_NAMES or any(p.fullmatch(name) for p in _CREDENTIAL_PATTERNS):
        return Message.of(N_("its name"))
    if path is not None:
        try:
            if path.stat().st_size <= _SNIFF_SIZE:
                with open(path, "rb") as f:
                    if _KEY_MARK.search(f.read(_SNIFF_BYTES)):
                        return Message.of(N_("it holds a private key"))
        except OSError:
            return None
    return None


def refuse_credential(rel: str, why: Message, shown: str) -> None:
    raise UnsafePathError(
        N_("{rel} in {shown} looks like a credential ({why}). Nothing was published: ModelDesk never "
           "shares keys, tokens or passwords. Move it out of the folder and publish again."),
        rel=rel, why=why, shown=shown)


def link_roots(folder: Path) -> tuple[str, ...]:
    """Where links in `folder` may lead: the folder itself, and for a hub cache's snapshot folder
    (`models--org--name/snapshots/<commit>/`) that repo's `blobs/`."""
    real = os.path.realpath(folder)
    roots = [real]
    if Path(real).parent.name == "snapshots":
        roots.append(str(Path(real).parent.parent / "blobs"))
    return tuple(roots)


def _within(path: str, roots: tuple[str, ...]) -> bool:
    return any(path == r or path.startswith(r.rstrip(os.sep) + os.sep) for r in roots)


def check_inside(folder: Path, rel: str, roots: tuple[str, ...], shown: str) -> str:
    """The real path of `folder/rel`, refused when a link carries it out of the published folder."""
    real = os.path.realpath(folder / rel)
    if not _within(real, roots):
        raise UnsafePathError(
            N_("{rel} in {shown} leads outside the folder (to {target}). Nothing was published: ModelDesk "
               "never shares a file from outside the folder you publish. Copy the file in, or remove the link."),
            rel=rel, shown=shown, target=short(real, USER_PATH))
    return real


def scan_folder(folder: Path, include_hidden: bool = False) -> FolderScan:
    """Every regular file below `folder` that may be published, sorted by path. A link to a file inside
    the folder counts as that file; a link that leads out of it, a credential, or an unreadable
    subfolder stops the scan with a sentence."""
    shown = short(str(folder), USER_PATH)
    roots = link_roots(folder)
    scan = FolderScan()
    pending = [""]
    while pending:
        base = pending.pop()
        try:
            with os.scandir(folder / base if base else folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            raise BadInputError(N_("{sub} in {shown} cannot be read ({reason}); nothing was published. Fix its "
                                   "permissions, or move it out of the folder."),
                                sub=base or ".", shown=shown, reason=os_reason(exc)) from None
        for e in entries:
            rel = f"{base}/{e.name}" if base else e.name
            try:
                rel.encode("utf-8")
            except UnicodeEncodeError:  # a torrent's names are UTF-8: this one cannot be carried
                raise BadInputError(N_("{rel} in {shown} has a name that is not valid UTF-8 (? marks the bytes); a "
                                       "torrent cannot carry it. Rename it, then publish again."),
                                    rel=rel.encode("utf-8", "replace").decode("utf-8"), shown=shown) from None
            if is_bookkeeping(rel) or (e.is_dir(follow_symlinks=False) and is_bookkeeping(rel + "/")):
                continue
            if _hidden(e.name) and not include_hidden:
                scan.hidden.append(rel + "/" if e.is_dir() else rel)
                continue
            _take(folder, rel, e, roots, shown, scan, pending)
            if len(scan.files) > MAX_FILES:
                raise BadInputError(N_("{shown} holds more than {limit} files, more than a torrent can carry "
                                       "(BitTorrent clients refuse such a .torrent). Pack small files into "
                                       "archives, or publish subfolders one by one."), shown=shown, limit=MAX_FILES)
    scan.files.sort()
    scan.skipped.sort()
    scan.hidden.sort()
    return scan


def _take(folder: Path, rel: str, e: os.DirEntry, roots: tuple[str, ...], shown: str, scan: FolderScan,
          pending: list[str]) -> None:
    if e.is_symlink():
        if not os.path.exists(e.path):
            scan.skipped.append(rel)  # a dangling link
            return
        check_inside(folder, rel, roots, shown)
        if os.path.isdir(e.path):
            scan.skipped.append(rel + "/")
            return
    elif e.is_dir(follow_symlinks=False):
        pending.append(rel)
        return
    if not e.is_file():
        scan.skipped.append(rel)  # a socket, a FIFO, a device
        return
    if why := credential_kind(rel, Path(e.path)):
        refuse_credential(rel, why, shown)
    scan.files.append((rel, e.stat().st_size))
