"""Projects and their lock: modeldesk.toml, modeldesk.lock, lock status, verify, sync's care for the user's files."""
