"""The only package that imports libtorrent."""
