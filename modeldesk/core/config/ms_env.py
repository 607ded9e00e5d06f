"""What the official `modelscope` client reads from the environment, read as it reads it: the
endpoint (MODELSCOPE_ENDPOINT, a full URL, before the older MODELSCOPE_DOMAIN, a host reached over
https) and the token (MODELSCOPE_API_TOKEN)."""

from __future__ import annotations

import os


def ms_endpoints_from_env() -> list[str]:
    if ep := os.environ.get("MODELSCOPE_ENDPOINT", "").strip().rstrip("/"):
        return [ep]
    if domain := os.environ.get("MODELSCOPE_DOMAIN", "").strip().strip("/"):
        return [domain if "://" in domain else f"https://{domain}"]
    return []


def ms_token_from_env() -> str | None:
    return os.environ.get("MODELSCOPE_API_TOKEN", "").strip() or None
