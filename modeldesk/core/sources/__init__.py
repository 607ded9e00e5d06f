"""What a user hands us (a magnet, a .torrent, a hub repo, a URL) turned into an add request; mirror probing."""
