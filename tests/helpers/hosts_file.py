"""Names that resolve to loopback for one command: a private mount namespace with its own /etc/hosts
(`unshare --mount`, root only). A test can then point `huggingface.co` at a recorder on 127.0.0.1 and
see what a client would send the real host, with no packet leaving the machine."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.helpers.tools import require_tool

_BIND = 'mount --bind "$0" /etc/hosts && exec "$@"'


def loopback_names_prefix(tmp: Path, *names: str) -> list[str]:
    """The command prefix that runs a program with `names` resolving to 127.0.0.1."""
    unshare = require_tool("unshare")
    if os.geteuid() != 0:
        if os.environ.get("CI"):
            pytest.fail("a private /etc/hosts needs root, and CI runs as root")
        pytest.skip("a private /etc/hosts needs root")
    hosts = tmp / "hosts"
    hosts.write_text("127.0.0.1 localhost\n" + "".join(f"127.0.0.1 {n}\n" for n in names))
    return [unshare, "--mount", "--propagation", "private", "sh", "-c", _BIND, str(hosts)]
