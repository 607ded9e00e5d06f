"""ModelDesk: get AI models onto disk over BitTorrent and HTTP mirrors, and keep sharing them."""

__version__ = "0.1.0"
