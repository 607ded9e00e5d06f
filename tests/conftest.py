import pytest

from tests.helpers.cli import MdHome
from tests.helpers.keyring_session import KeyringDaemon


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

