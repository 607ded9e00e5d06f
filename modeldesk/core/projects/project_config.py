"""A project's own settings, kept with it (and in its version control) in modeldesk.toml beside
modeldesk.lock: for now the hub mirrors its models come from, as the mirror guides our users follow
set them per project. Used by `get`, `sync` and the app for any folder in the project; asked after a
mirror given once (--mirror, the add dialog's field) and before the global settings.

    [hub]
    mirrors = ["https://hf-mirror.com"]

    [hub.also]            # the same model on another hub, fetched from both at once (http/hub_pairs.py)
    "Qwen/Qwen3-0.6B" = ["ms://Qwen/Qwen3-0.6B"]
"""

from __future__ import annotations

from pathlib import Path

from modeldesk.core.base.atomic import atomic_write
from modeldesk.core.base.errors import BadInputError
from modeldesk.core.base.messages import N_
from modeldesk.core.projects.projects import find_upwards

PROJECT_CONFIG = "modeldesk.toml"
_HEADER = "# ModelDesk settings for this project; keep it in version control beside modeldesk.lock.\n"


def _mirrors_ok(mirrors: object) -> bool:
    return isinstance(mirrors, list) and all(isinstance(m, str) and m.lower().startswith(("http://", "https://"))
                                             for m in mirrors)


def _read(path: Path) -> dict:
    import tomllib  # only when a project has a modeldesk.toml: not on every get's start-up

    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise BadInputError(N_("{path} cannot be read ({exc}); fix or remove it."), path=path, exc=exc) from None
    except RecursionError:  # `x = [[[[…]]]]` thousands deep
        raise BadInputError(N_("{path} nests too deeply to be read; fix or remove it."), path=path) from None
    hub = doc.get("hub", {})
    if not isinstance(hub, dict) or not _mirrors_ok(hub.get("mirrors", [])):
        raise BadInputError(N_("{path}: [hub] mirrors must be a list of http(s) addresses."), path=path)
    if not _also_ok(hub.get("also", {})):
        raise BadInputError(N_("{path}: [hub.also] must map a repo (\"org/name\") to a list of the same model on "
                               "other hubs (\"ms://owner/name\")."), path=path)
    return doc


def _also_ok(also: object) -> bool:
    return isinstance(also, dict) and all(
        isinstance(repo, str) and isinstance(others, list)
        and all(isinstance(o, str) and o.startswith(("hf://", "ms://", "modelscope://")) for o in others)
        for repo, others in also.items())


def project_mirrors(folder: str | Path) -> tuple[str, ...]:
    """The hub mirrors of the project holding `folder` (none when no modeldesk.toml covers it)."""
    path = find_upwards(Path(folder).expanduser().absolute(), PROJECT_CONFIG)
    if path is None:
        return ()
    return tuple(m.rstrip("/") for m in _read(path).get("hub", {}).get("mirrors", []))


def project_pairs(folder: str | Path, repo_id: str) -> tuple[str, ...]:
    """The same model as `repo_id` on other hubs, as the project holding `folder` names it in [hub.also]."""
    path = find_upwards(Path(folder).expanduser().absolute(), PROJECT_CONFIG) if folder else None
    if path is None:
        return ()
    return tuple(_read(path).get("hub", {}).get("also", {}).get(repo_id, []))


def set_project_mirrors(project: Path, mirrors: list[str]) -> Path:
    """Writes the project's mirrors into PROJECT/modeldesk.toml, keeping whatever else it holds."""
    import tomli_w

    if not _mirrors_ok(mirrors):
        raise BadInputError(N_("A mirror is an http(s) address, e.g. https://hf-mirror.com."))
    path = Path(project) / PROJECT_CONFIG
    doc = _read(path) if path.exists() else {}
    doc.setdefault("hub", {})["mirrors"] = [m.rstrip("/") for m in mirrors]
    atomic_write(path, (_HEADER + tomli_w.dumps(doc)).encode(), mode=0o644)
    return path
