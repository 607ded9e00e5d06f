"""Publishing a model folder as a deterministic torrent: the scan, the plan, the flow."""
