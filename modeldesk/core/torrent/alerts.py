"""Alert → handler registry, in the manner of Deluge's alertmanager.

Handlers run on the engine thread, in registration order. A handler that raises is logged and
the others still run: one bad alert must not stop the session loop.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable
from typing import Any

import libtorrent as lt

log = logging.getLogger(__name__)

Handler = Callable[[Any], None]  # takes one libtorrent alert


class AlertDispatcher:
    def __init__(self) -> None:
        self._handlers: dict[str, list[Handler]] = defaultdict(list)
        self.register("alerts_dropped_alert", self._on_dropped)

    def register(self, alert_name: str, handler: Handler) -> None:
        if not hasattr(lt, alert_name):
            raise ValueError(f"libtorrent has no alert named {alert_name}")
        self._handlers[alert_name].append(handler)

    def dispatch(self, alerts) -> None:
        for alert in alerts:
            if log.isEnabledFor(logging.DEBUG):
                log.debug("alert %s: %s", type(alert).__name__, alert.message()[:120])
            for handler in self._handlers.get(type(alert).__name__, ()):
                try:
                    handler(alert)
                except Exception:
                    log.exception("handler for %s failed", type(alert).__name__)

    @staticmethod
    def _on_dropped(alert) -> None:
        log.warning("libtorrent dropped alerts (queue full): %s", alert.message())
