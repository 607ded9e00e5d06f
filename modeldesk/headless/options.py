"""The command line's transfer options laid over the saved settings, for one run."""

from __future__ import annotations

import dataclasses

from modeldesk.core.config.paths import AppPaths
from modeldesk.core.config.settings import Settings, load_settings
from modeldesk.core.base.units import parse_rate


def settings_for(args, paths: AppPaths) -> Settings:
    """The settings file with this run's transfer options (--upload-limit, --seed-ratio, …) over it."""
    settings = load_settings(paths.settings_file)
    t = settings.torrent
    if args.uplink:
        t = dataclasses.replace(t, uplink_capacity=parse_rate(args.uplink))
    if args.upload_limit:
        t = dataclasses.replace(t, upload_rate_limit=parse_rate(args.upload_limit, t.uplink_capacity))
    if args.download_limit:
        t = dataclasses.replace(t, download_rate_limit=parse_rate(args.download_limit))
    if args.upload_limit or args.download_limit or args.lan_unlimited:
        # A limit given for this run means every peer: a lab seed capped at 30% of its uplink must not
        # serve the LAN at full speed (libtorrent exempts local peers unless told otherwise).
        t = dataclasses.replace(t, limit_local_peers=not args.lan_unlimited)
    if args.seed_ratio is not None:
        t = dataclasses.replace(t, seed_ratio_limit=args.seed_ratio)
    if args.seed_time is not None:
        t = dataclasses.replace(t, seed_time_limit_minutes=args.seed_time)
    if args.listen:
        t = dataclasses.replace(t, listen_interfaces=args.listen)
    if args.link_mode:
        settings = dataclasses.replace(settings, link_mode=args.link_mode)
    return dataclasses.replace(settings, torrent=t)


# Arguments that name a place on disk, checked once (user_path) before any command reads them: the
# `source` of publish and the `torrent` of seed may also be a job name or a URL, and are checked as paths
# only where they are not.
_PATH_ARGS = ("to", "hub_cache", "from_dir", "out", "project", "folder")


def check_path_arguments(args) -> None:
    """TargetDirError, with a sentence, for a path argument no file system could take (empty, not UTF-8,
    ~nouser, too long)."""
    from modeldesk.core.projects.projects import user_path

    for name in _PATH_ARGS:
        value = getattr(args, name, None)
        if isinstance(value, str) and (value or name != "hub_cache"):  # a bare --hub-cache means the default
            user_path(value)
    torrent = getattr(args, "torrent", None) or ""
    if args.command == "publish" or (args.command == "seed" and torrent and "://" not in torrent
                                     and not torrent.startswith("magnet:")):
        user_path(args.source if args.command == "publish" else args.torrent)
