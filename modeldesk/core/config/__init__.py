"""Settings, paths, the proxy, tokens (the keyring, origin-scoped credentials, the HF environment)
and the single-instance socket."""
