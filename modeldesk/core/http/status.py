"""The one place an HTTP answer becomes a typed ModelDesk error (as huggingface_hub's
`hf_raise_for_status` is for the hub client): hub API calls, .torrent fetches, and mirror downloads
(whose per-mirror faults are summed up when no mirror is left) all read a status the same way.

A status is one of four kinds: `denied` (401/403: gated or private), `missing` (404/410), `retry`
(408/425/429/5xx: worth another try later, maybe after Retry-After) and `other`. The hub's
X-Error-Code header (GatedRepo, RepoNotFound, RevisionNotFound, EntryNotFound) refines the sentence.
"""

from __future__ import annotations

from dataclasses import dataclass

import requests

from modeldesk.core.base.errors import AccessDeniedError, BadSourceError, ModelDeskError, NetworkError
from modeldesk.core.base.messages import N_, Message

DENIED, MISSING, RETRY, OTHER = "denied", "missing", "retry", "other"
_KINDS = {401: DENIED, 403: DENIED, 404: MISSING, 410: MISSING,
          408: RETRY, 425: RETRY, 429: RETRY, 500: RETRY, 502: RETRY, 503: RETRY, 504: RETRY}


@dataclass(frozen=True)
class HttpProblem:
    status: int
    kind: str
    hub_code: str = ""  # X-Error-Code
    retry_after: float | None = None

    @property
    def final(self) -> bool:
        """The server will not serve this (not found, or not to us): asking it again will not help."""
        return self.kind in (DENIED, MISSING)

    def __str__(self) -> str:
        return f"HTTP {self.status}" + (f" {self.hub_code}" if self.hub_code else "")


def _retry_after(resp: requests.Response) -> float | None:
    try:
        return min(300.0, max(0.0, float(resp.headers.get("Retry-After", ""))))
    except ValueError:
        return None


def problem_of(resp: requests.Response) -> HttpProblem | None:
    """None for a success; otherwise what kind of failure the answer is."""
    if resp.status_code < 400:
        return None
    return HttpProblem(resp.status_code, _KINDS.get(resp.status_code, OTHER),
                       resp.headers.get("X-Error-Code", ""), _retry_after(resp))


def error_for(p: HttpProblem, what: str, where: str, revision: str = "") -> ModelDeskError:
    """The sentence for one failed answer about `what` (a repo id or a URL) from `where` (a host or an
    endpoint); `revision` names the revision asked for, for the hub's RevisionNotFound."""
    if p.hub_code == "GatedRepo" or (p.status == 403 and p.hub_code != "RepoNotFound"):
        return AccessDeniedError(N_("{what} is gated or private on {where}: accept its licence on its page "
                                    "and set a token for that host."), what=what, where=where)
    if p.hub_code == "RepoNotFound" or p.status == 401:
        return BadSourceError(N_("{what} was not found on {where} (or it is private and needs a token). "
                                 "Check the name."), what=what, where=where)
    if p.hub_code == "RevisionNotFound":
        return BadSourceError(N_("{what} has no revision {revision!r} on {where}."),
                              what=what, revision=revision, where=where)
    if p.kind == MISSING:
        return BadSourceError(N_("{what}: not found on {where} ({problem}). Check the link."),
                              what=what, where=where, problem=p)
    return NetworkError(N_("{what}: {where} answered {problem}. Try again later."), what=what, where=where, problem=p)


def raise_for_status(resp: requests.Response, what: str, where: str, revision: str = "") -> None:
    p = problem_of(resp)
    if p is not None:
        raise error_for(p, what, where, revision)


def no_mirror_error(name: str, statuses: list[int], detail: str, xet: bool, hint: Message | str) -> ModelDeskError:
    """When every mirror of a file has failed: `statuses` holds each mirror's final status (0 for one
    that only timed out, stalled, errored or lied), `detail` what each said."""
    kinds = {_KINDS.get(s, OTHER) if s else None for s in statuses}
    if kinds == {DENIED}:
        return AccessDeniedError(N_("{name}: access denied by every mirror ({detail}). The file is gated or "
                                    "private: accept its licence on its page, or set a token."),
                                 name=name, detail=detail)
    if xet and MISSING in kinds:  # listed, yet a mirror says there is no such file
        return BadSourceError(N_("{name}: the hub stores this file with Xet, and no mirror here serves it as "
                                 "a plain download ({detail}). Add a mirror that passes Xet files on (the "
                                 "official hub does), or leave the file out with --exclude."), name=name, detail=detail)
    if kinds == {MISSING}:
        return BadSourceError(N_("{name}: not found on any mirror ({detail}). Check the URL."),
                              name=name, detail=detail)
    return NetworkError(N_("{name}: no mirror could serve it ({detail}). Try again later; "
                           "finished bytes are kept.{proxy_hint}"), name=name, detail=detail, proxy_hint=hint)
