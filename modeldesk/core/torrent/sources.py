"""Turn what the user typed into a checked torrent source.

libtorrent does the parsing (magnets, bencode, torrent_info); we add the checks a user needs a
sentence for: garbage files, hostile file names, missing info-hashes.
"""

from __future__ import annotations

import os
import re
from typing import Any
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote

from modeldesk.core.base.constants import MAX_TORRENT_BYTES
from modeldesk.core.base.errors import BadSourceError
from modeldesk.core.base.messages import N_
from modeldesk.core.contracts.models import FileEntry
from modeldesk.core.contracts.source_kind import SourceKind
from modeldesk.core.base.os_reasons import os_reason
from modeldesk.core.base.pathsafety import USER_PATH, check_components, short
from modeldesk.core.base.repo_ids import COMMIT, REPO_ID
from modeldesk.core.contracts.hub_refs import HUBS, HubKey

_HEX40 = re.compile(r"^[0-9a-fA-F]{40}$")
_B32 = re.compile(r"^[A-Za-z2-7]{32}$")
_HEX64 = re.compile(r"^[0-9a-fA-F]{64}$")
_DN = re.compile(r"(?<=[?&])dn=[^&]*")


@dataclass(frozen=True)
class TorrentSource:
    job_id: str
    name: str
    kind: SourceKind  # MAGNET, INFO_HASH or TORRENT
    text: str  # the magnet link (made from the info-hash for bare hashes); "" for .torrent data
    torrent: bytes = b""  # the whole .torrent, when we have it
    files: tuple[FileEntry, ...] = field(default=())  # empty until metadata is known
    # The hub repo and commit a model torrent names outside its info dictionary (HUB_KEY): its files
    # are that commit's, so every hub mirror the user knows can serve them as a web seed.
    hub: HubKey | None = None

    @property
    def has_metadata(self) -> bool:
        return bool(self.torrent)

    @property
    def flat(self) -> bool:
        """A hub model's files go to the project folder itself, as `get hf://` puts them, not into a
        folder named by the commit (the torrent's name)."""
        return self.hub is not None


def _lt():
    """libtorrent, imported on first use: a plain URL or hub download never loads it (start-up)."""
    import libtorrent

    return libtorrent


def job_id_of(info_hashes) -> str:
    return str(info_hashes.v1) if info_hashes.has_v1() else str(info_hashes.v2)


def _readable_magnet(text: str):
    """The link parsed, with a name (dn) that is not UTF-8 rewritten with replacement characters:
    libtorrent keeps its bytes, and Python cannot read them back. A tracker or web seed address that
    is not text cannot be fixed that way and is refused."""
    params = _lt().parse_magnet_uri(text)
    try:
        _ = params.name
    except UnicodeDecodeError:
        text = _DN.sub(lambda m: quote(unquote(m.group(0), errors="replace"), safe="="), text)
        params = _lt().parse_magnet_uri(text)
    try:
        params.name, list(params.trackers), list(params.url_seeds)
    except UnicodeDecodeError:
        raise BadSourceError(N_("That magnet link has a tracker or web seed address that is not valid text. "
                                "Copy the whole link again.")) from None
    return params, text


def parse_magnet(text: str) -> TorrentSource:
    try:
        params, text = _readable_magnet(text)
    except RuntimeError as exc:
        raise BadSourceError(N_("That magnet link is not valid ({exc}). Copy the whole link again."), exc=exc) from None
    job_id = job_id_of(params.info_hashes)
    if set(job_id) == {"0"}:
        raise BadSourceError(N_("That magnet link has no info-hash (xt=urn:btih:…). Copy the whole link again."))
    return TorrentSource(job_id=job_id, name=params.name or job_id, kind=SourceKind.MAGNET, text=text)


def parse_info_hash(text: str) -> TorrentSource:
    t = text.strip()
    if _HEX40.match(t) or _B32.match(t):
        src = parse_magnet(f"magnet:?xt=urn:btih:{t}")
    elif _HEX64.match(t):
        src = parse_magnet(f"magnet:?xt=urn:btmh:1220{t}")
    else:
        raise BadSourceError(N_("{text!r} is not an info-hash (40 or 64 hex digits, or 32 base32 letters)."),
                             text=short(text))
    return TorrentSource(job_id=src.job_id, name=src.name, kind=SourceKind.INFO_HASH, text=src.text)


def _decode_name(raw: bytes) -> str:
    return raw.decode("utf-8", "surrogateescape")


def _names(raw: object, what: str) -> list[str]:
    """A list of bencoded byte strings as names; anything else is a malformed torrent."""
    if not isinstance(raw, list) or not all(isinstance(p, bytes) for p in raw):
        raise BadSourceError(N_("{what} is not a valid .torrent file (its file list is malformed)."), what=what)
    return [_decode_name(p) for p in raw]


def check_info_paths(info: object, what: str) -> None:
    """Refuse an info dict with a file name that leaves the save folder (v1 and v2 layouts), or
    whose file list is not made of the types the format names (a peer's metadata is hostile too)."""
    if not isinstance(info, dict):
        raise BadSourceError(N_("{what} is not a valid .torrent file (it has no info dictionary)."), what=what)
    check_components(_names([info.get(b"name.utf-8", info.get(b"name", b""))], what), what)
    files = info.get(b"files") or []
    if not isinstance(files, list) or not all(isinstance(e, dict) for e in files):
        raise BadSourceError(N_("{what} is not a valid .torrent file (its file list is malformed)."), what=what)
    for entry in files:
        check_components(_names(entry.get(b"path.utf-8", entry.get(b"path", [])), what), what)

    def walk(tree: dict, prefix: list[str]) -> None:
        for key, sub in tree.items():
            if key == b"":  # a leaf: its dict holds length and pieces root
                continue
            parts = prefix + _names([key], what)
            check_components(parts, what)
            if isinstance(sub, dict):
                walk(sub, parts)

    tree = info.get(b"file tree")
    if isinstance(tree, dict):
        walk(tree, [])


def files_of(ti, flat: bool = False) -> tuple[FileEntry, ...]:
    """The torrent's files (pad files left out) under the names they get on disk: with `flat`, the
    torrent's top folder is dropped (TorrentSource.flat)."""
    fs = ti.layout()
    top = ti.name() + "/"
    out = []
    pad = _lt().file_storage.flag_pad_file
    for i in range(fs.num_files()):
        if fs.file_flags(i) & pad:
            continue
        path = fs.file_path(i).replace("\\", "/")
        if flat and path.startswith(top):
            path = path[len(top):]
        out.append(FileEntry(index=i, path=path, size=fs.file_size(i)))
    return tuple(out)


def flat_renames(ti) -> dict[int, str]:
    """The renames that give a flat torrent's files their place on disk."""
    names = {f.index: f.path for f in files_of(ti)}
    return {f.index: f.path for f in files_of(ti, flat=True) if names[f.index] != f.path}


def parse_torrent_bytes(data: bytes, what: str) -> TorrentSource:
    if len(data) > MAX_TORRENT_BYTES:
        raise BadSourceError(N_("{what} is too large to be a .torrent file ({size} bytes)."),
                             what=what, size=len(data))
    decoded: Any
    try:
        decoded = _lt().bdecode(data)
    except RuntimeError:
        decoded = None
    if not isinstance(decoded, dict) or not isinstance(decoded.get(b"info"), dict):
        raise BadSourceError(N_("{what} is not a valid .torrent file (it is truncated or not bencoded)."), what=what)
    check_info_paths(decoded[b"info"], what)
    try:
        ti = _lt().torrent_info(data)
    except RuntimeError as exc:
        raise BadSourceError(N_("{what} is not a valid .torrent file ({exc})."), what=what, exc=exc) from None
    hub = hub_of(decoded)
    return TorrentSource(
        job_id=job_id_of(ti.info_hashes()),
        name=hub[0] if hub else ti.name(),  # a hub model's torrent is named by its commit: show the repo
        kind=SourceKind.TORRENT,
        text="",
        torrent=data,
        files=files_of(ti, flat=hub is not None),
        hub=hub,
    )


# {"repo": "org/name", "commit": 40 hex digits, "hub": "ms" (absent: "hf")}, beside "info", outside the info-hash
HUB_KEY = b"modeldesk"


def _bytestring(raw: bytes) -> bytes:
    return str(len(raw)).encode() + b":" + raw


HUB_KEY_MARK = _bytestring(HUB_KEY)  # how the key reads inside a .torrent, for a cheap look before a parse


def with_hub_key(info_torrent: bytes, key: HubKey) -> bytes:
    """A peer's metadata (bencoded {"info": …}) naming the repo and commit beside "info", as `publish`
    writes them. Spliced in as bytes: the info dict stays byte for byte what the info-hash was taken of."""
    if not (info_torrent.startswith(b"d4:info") and info_torrent.endswith(b"e")):
        raise ValueError("not a bencoded metadata dict")
    hub = _bytestring(b"hub") + _bytestring(key.hub.encode()) if key.hub != "hf" else b""  # keys in sorted order
    meta = b"d" + _bytestring(b"commit") + _bytestring(key.commit.encode()) + hub + _bytestring(b"repo") + _bytestring(
        key.repo.encode()) + b"e"
    return info_torrent[:-1] + HUB_KEY_MARK + meta + b"e"


def repo_hint(source: TorrentSource) -> str | None:
    """The repo a magnet without metadata names in its dn (`publish` writes dn=org/name): what the
    metadata's commit is checked against once a peer sends it."""
    if source.has_metadata or source.hub is not None or not REPO_ID.fullmatch(source.name):
        return None
    return source.name


def hub_of_metadata(source: TorrentSource, torrent_name: str) -> HubKey | None:
    """(repo, commit) for a magnet whose dn names a repo and whose metadata (from a peer) is named by a
    commit, as a published hub model is: its files are that commit's, checked like a .torrent's."""
    repo = repo_hint(source)
    return HubKey(repo, torrent_name) if repo and COMMIT.fullmatch(torrent_name) else None


def hub_of(decoded: dict) -> HubKey | None:
    """The repo, commit and hub when the torrent names a well-formed one; anything else is ignored."""
    meta = decoded.get(HUB_KEY)
    if not isinstance(meta, dict):
        return None
    repo, commit, hub = meta.get(b"repo"), meta.get(b"commit"), meta.get(b"hub", b"hf")
    if not isinstance(repo, bytes) or not isinstance(commit, bytes) or not isinstance(hub, bytes):
        return None
    try:
        repo_s, commit_s, hub_s = repo.decode("ascii"), commit.decode("ascii"), hub.decode("ascii")
    except UnicodeDecodeError:
        return None
    if not REPO_ID.match(repo_s) or not COMMIT.match(commit_s) or hub_s not in HUBS:
        return None
    return HubKey(repo_s, commit_s, hub_s)


def parse_torrent_file(path: Path) -> TorrentSource:
    shown = short(str(path), USER_PATH)
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise BadSourceError(N_("{shown}: no such file."), shown=shown) from None
    except IsADirectoryError:
        raise BadSourceError(N_("{shown} is a folder, not a .torrent file."), shown=shown) from None
    except OSError as exc:
        raise BadSourceError(N_("{shown} cannot be read: {strerror}."), shown=shown, strerror=os_reason(exc)) from None
    except ValueError:  # a NUL in the name
        raise BadSourceError(N_("{shown!r} is not a file name (it contains a NUL character)."), shown=shown) from None
    return parse_torrent_bytes(data, shown)


def _is_file_name(text: str) -> bool:
    """Whether `text` names something on disk; a name too long for the system, or with a NUL, does not."""
    try:
        return Path(os.path.expanduser(text)).exists()  # ~unknown stays as typed
    except (OSError, ValueError):
        return False


def parse_torrent_path(text: str) -> TorrentSource:
    """A .torrent named by a path (what core.sources.classify leaves when a text is no link and no
    info-hash): read, or a sentence for what the text seems to have meant."""
    t = text.strip()
    if not _is_file_name(t) and REPO_ID.match(t):
        raise BadSourceError(N_("{source!r} is no file here. For the hub repository, write hf://{repo}"),
                             source=short(t), repo=t)
    if not _is_file_name(t) and not t.endswith(".torrent"):
        raise BadSourceError(
            N_("{source!r} is not a magnet link, info-hash, URL or existing .torrent file."), source=short(t)
        )
    return parse_torrent_file(Path(os.path.expanduser(t)))
