"""Widgets only: they talk to the engines through modeldesk.bridge."""
