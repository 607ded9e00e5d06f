"""The engine: pure Python, no Qt. See ../shared/design.md for the layer rules."""
