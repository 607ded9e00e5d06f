"""Finding external tools: in CI a missing tool fails the test; on a laptop it skips it."""

import os
import shutil

import pytest


def require_tool(name: str) -> str:
    path = shutil.which(name)
    if path:
        return path
    if os.environ.get("CI"):
        pytest.fail(f"{name} is required in CI but is not installed (see packaging/dev.sh)")
    pytest.skip(f"{name} not installed")
