"""What huggingface_hub reads from the environment, read as it reads it: where it keeps its files,
HF_ENDPOINT and HF_HUB_OFFLINE."""

from __future__ import annotations

import os
from pathlib import Path

from modeldesk.core.base.constants import ENV_HF_HOME, ENV_HF_HUB_CACHE


def hf_home() -> Path:
    """HF_HOME, else XDG_CACHE_HOME/huggingface (~/.cache when XDG_CACHE_HOME is unset)."""
    cache = os.environ.get("XDG_CACHE_HOME", "").strip() or str(Path.home() / ".cache")
    return Path(os.environ.get(ENV_HF_HOME, "").strip() or str(Path(cache) / "huggingface")).expanduser()


def hub_cache_dir() -> Path:
    """HF_HUB_CACHE (or its old name HUGGINGFACE_HUB_CACHE), else HF_HOME/hub."""
    for name in (ENV_HF_HUB_CACHE, "HUGGINGFACE_HUB_CACHE"):
        if value := os.environ.get(name, "").strip():
            return Path(value).expanduser()
    return hf_home() / "hub"


def hub_offline() -> bool:
    """HF_HUB_OFFLINE read as huggingface_hub reads a boolean variable (1, ON, YES, TRUE)."""
    return os.environ.get("HF_HUB_OFFLINE", "").strip().upper() in {"1", "ON", "YES", "TRUE"}


def endpoints_from_env() -> list[str]:
    ep = os.environ.get("HF_ENDPOINT", "").rstrip("/")
    return [ep] if ep else []
