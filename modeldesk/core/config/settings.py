"""Typed settings with a schema version, ordered migrations and atomic save.

Unknown keys are dropped and wrong types fall back to defaults with a warning, so a hand-edited
file can never stop the app from starting.
"""

from __future__ import annotations

import dataclasses
import json
import logging
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any
from collections.abc import Callable

from modeldesk.core.base.atomic import atomic_write
from modeldesk.core.base.constants import HTTP_CONNECTIONS

log = logging.getLogger(__name__)

SCHEMA_VERSION = 2
ENCRYPTION_POLICIES = ("enabled", "forced", "disabled")
# Seed 001: cap upload at about 30% of the uplink so seeding never hurts other work.
UPLOAD_CAP_PRESET_PERCENT = 30


@dataclass(frozen=True)
class TorrentSettings:
    listen_interfaces: str = "0.0.0.0:6881,[::]:6881"
    enable_dht: bool = True
    enable_lsd: bool = True
    enable_pex: bool = True
    enable_upnp: bool = True
    enable_natpmp: bool = True
    enable_utp: bool = True  # accept peers that connect over uTP
    # Connect out over uTP too (libtorrent tries uTP first when it may). Off: out over TCP only. On a
    # lab LAN of capped links, uTP cost 3.3x the CPU per GiB and took 2.6x the optimum where TCP took
    # 1.5x (benchmarks/lab_lan.py, 8 leechers); LEDBAT also yields the link to any queue it sees.
    connect_over_utp: bool = False
    # ModelDesk leechers of one swarm split the pieces they ask a seed for first (dealing.py), so a lab
    # seed sends each piece about once.
    deal_pieces: bool = True
    encryption: str = "enabled"  # enabled | forced | disabled
    connections_limit: int = 500
    download_rate_limit: int = 0  # bytes/s, 0 = unlimited
    upload_rate_limit: int = 0
    uplink_capacity: int = 0  # bytes/s the user says their link has; the base of the 30% preset
    # Alternative limits (qBittorrent's "turtle mode"), switched on from the status bar or tray.
    alt_download_rate_limit: int = 0
    alt_upload_rate_limit: int = 0
    alt_speed_on: bool = False
    # libtorrent exempts LAN/loopback peers from rate limits; set this to limit them too.
    limit_local_peers: bool = False
    # Loopback and NAT'd campus peers share one address; a super seed must accept them all.
    allow_multiple_connections_per_ip: bool = False
    seed_ratio_limit: float = 0.0  # stop seeding at this upload/size ratio, 0 = never
    seed_time_limit_minutes: int = 0  # stop seeding after this long, 0 = never
    dht_bootstrap_nodes: str = "dht.libtorrent.org:25401,router.bittorrent.com:6881"

    @property
    def has_alt_limits(self) -> bool:
        return self.alt_download_rate_limit > 0 or self.alt_upload_rate_limit > 0

    def rate_limits(self) -> tuple[int, int]:
        """Download and upload bytes/s in force now (0 = unlimited): the alternative pair when on."""
        if self.alt_speed_on and self.has_alt_limits:
            return self.alt_download_rate_limit, self.alt_upload_rate_limit
        return self.download_rate_limit, self.upload_rate_limit

    def with_upload_cap_preset(self) -> TorrentSettings:
        """Cap upload at UPLOAD_CAP_PRESET_PERCENT of the declared uplink."""
        if self.uplink_capacity <= 0:
            raise ValueError("the upload cap preset needs uplink_capacity")
        limit = self.uplink_capacity * UPLOAD_CAP_PRESET_PERCENT // 100
        return dataclasses.replace(self, upload_rate_limit=limit)


@dataclass(frozen=True)
class HttpSettings:
    connections: int = HTTP_CONNECTIONS  # at most, per file and mirror; tuned below it
    use_official_hub: bool = True  # include https://huggingface.co among hub mirrors
    hub_mirrors: tuple[str, ...] = ()  # HF-compatible endpoints tried besides it
    use_official_ms: bool = True  # include https://modelscope.cn among ModelScope mirrors
    ms_mirrors: tuple[str, ...] = ()  # ModelScope-compatible endpoints tried besides it
    token_hosts: tuple[str, ...] = ()  # hosts the user gave a token for (the tokens are in the OS keyring)
    stall_timeout: float = 20.0

    def hub_mirrors_of(self, hub: str) -> tuple[bool, tuple[str, ...]]:
        """(ask the official hub, the mirrors set for it) for a hub's repos (RepoRef.hub: "hf", "ms")."""
        return {"ms": (self.use_official_ms, self.ms_mirrors)}.get(hub, (self.use_official_hub, self.hub_mirrors))


# system: HTTP follows HTTP(S)_PROXY/NO_PROXY from the environment, BitTorrent goes direct;
# none: everything direct; http / socks5: everything through that proxy.
PROXY_KINDS = ("system", "none", "http", "socks5")


@dataclass(frozen=True)
class ProxySettings:
    kind: str = "system"
    host: str = ""
    port: int = 1080
    username: str = ""  # its password is in the OS keyring, never here
    peers: bool = True  # BitTorrent peers, trackers and web seeds through the proxy too
    hostnames: bool = True  # let the proxy resolve host names (socks5h)

    @property
    def explicit(self) -> bool:
        return self.kind in ("http", "socks5") and bool(self.host.strip()) and 0 < self.port < 65536


LANGUAGES = ("", "en", "zh_CN")  # "" follows the system locale


@dataclass(frozen=True)
class UiSettings:
    language: str = ""
    start_minimized: bool = False  # start in the tray
    tray_notice_shown: bool = False  # "ModelDesk keeps seeding in the tray" was shown once
    window_state: str = ""  # base64 of Qt's saved geometry/state, opaque to the core
    table_state: str = ""


@dataclass(frozen=True)
class ServerSettings:
    """The lab server the app runs (Settings → Server), as `modeldesk serve` takes its options."""

    enabled: bool = False
    listen: str = "127.0.0.1:8690"
    allow_hosts: tuple[str, ...] = ()
    project_roots: tuple[str, ...] = ()  # folders remote downloads may write below
    read_token: bool = False
    mirrors: tuple[str, ...] = ()  # pull-through asks these first
    offline: bool = False  # no pull-through


@dataclass(frozen=True)
class Settings:
    torrent: TorrentSettings = field(default_factory=TorrentSettings)
    http: HttpSettings = field(default_factory=HttpSettings)
    ui: UiSettings = field(default_factory=UiSettings)
    proxy: ProxySettings = field(default_factory=ProxySettings)
    server: ServerSettings = field(default_factory=ServerSettings)
    remote_servers: tuple[str, ...] = ()  # lab servers the app is attached to (Settings → Servers)
    default_project_dir: str = ""
    recent_project_dirs: tuple[str, ...] = ()
    # How a file the library already holds is put into another project: auto (reflink, else hard link,
    # else copy), reflink, hardlink or copy; see core/placing.py.
    link_mode: str = "auto"


def _connections_became_a_cap(raw: dict[str, Any]) -> dict[str, Any]:
    """Schema 1 saved the HTTP connection count, 8 by default, as a fixed count per mirror; now it is
    the cap the tuner stays under. A file that kept the old default gets the new one."""
    http = raw.get("http")
    if isinstance(http, dict) and http.get("connections") == 8:
        raw = {**raw, "http": {k: v for k, v in http.items() if k != "connections"}}
    return raw


# Ordered migrations: MIGRATIONS[n] turns a schema-n dict into a schema-(n+1) dict.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _connections_became_a_cap}


def _migrate(raw: dict[str, Any]) -> dict[str, Any]:
    version = raw.get("schema_version", 0) or 0
    if type(version) is not int or version < 0:
        log.warning("settings: ignoring schema_version=%r", version)
        version = 0
    if version == 0:  # a file without a version is taken as the first schema
        version = 1
    if version > SCHEMA_VERSION:
        log.warning("settings file is from a newer ModelDesk (schema %s); reading what we know", version)
        return raw
    while version < SCHEMA_VERSION:
        raw = MIGRATIONS[version](raw)
        version += 1
    return raw


def _from_dict(cls: type, raw: Any) -> Any:
    if not isinstance(raw, dict):
        return cls()
    kwargs: dict[str, Any] = {}
    defaults = cls()
    for f in fields(cls):
        if f.name not in raw:
            continue
        default = getattr(defaults, f.name)
        value = raw[f.name]
        if dataclasses.is_dataclass(default):
            kwargs[f.name] = _from_dict(type(default), value)
        elif isinstance(default, tuple) and isinstance(value, list) and all(isinstance(v, str) for v in value):
            kwargs[f.name] = tuple(value)
        elif isinstance(default, bool) is isinstance(value, bool) and isinstance(value, type(default)):
            kwargs[f.name] = value
        elif isinstance(default, float) and isinstance(value, int) and not isinstance(value, bool):
            kwargs[f.name] = float(value)
        else:
            log.warning("settings: ignoring %s=%r (expected %s)", f.name, value, type(default).__name__)
    return cls(**kwargs)


def load_settings(path: Path) -> Settings:
    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings()
    except (OSError, ValueError) as exc:
        log.warning("settings file %s is unreadable (%s); using defaults", path, exc)
        return Settings()
    if not isinstance(raw, dict):
        log.warning("settings file %s is not a JSON object; using defaults", path)
        return Settings()
    settings = _from_dict(Settings, _migrate(raw))
    if settings.ui.language not in LANGUAGES:
        settings = dataclasses.replace(settings, ui=dataclasses.replace(settings.ui, language=""))
    if settings.torrent.encryption not in ENCRYPTION_POLICIES:
        settings = dataclasses.replace(
            settings, torrent=dataclasses.replace(settings.torrent, encryption="enabled")
        )
    if settings.proxy.kind not in PROXY_KINDS:
        settings = dataclasses.replace(settings, proxy=dataclasses.replace(settings.proxy, kind="system"))
    return settings


def save_settings(path: Path, settings: Settings) -> None:
    raw = dataclasses.asdict(settings)
    raw["schema_version"] = SCHEMA_VERSION
    atomic_write(Path(path), json.dumps(raw, indent=2, sort_keys=True).encode("utf-8"))
