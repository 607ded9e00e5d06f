"""The engine without a screen: run loop, progress output and exit codes for the CLI."""
