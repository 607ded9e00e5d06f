"""`modeldesk.lock`: the models a project needs, pinned to the byte.

TOML, like uv.lock and Cargo.lock: a schema version, then one `[[model]]` table per model placed in
the project, in path order, each with its sources (hub repo and commit and mirrors; a magnet; URLs)
and one `[[model.file]]` per file with its size and sha256, in path order. Written by `modeldesk lock`,
read by `modeldesk sync`. A lock comes from anywhere (a clone of someone's project), so every field is
checked here, paths as strictly as a torrent's.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

import tomli_w

from modeldesk.core.base.constants import LOCK_NAME
from modeldesk.core.base.atomic import atomic_write
from modeldesk.core.base.errors import BadInputError
from modeldesk.core.base.messages import N_, Message
from modeldesk.core.base.os_reasons import os_reason
from modeldesk.core.base.pathsafety import check_layout, check_relative_path, short
from modeldesk.core.base.repo_ids import COMMIT, REPO_ID

LOCK_VERSION = 1
_HEADER = "# Written by `modeldesk lock`; `modeldesk sync` makes the project match it. Keep it in version control.\n"
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_HUBS = re.compile(r"^(hf|ms)$")
_PINNED_REPO = re.compile(r"^(?:hf|ms)://(?:datasets/)?[A-Za-z0-9][A-Za-z0-9._-]{0,95}/[A-Za-z0-9][A-Za-z0-9._-]{0,95}"
                          r"@[0-9a-f]{40}$")


@dataclass(frozen=True)
class LockedFile:
    path: str  # relative to the model's folder
    size: int
    sha256: str


@dataclass(frozen=True)
class LockedModel:
    path: str  # the model's folder, relative to the project ("." for the project's root)
    name: str
    files: tuple[LockedFile, ...]
    repo: str | None = None  # a hub repo: org/name at `commit`
    hub: str = "hf"  # which hub `repo` is on: "hf" (Hugging Face and its mirrors) or "ms" (ModelScope)
    revision: str | None = None
    commit: str | None = None
    mirrors: tuple[str, ...] = ()  # hub endpoints it came from
    also: tuple[str, ...] = ()  # the same model on other hubs, pinned: ms://owner/name@<commit> (hub_pairs.py)
    magnet: str | None = None  # a torrent: btih/btmh, trackers, web seeds
    urls: tuple[str, ...] = ()  # a plain file's mirrors

    def file_paths(self) -> list[str]:
        """Each file's path relative to the project."""
        return [f.path if self.path == "." else f"{self.path}/{f.path}" for f in self.files]


@dataclass(frozen=True)
class Lock:
    models: tuple[LockedModel, ...]


def _fail(what: str, why: Message) -> BadInputError:
    return BadInputError(N_("{what} is not a usable lock: {why}. Write it again with `modeldesk lock`."),
                         what=what, why=why)


def _str(d: dict, key: str, what: str, pattern: re.Pattern | None = None, required: bool = False) -> str | None:
    value = d.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or (pattern is not None and not pattern.match(value)):
        raise _fail(what, Message.of(N_("{key} = {value} is not valid"), key=key, value=short(repr(value))))
    return value


def _strs(d: dict, key: str, what: str, prefixes: tuple[str, ...]) -> tuple[str, ...]:
    value = d.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.lower().startswith(prefixes) for v in value):
        raise _fail(what, Message.of(N_("{key} must be a list of {prefixes} addresses"), key=key,
                                      prefixes=" or ".join(prefixes)))
    return tuple(value)


def _file(d: object, what: str) -> LockedFile:
    if not isinstance(d, dict):
        raise _fail(what, Message.of(N_("a [[model.file]] entry is not a table")))
    path = _str(d, "path", what, required=True)
    size = d.get("size")
    if type(size) is not int or size < 0:
        raise _fail(what, Message.of(N_("the size of {path!r} is not a byte count"), path=short(str(path))))
    sha = _str(d, "sha256", what, _SHA256, required=True)
    assert path is not None and sha is not None
    check_relative_path(path, what)
    return LockedFile(path, size, sha)


def _model(d: object, what: str) -> LockedModel:
    if not isinstance(d, dict):
        raise _fail(what, Message.of(N_("a [[model]] entry is not a table")))
    path = _str(d, "path", what, required=True)
    name = _str(d, "name", what, required=True)
    assert path is not None and name is not None
    if path != ".":
        check_relative_path(path, what)
    files = d.get("file", [])
    if not isinstance(files, list) or not files:
        raise _fail(what, Message.of(N_("the model {name!r} lists no file"), name=short(name)))
    model = LockedModel(
        path=path, name=name, files=tuple(sorted((_file(f, what) for f in files), key=lambda f: f.path)),
        repo=_str(d, "repo", what, REPO_ID), hub=_str(d, "hub", what, _HUBS) or "hf",
        revision=_str(d, "revision", what),
        commit=_str(d, "commit", what, COMMIT),
        mirrors=_strs(d, "mirrors", what, ("http://", "https://")), magnet=_str(d, "magnet", what),
        also=_pinned_repos(d, what),
        urls=_strs(d, "urls", what, ("http://", "https://")),
    )
    if (model.repo is None) != (model.commit is None):
        raise _fail(what, Message.of(N_("the model {name!r} names a repo without a commit, or a commit without "
                                        "a repo"), name=short(name)))
    if model.magnet is not None and not (model.magnet.startswith("magnet:?") and _MAGNET_HASH.search(model.magnet)):
        raise _fail(what, Message.of(N_("the magnet of {name!r} is not a magnet link with an info-hash"),
                                     name=short(name)))
    return model


def is_pinned_repo(value: object) -> bool:
    """ms://owner/name@<commit> or hf://org/name@<commit>: a hub repo a lock can name as `also`."""
    return isinstance(value, str) and bool(_PINNED_REPO.match(value)) and ".." not in value


def _pinned_repos(d: dict, what: str) -> tuple[str, ...]:
    value = d.get("also", [])
    if not isinstance(value, list) or not all(is_pinned_repo(v) for v in value):
        raise _fail(what, Message.of(N_("also must be a list of hub repos at a commit (ms://owner/name@COMMIT)")))
    return tuple(value)


# A locked magnet names its torrent by a whole info-hash: a v1 btih (hex or base32) or a v2 btmh.
_MAGNET_HASH = re.compile(r"[?&]xt=urn:(?:btih:(?:[0-9a-fA-F]{40}|[A-Za-z2-7]{32})|btmh:1220[0-9a-fA-F]{64})(?:&|$)")


def loads(text: str, what: str = LOCK_NAME) -> Lock:
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _fail(what, Message.of(N_("it is not TOML ({exc})"), exc=exc)) from None
    except RecursionError:  # `x = [[[[…]]]]` thousands deep: tomllib recurses once per level
        raise _fail(what, Message.of(N_("it nests too deeply to be a lock"))) from None
    version = doc.get("version")
    if version != LOCK_VERSION:
        raise BadInputError(N_("{what} has lock version {version}; this ModelDesk reads version "
                               "{LOCK_VERSION}. Update ModelDesk, or write the lock again with `modeldesk "
                               "lock`."), what=what, version=short(repr(version)), LOCK_VERSION=LOCK_VERSION)
    models = doc.get("model", [])
    if not isinstance(models, list):
        raise _fail(what, Message.of(N_("model must be an array of tables")))
    lock = Lock(tuple(sorted((_model(m, what) for m in models), key=lambda m: (m.path, m.name))))
    every = [p for m in lock.models for p in m.file_paths()]
    if len(every) != len(set(every)):
        raise _fail(what, Message.of(N_("two models place a file at the same path")))
    check_layout(every, what)
    return lock


def read_lock(path: Path) -> Lock:
    shown = short(str(path), 300)
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise BadInputError(N_("{shown} does not exist; write it with `modeldesk lock` in the project."),
                            shown=shown) from None
    except OSError as exc:
        raise BadInputError(N_("{shown} cannot be read: {strerror}."), shown=shown, strerror=os_reason(exc)) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise _fail(shown, Message.of(N_("it is not UTF-8 text"))) from None
    return loads(text, shown)


def _model_doc(m: LockedModel) -> dict:
    doc: dict[str, object] = {"path": m.path, "name": m.name}
    for key in ("repo", "revision", "commit", "magnet"):
        if getattr(m, key) is not None:
            doc[key] = getattr(m, key)
    if m.repo is not None and m.hub != "hf":  # a lock without `hub` means Hugging Face, as before hubs were two
        doc["hub"] = m.hub
    if m.mirrors:
        doc["mirrors"] = list(m.mirrors)
    if m.also:
        doc["also"] = list(m.also)
    if m.urls:
        doc["urls"] = list(m.urls)
    doc["file"] = [{"path": f.path, "size": f.size, "sha256": f.sha256} for f in sorted(m.files, key=lambda f: f.path)]
    return doc


def model_entry(m: LockedModel) -> str:
    """One model as its [[model]] table of a lock (what a project pastes to pin it)."""
    return tomli_w.dumps({"model": [_model_doc(m)]})


def dumps(lock: Lock) -> str:
    models = sorted(lock.models, key=lambda m: (m.path, m.name))
    return _HEADER + tomli_w.dumps({"version": LOCK_VERSION, "model": [_model_doc(m) for m in models]})


def write_lock(path: Path, lock: Lock) -> None:
    atomic_write(Path(path), dumps(lock).encode(), mode=0o644)


def locked_swarms(folder: str | Path, repo_id: str, hub: str = "hf") -> tuple[tuple[str, str], ...]:
    """(commit, magnet) of each torrent the lock of the project holding `folder` pins for `repo_id` on `hub`, so a
    `get` of that repo can join its swarm. A missing or broken lock gives none: a get does not depend on it."""
    from modeldesk.core.projects.projects import find_upwards

    path = find_upwards(Path(folder).expanduser().absolute(), LOCK_NAME)
    if path is None:
        return ()
    try:
        lock = read_lock(path)
    except BadInputError:
        return ()
    return tuple((m.commit, m.magnet) for m in lock.models
                 if m.repo == repo_id and m.hub == hub and m.commit and m.magnet)
