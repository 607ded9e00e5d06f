import atexit
import os
import shutil
import tempfile

import pytest

from tests.helpers.cli import MdHome
from tests.helpers.keyring_session import KeyringDaemon

# huggingface_hub reads HF_HOME once, when it is first imported: a test's monkeypatch.setenv reaches the
# clients it starts as processes, not one imported earlier in this process. So the suite's in-process
# clients get a cache of this run's own before anything imports them, never the user's ~/.cache.
os.environ["HF_HOME"] = tempfile.mkdtemp(prefix="md-tests-hf-")
atexit.register(shutil.rmtree, os.environ["HF_HOME"], True)


@pytest.fixture
def md(tmp_path) -> MdHome:
    """A ModelDesk home (config, library, resume data) with loopback-only torrent settings."""
    home = MdHome(tmp_path / "mdhome")
    home.configure()
    return home


@pytest.fixture
def keyring_daemon(tmp_path):
    """A real, unlocked Secret Service keyring for this process (private D-Bus; not the user's keyring)."""
    with KeyringDaemon(tmp_path / "keyring-home") as k:
        yield k

