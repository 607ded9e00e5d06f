"""The one place that decides what a text a user hands us is: a magnet, an info-hash, a .torrent
(a path, or an http(s) URL of one), a hub repo, or a plain file URL. The add dialog, the command line,
a drop, the clipboard and the single-instance hand-over all ask here; each parser is then called by
kind and never decides again. Pure: no network, no file is read."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from modeldesk.core.base.errors import BadSourceError
from modeldesk.core.base.urls import host_of, is_http_url, split_url
from modeldesk.core.contracts.source_kind import SourceKind
from modeldesk.core.config.hf_env import endpoints_from_env
from modeldesk.core.config.settings import HttpSettings
from modeldesk.core.http.hf_api import KNOWN_HUB_HOSTS
from modeldesk.core.http.hub import is_hub_url

_INFO_HASH = re.compile(r"[0-9a-fA-F]{40}|[0-9a-fA-F]{64}")
_B32 = re.compile(r"[A-Za-z2-7]{32}")


@dataclass(frozen=True)
class Source:
    kind: SourceKind
    text: str  # as typed, stripped

    @property
    def is_url(self) -> bool:
        """Fetched over http(s) (a .torrent URL), not read from disk."""
        return is_http_url(self.text)


def hub_hosts(mirrors: Iterable[str] = (), http: HttpSettings | None = None) -> frozenset[str]:
    """The hosts whose org/name URLs are hub repos: the known hubs, HF_ENDPOINT's, `mirrors`', and
    each hub's mirrors in the settings `http` (named as that hub's api names them: hub_api.hosts_of)."""
    from modeldesk.core.http.hub_api import hub_apis

    env = {host_of(e) for e in endpoints_from_env()} - {""}
    hosts = set(KNOWN_HUB_HOSTS) | env | {split_url(m).netloc for m in mirrors}
    if http is not None:
        for api in hub_apis():
            hosts |= api.hosts_of(http.hub_mirrors_of(api.scheme)[1])
    return frozenset(hosts)


def hub_of(text: str, hosts: frozenset[str] = frozenset()) -> str:
    """Which hub a hub source is on: "ms" for ModelScope's, else "hf" (Hugging Face and its mirrors)."""
    from modeldesk.core.http.hub_api import api_for_source

    api = api_for_source(text.strip(), hosts)
    return api.scheme if api is not None else "hf"


def classify(text: str, hosts: frozenset[str] | set[str] | None = None) -> Source:
    """What `text` is. Anything that is no link and no info-hash is taken for a .torrent path; reading
    it says what is wrong with it. A URL's kind is read from its shape and `hosts` (hub_hosts() when
    None) alone."""
    t = text.strip()
    hosts = hub_hosts() if hosts is None else hosts
    if t.lower().startswith("magnet:"):
        return Source(SourceKind.MAGNET, t)
    if is_hub_url(t, hosts):  # hf://…, ms://…, or a repo URL on a hub host or of a repo's shape
        return Source(SourceKind.HUB, t)
    if is_http_url(t):
        kind = SourceKind.TORRENT if split_url(t).path.lower().endswith(".torrent") else SourceKind.FILE
        return Source(kind, t)
    if _INFO_HASH.fullmatch(t) or (_B32.fullmatch(t) and not _names_a_file(t)):
        return Source(SourceKind.INFO_HASH, t)
    return Source(SourceKind.TORRENT, t)


def _names_a_file(text: str) -> bool:
    """32 base32 letters may also be a file's name (the one check of the disk here, kept from before)."""
    try:
        return Path(os.path.expanduser(text)).exists()
    except (OSError, ValueError):
        return False


def is_source(text: str) -> bool:
    """Whether a line of a drop, of the clipboard or of `modeldesk WORD` is worth adding: a link, an
    info-hash or a .torrent name. Other text would only be read as a .torrent path that is not one."""
    try:
        src = classify(text)
    except BadSourceError:  # a link that does not parse: its sentence comes when it is added
        return True
    return src.kind is not SourceKind.TORRENT or src.is_url or src.text.lower().endswith(".torrent")


def absolute_sources(sources: list[str]) -> list[str]:
    """Paths made absolute, for a running instance with another working folder; links left as typed."""
    out = []
    for s in sources:
        p = Path(os.path.expanduser(s))
        try:
            src = classify(s)
            local = src.kind is SourceKind.TORRENT and not src.is_url and "://" not in s and p.exists()
        except (BadSourceError, OSError, ValueError):  # a broken link, a name too long or with a NUL: as typed
            local = False
        out.append(str(p.resolve()) if local else s)
    return out
