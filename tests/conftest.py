import pytest

from tests.helpers.cli import MdHome


@pytest.fixture
def md(tmp_path) -> MdHome:
    """A ModelDesk home (config, library, resume data) with loopback-only torrent settings."""
    home = MdHome(tmp_path / "mdhome")
    home.configure()
    return home
