"""Names of environment variables, timeouts and intervals shared across the engine."""

ENV_HOME = "MODELDESK_HOME"  # one folder for config + data + state; used by tests and portable installs

# Engine loop cadence.
ALERT_WAIT_MS = 250
STATUS_INTERVAL_S = 1.0
# While a torrent downloads, its resume data is refreshed this often, so that a SIGKILL loses at most
# this much progress (a few pieces at typical speeds)...
RESUME_SAVE_ACTIVE_S = 1.0
# ...but a large one (a v2 or hybrid torrent's keeps its verified hash trees, about 1/512 of the model:
# 2.1 MiB for 1 GiB) no faster than this many of its bytes per second, and at least once a minute.
# Saved every second, a 20 GiB model's 40 MiB were bencoded, written and fsynced every second.
RESUME_SAVE_BYTES_PER_S = 128 * 1024
RESUME_SAVE_IDLE_S = 60.0
PEER_SCAN_INTERVAL_S = 5.0
SHUTDOWN_TIMEOUT_S = 10.0
ALERT_QUEUE_SIZE = 10000

# Incomplete torrent files carry this suffix until libtorrent has verified every piece of them.
INCOMPLETE_SUFFIX = ".mdpart"

# HTTP connections each mirror of a file may get at most (like aria2c -x), unless the user says;
# the tuner finds the count that pays below it. MAX_HTTP_CONNECTIONS bounds a file over all mirrors.
HTTP_CONNECTIONS = 16
MAX_HTTP_CONNECTIONS = 64

# A .torrent fetched over HTTP is refused past this size.
MAX_TORRENT_BYTES = 50 * 1024 * 1024
ENV_HF_TOKEN = "HF_TOKEN"  # honoured for the official hub, as huggingface_hub does
ENV_HF_HOME = "HF_HOME"  # the hub's token file is $HF_HOME/token (default $XDG_CACHE_HOME/huggingface/token)
ENV_HF_TOKEN_PATH = "HF_TOKEN_PATH"  # the hub's token file named outright
ENV_HF_HUB_CACHE = "HF_HUB_CACHE"  # the hub cache (default $HF_HOME/hub), where from_pretrained looks
# Tokens for other hosts where no keyring exists (servers, containers, CI), never written by us:
ENV_TOKENS = "MODELDESK_TOKENS"  # "host=token" pairs, separated by spaces, commas or newlines
ENV_TOKEN_FILE = "MODELDESK_TOKEN_FILE"  # a file the user keeps, one "host=token" per line (# comments)
OFFICIAL_HUB_HOST = "huggingface.co"

LOCK_NAME = "modeldesk.lock"  # a project's pinned models (core/lockfile.py)
