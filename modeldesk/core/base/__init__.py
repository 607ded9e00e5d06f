"""The bottom layer: messages and errors, OS reasons, constants, atomic and confined file writes,
units, repo ids, path and URL checks. It imports nothing else of ModelDesk."""
