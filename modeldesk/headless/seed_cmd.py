"""`seed`: one torrent's data from a folder (`seed FILE.torrent --from DIR`), or every complete model
of the library (`seed --all`, the lab's always-on seed, which also takes models handed over to it)."""

from __future__ import annotations

from modeldesk.core.sources.adds import TorrentAdd, library_add, resolve_torrent_source
from modeldesk.core.base.errors import BadInputError
from modeldesk.core.projects.projects import user_path


def seed_dir(from_dir: str, src) -> str:
    """Accept the folder above the torrent's top folder, or the top folder itself (a hub model's
    torrent keeps its files in the folder itself: TorrentSource.flat)."""
    d = user_path(from_dir)
    name = src.name
    if src.flat:
        return str(d)
    if not (d / name).exists() and d.name == name and d.parent.exists():
        return str(d.parent)
    return str(d)


def seed_from_add(args) -> TorrentAdd:
    if not args.torrent or not args.from_dir:
        raise BadInputError("seed needs FILE.torrent and --from DIR (or --all for the whole library).")
    src = resolve_torrent_source(args.torrent)
    if not src.has_metadata:
        raise BadInputError("seed needs a .torrent file (a magnet has no file list to check).")
    return TorrentAdd(src, seed_dir(args.from_dir, src), rename_incomplete=False)


def library_seeds(paths, none_is_fine: bool = False) -> list:
    """Every complete torrent job in the library, to be added back one by one. `none_is_fine`: a library
    with none is an answer (`serve` serves what comes), not an error (`seed --all`)."""
    from modeldesk.core.library.store import Library

    if not paths.library_db.exists():
        if none_is_fine:
            return []
        raise BadInputError("The library is empty: nothing to seed.")
    lib = Library(paths.library_db)
    try:
        adds = [library_add(e, lib.torrent_bytes(e.job_id)) for e in lib.entries() if e.is_complete_torrent]
    finally:
        lib.close()
    if not adds and not none_is_fine:
        raise BadInputError("No complete model in the library to seed yet.")
    return adds


def handed_adds(command: str, args) -> tuple[list, bool]:
    """What a `get` or `seed` handed over to a running `seed --all` adds, and whether it seeds."""
    if command == "seed":
        if getattr(args, "all", False):
            raise BadInputError("A seed service already seeds this library.")
        return [seed_from_add(args)], True
    from modeldesk.headless.get_cmd import get_adds

    return get_adds(args), not args.no_seed
