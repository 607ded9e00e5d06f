"""Desktop notifications over the freedesktop.org service (org.freedesktop.Notifications on the session
bus), for desktops with no tray to show a balloon from (stock GNOME, tiling window managers).

jeepney speaks D-Bus here, not QtDBus: QtDBus from Python cannot send the uint32 `replaces_id` that
Notify's signature asks for (PySide6 passes every int as int32 and the service refuses the call), and
jeepney is already installed with keyring, for the Secret Service. Calls block for at most a few seconds;
the app makes them off the GUI thread."""

from __future__ import annotations

import html
import logging
from dataclasses import dataclass
from pathlib import Path

from modeldesk.desktop_entry import freedesktop

log = logging.getLogger(__name__)
SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
CALL_TIMEOUT_S = 3.0
SHOW_MS = 8000  # how long a notification stays up (-1 would be the server's own default)
URGENCY_NORMAL = 1


@dataclass(frozen=True)
class Notice:
    summary: str
    body: str
    category: str  # transfer.complete, transfer.error, or transfer (freedesktop categories)
    icon: Path | None = None


def send(notice: Notice, app_name: str, desktop_entry: str) -> int | None:
    """Show the notice; its id, or None when no notification service answered (logged, never raised).
    The body is escaped: servers may read it as markup, and a model's name is a stranger's text."""
    if not freedesktop():
        return None
    from jeepney import DBusAddress, new_method_call
    from jeepney.io.blocking import open_dbus_connection
    from jeepney.wrappers import DBusErrorResponse, unwrap_msg

    address = DBusAddress(PATH, bus_name=SERVICE, interface=SERVICE)
    hints = {"urgency": ("y", URGENCY_NORMAL), "desktop-entry": ("s", desktop_entry),
             "category": ("s", notice.category)}
    icon = notice.icon.as_uri() if notice.icon is not None and notice.icon.is_absolute() else ""
    body = html.escape(notice.body, quote=False)
    message = new_method_call(address, "Notify", "susssasa{sv}i",
                              (app_name, 0, icon, notice.summary, body, [], hints, SHOW_MS))
    try:
        with open_dbus_connection(bus="SESSION") as conn:
            (notification_id,) = unwrap_msg(conn.send_and_get_reply(message, timeout=CALL_TIMEOUT_S))
    except (OSError, KeyError, ValueError, TimeoutError, DBusErrorResponse) as exc:
        # KeyError: no DBUS_SESSION_BUS_ADDRESS; DBusErrorResponse: no service owns the name.
        log.info("no desktop notification (%s: %s)", type(exc).__name__, exc)
        return None
    return int(notification_id)
