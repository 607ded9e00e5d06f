"""`publish` from start to end, for the CLI and the desktop alike: what SOURCE names (a folder, or a
finished library job), the plan, the .torrent hashed and written (never over another torrent), its
magnet, and the job that seeds it from the folder."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from modeldesk.core.contracts.model_kinds import FACTS, ModelKind, kind_of
from modeldesk.core.sources.adds import TorrentAdd
from modeldesk.core.base.atomic import atomic_write
from modeldesk.core.base.errors import BadInputError
from modeldesk.core.base.messages import N_
from modeldesk.core.base.os_reasons import os_reason
from modeldesk.core.config.paths import AppPaths
from modeldesk.core.base.pathsafety import USER_PATH, short
from modeldesk.core.projects.projects import user_path
from modeldesk.core.publish.publishing import PublishPlan, plan_publish


@dataclass(frozen=True)
class PublishOptions:
    web_seeds: tuple[str, ...] = ()
    trackers: tuple[str, ...] = ()
    private: bool = False
    comment: str = ""
    v1_only: bool = False
    repo: str | None = None  # which model, when a folder holds several
    include_hidden: bool = False  # hidden files and folders too (credentials are refused all the same)


@dataclass(frozen=True)
class Published:
    plan: PublishPlan
    torrent: bytes
    out: Path
    magnet: str
    btih: str
    btmh: str | None

    @property
    def name(self) -> str:
        """What people see: the repo for a hub model (its torrent is named by the commit)."""
        return self.plan.hub[0] if self.plan.hub else self.plan.name

    def seed_add(self, seed: bool = True) -> TorrentAdd:
        """The library job of the published torrent, checked against the folder (and seeded)."""
        from modeldesk.core.torrent.sources import parse_torrent_bytes

        save = self.plan.folder if self.plan.flat else self.plan.folder.parent
        return TorrentAdd(parse_torrent_bytes(self.torrent, str(self.out)), str(save), seed=seed,
                          rename_incomplete=False)


def _library_folder(text: str, paths: AppPaths) -> tuple[Path, str | None] | None:
    """A finished library job named by its id or name: its model folder and, for a hub job, its repo."""
    if not paths.library_db.exists():
        return None
    from modeldesk.core.library.store import Library

    lib = Library(paths.library_db)
    try:
        matches = [e for e in lib.entries() if text in (e.job_id, e.name)]
        torrents = {e.job_id: lib.torrent_bytes(e.job_id) for e in matches if kind_of(e) is ModelKind.TORRENT}
    finally:
        lib.close()
    if not matches:
        return None
    if len(matches) > 1:
        raise BadInputError(N_("Several library jobs are named {text!r}; publish one by its folder or job id."),
                            text=text)
    e = matches[0]
    if kind_of(e) is ModelKind.TORRENT:
        from modeldesk.core.torrent.publish import magnet_of

        torrent = torrents[e.job_id]
        link = magnet_of(torrent) if torrent else e.source
        raise BadInputError(N_("{name} already is a torrent; share it with: {link}"), name=e.name, link=link)
    if e.progress < 1.0:
        raise BadInputError(N_("{name} is not complete yet ({percent:.0f}%); publish it once it is."),
                            name=e.name, percent=e.progress * 100)
    return Path(e.project_dir), e.name if FACTS[kind_of(e)].manifest else None


def plan_for(source: str, options: PublishOptions, paths: AppPaths) -> PublishPlan:
    """SOURCE: a folder, else a library job's name or id."""
    folder = user_path(source)
    repo = options.repo
    if not folder.is_dir():
        found = _library_folder(source, paths)
        if found is None:
            raise BadInputError(N_("{source} is neither a folder nor a job of the library (see `modeldesk list`)."),
                                source=short(source, USER_PATH))
        folder, repo = found[0], repo or found[1]
    plan = plan_publish(folder, options.web_seeds, repo, options.include_hidden)
    if plan.hub is not None and plan.sha256:
        _check_hub_files(plan, paths)
    return plan


def _check_hub_files(plan: PublishPlan, paths: AppPaths) -> None:
    """A hub model is published under its repo and commit: each file must still be that commit's (a file
    edited since the download would be seeded to everyone as the repo's). The library's index spares a
    file whose stat is unchanged since it was hashed."""
    from modeldesk.core.library.store import Library

    lib = Library(paths.library_db)
    try:
        for rel, _size in plan.files:
            want = plan.sha256.get(rel)
            if want and lib.blobs.hash(plan.folder / rel) != want:
                repo, commit, _ = plan.hub or ("", "", "")
                raise BadInputError(
                    N_("{rel} in {folder} is no longer the file of {repo}@{commit} (its sha256 differs: it was "
                       "changed since it was downloaded). Nothing was published; run `modeldesk verify {folder}` "
                       "and fetch it again, or publish a copy of the folder without its .modeldesk/ as a model "
                       "of your own."), rel=rel, folder=short(str(plan.folder), USER_PATH), repo=repo,
                    commit=commit[:12])
    except OSError as exc:
        raise BadInputError(N_("{folder} cannot be read to check it: {reason}."),
                            folder=short(str(plan.folder), USER_PATH), reason=os_reason(exc)) from None
    finally:
        lib.close()


def default_out(plan: PublishPlan) -> Path:
    """Beside the folder, named after it."""
    return plan.folder.parent / f"{plan.folder.name}.torrent"


def write_torrent(out: Path, torrent: bytes) -> None:
    """A file already there with other bytes is the user's: it is not replaced."""
    if out.exists() or out.is_symlink():
        if out.is_file() and not out.is_symlink() and out.read_bytes() == torrent:
            return
        if out.is_file() and not out.is_symlink() and out.read_bytes()[:1] == b"d":
            raise BadInputError(N_("{out} already exists and holds another torrent; choose another file for "
                                   "this one (--out FILE)."), out=short(str(out), USER_PATH))
        raise BadInputError(N_("{out} already exists (and is not a .torrent); it was left as it is. Choose another "
                               "file for the torrent (--out FILE)."), out=short(str(out), USER_PATH))
    try:
        atomic_write(out, torrent, mode=0o644)
    except OSError as exc:
        raise BadInputError(N_("{out} cannot be written: {strerror}."),
                            out=short(str(out), USER_PATH), strerror=os_reason(exc)) from None


def _per_percent(progress: Callable[[int, int], None]) -> Callable[[int, int], None]:
    shown = [-1]

    def step(done: int, total: int) -> None:
        pct = done * 100 // max(1, total)
        if pct != shown[0]:
            shown[0] = pct
            progress(done, total)
    return step


def publish(plan: PublishPlan, out: Path, options: PublishOptions,
            progress: Callable[[int, int], None] | None = None) -> Published:
    """Hash the files (minutes for a big model: call off the GUI thread), write the .torrent.
    `progress(pieces hashed, pieces)` is called once per percent, not per piece."""
    from modeldesk.core.torrent.publish import build_torrent, info_hashes, magnet_of

    torrent = build_torrent(plan, options.trackers, options.private, options.comment,
                            _per_percent(progress) if progress else None, v1_only=options.v1_only)
    write_torrent(out, torrent)
    v1, v2 = info_hashes(torrent)
    return Published(plan, torrent, out, magnet_of(torrent, plan.hub[0] if plan.hub else plan.name), v1, v2)
