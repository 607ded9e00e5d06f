"""What several commands' parsers share: the exit codes and the options of every transfer."""

from __future__ import annotations

import argparse

EXIT_CODES = """exit codes:
  0    complete (every selected file downloaded and verified, or seeding limit reached)
  2    bad input (malformed magnet, broken .torrent, missing file, unusable folder)
  3    network (no metadata or no data from any peer within --timeout)
  4    disk (no space left, write error)
  130  interrupted (Ctrl-C or SIGTERM); run the same command again to resume
"""

RAW = argparse.RawDescriptionHelpFormatter


def add_transfer_options(p: argparse.ArgumentParser, bt_listen: str = "--listen") -> None:
    p.add_argument("--json", action="store_true", help="one JSON object per event and progress tick")
    p.add_argument("--timeout", type=float, default=0, metavar="SECONDS",
                   help="give up (exit 3) after this long without metadata or new data; 0 = never")
    p.add_argument("--upload-limit", metavar="RATE", help="e.g. 2M, 500K, 10Mbit, or 30%% of --uplink")
    p.add_argument("--download-limit", metavar="RATE", help="e.g. 20M; 0 = unlimited")
    p.add_argument("--uplink", metavar="RATE", help="your uplink speed, the base of a %% upload limit")
    p.add_argument("--lan-unlimited", action="store_true",
                   help="peers on the local network are exempt from the limits (given on the command line, the "
                        "limits apply to every peer)")
    p.add_argument("--seed-ratio", type=float, metavar="RATIO", help="stop seeding at this upload/size ratio")
    p.add_argument("--seed-time", type=int, metavar="MINUTES", help="stop seeding after this many minutes")
    p.add_argument(bt_listen, dest="listen", metavar="INTERFACES",
                   help="libtorrent listen interfaces, e.g. 0.0.0.0:6881")
    p.add_argument("--link-mode", choices=("auto", "reflink", "hardlink", "copy"),
                   help="how a file the library already holds is placed instead of downloaded (default: the "
                        "setting, auto: reflink, else hardlink, else copy)")
    p.add_argument("-v", "--verbose", action="store_true", help="log engine details to stderr")
    p.add_argument("-q", "--quiet", action="store_true", help="print errors and the result only, no progress")
