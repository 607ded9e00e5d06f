"""What `publish` puts into a torrent, worked out from a model folder (no libtorrent here).

The torrent holds the model's files only (publish_scan.py says which: never a link out of the folder, a
hidden file unless asked, a credential, our bookkeeping or a partial download), decided before anything
is hashed or written. The
same bytes must give the same info-hashes on any machine, so everything that goes into the info
dictionary is a function of the paths, sizes and contents: paths sorted, a fixed piece-size rule,
no file times and no file modes.

A folder whose manifest names a hub repo and commit is published as that commit: the torrent's name
is the commit, so a BEP 19 web seed `BASE/org/name/resolve/` plus name plus path is the file's resolve
URL on any HF-compatible mirror, for foreign clients too (`BASE/models/owner/name/resolve/` on a
ModelScope one: the hub's api says, http/hub_api.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from modeldesk.core.base.errors import BadInputError
from modeldesk.core.library.manifest import MANIFEST_DIR, read_manifest
from modeldesk.core.base.messages import N_
from modeldesk.core.base.repo_ids import COMMIT
from modeldesk.core.base.pathsafety import USER_PATH, check_layout, check_relative_path, short
from modeldesk.core.publish.publish_scan import check_inside, link_roots, scan_folder
from modeldesk.core.projects.projects import user_path
from modeldesk.core.base.urls import split_url
from modeldesk.core.contracts.hub_refs import HUBS, HubKey
from modeldesk.core.http.hub_api import api_of

MIN_PIECE = 256 * 1024
MAX_PIECE = 16 * 1024 * 1024
TARGET_PIECES = 1500


def piece_size_for(total: int) -> int:
    """The smallest power of two from 256 KiB to 16 MiB that keeps the piece count near 1500: few
    enough pieces for a small .torrent, small enough that a mirror's or a peer's bad piece costs little."""
    size = MIN_PIECE
    while size < MAX_PIECE and total > size * TARGET_PIECES:
        size *= 2
    return size


@dataclass(frozen=True)
class PublishPlan:
    folder: Path
    name: str  # the torrent's name: the commit for a hub folder, else the folder's own name
    files: tuple[tuple[str, int], ...]  # (path relative to the folder, size), sorted
    hub: HubKey | None = None  # (org/name, commit, hub)
    sha256: dict[str, str] = field(default_factory=dict)  # path -> hex, from the hub manifest
    web_seeds: tuple[str, ...] = ()  # url-list entries
    skipped: tuple[str, ...] = ()  # links to folders and other entries that are not regular files
    hidden: tuple[str, ...] = ()  # hidden files and folders left out (publish them with include_hidden)

    @property
    def total(self) -> int:
        return sum(size for _, size in self.files)

    @property
    def piece_size(self) -> int:
        return piece_size_for(self.total)

    @property
    def flat(self) -> bool:
        """Files sit at the folder's top, not under a folder of the torrent's name."""
        return self.hub is not None


def _hub_manifest(folder: Path, repo: str | None) -> dict | None:
    """The one hub manifest of the folder (or the one for `repo`), parsed; None when it has none."""
    docs = []
    for m in sorted((folder / MANIFEST_DIR).glob("manifest-*.json")):
        source, files = read_manifest(m)
        if source.get("kind") in HUBS and (repo is None or source.get("repo") == repo):
            docs.append((m, source, files))
    if not docs:
        if repo is not None:
            raise BadInputError(N_("{folder} holds no model of {repo!r}."),
                                folder=short(str(folder), USER_PATH), repo=repo)
        return None
    if len(docs) > 1:
        names = ", ".join(sorted(str(source.get("repo")) for _, source, _ in docs))
        raise BadInputError(N_("{folder} holds several models ({names}); say which one with --repo ORG/NAME."),
                            folder=short(str(folder), USER_PATH), names=names)
    m, source, files = docs[0]
    commit, name = source.get("commit"), source.get("repo")
    if not isinstance(commit, str) or not COMMIT.match(commit) or not isinstance(name, str) or "/" not in name:
        raise BadInputError(N_("{manifest} names no repo and commit; it was not used."), manifest=m)
    return {"repo": name, "commit": commit, "files": files, "hub": source["kind"]}


def _web_seed(base: str, hub: HubKey | None) -> str:
    parts = split_url(base)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise BadInputError(N_("{base!r} is not an http(s) address; a web seed must be one."), base=short(base))
    if hub is None:
        return base
    return api_of(hub.ref()).web_seed(base, hub.repo)


def plan_publish(folder: str | Path, web_seeds: tuple[str, ...] = (), repo: str | None = None,
                 include_hidden: bool = False) -> PublishPlan:
    """The files and names of the torrent for `folder`. A folder a hub job filled publishes exactly the
    files its manifest lists, which must all be there at their recorded sizes; any other folder what
    publish_scan allows. Every refusal comes here, before a byte is hashed or written."""
    root = user_path(folder)
    shown = short(str(root), USER_PATH)
    if not root.is_dir():
        raise BadInputError(N_("{shown} is not a folder; publish takes a model folder."), shown=shown)
    hub = _hub_manifest(root, repo)
    skipped: list[str] = []
    hidden: list[str] = []
    if hub is not None:
        files = _hub_files(root, hub, shown)
        name = hub["commit"]
        sha = {e["path"]: e["sha256"] for e in hub["files"] if e.get("sha256")}
    else:
        scan = scan_folder(root, include_hidden)
        files, skipped, hidden = scan.files, scan.skipped, scan.hidden
        name, sha = root.name, {}
    if not files:
        raise BadInputError(N_("{shown} holds no file to publish."), shown=shown)
    if not any(size for _, size in files):
        raise BadInputError(N_("{shown} holds only empty files; a torrent needs at least one byte of data."),
                            shown=shown)
    for rel, _ in files:
        check_relative_path(rel, shown)
    check_layout([rel for rel, _ in files], shown)
    key = HubKey(hub["repo"], hub["commit"], hub["hub"]) if hub else None
    return PublishPlan(
        folder=root, name=name, files=tuple(files),
        hub=key, sha256=sha, web_seeds=tuple(dict.fromkeys(_web_seed(b, key) for b in web_seeds)),
        skipped=tuple(skipped), hidden=tuple(hidden),
    )


def _hub_files(root: Path, hub: dict, shown: str) -> list[tuple[str, int]]:
    """The manifest's files, each a regular file inside the folder at its recorded size."""
    roots = link_roots(root)
    files = []
    for e in sorted(hub["files"], key=lambda e: e["path"]):
        check_relative_path(e["path"], shown)
        real = Path(check_inside(root, e["path"], roots, shown))
        if not real.is_file() or real.stat().st_size != e["size"]:
            raise BadInputError(N_("{path} of {repo} is missing or incomplete in {shown}; run `modeldesk "
                                   "verify {shown}` and fetch it again before publishing."),
                                path=e["path"], repo=hub["repo"], shown=shown)
        files.append((e["path"], e["size"]))
    return files
