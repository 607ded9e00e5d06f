"""Translated words for core values: job states, kinds, status filters."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from modeldesk.core.models import JobKind, JobState


def state_label(state: JobState) -> str:
    t = QCoreApplication.translate
    return {
        JobState.QUEUED: t("State", "Queued"),
        JobState.METADATA: t("State", "Fetching metadata"),
        JobState.CHECKING: t("State", "Checking"),
        JobState.DOWNLOADING: t("State", "Downloading"),
        JobState.SEEDING: t("State", "Seeding"),
        JobState.FINISHED: t("State", "Finished"),
        JobState.PAUSED: t("State", "Paused"),
        JobState.ERROR: t("State", "Error"),
    }[state]


def kind_label(kind: JobKind, source_kind: str) -> str:
    t = QCoreApplication.translate
    if kind is JobKind.BT:
        return t("Kind", "BitTorrent")
    return t("Kind", "Hub") if source_kind == "hf" else t("Kind", "HTTP")


def fmt_duration(seconds: int | None) -> str:
    t = QCoreApplication.translate
    if seconds is None:
        return "∞"
    if seconds < 60:
        return t("Duration", "%1 s").replace("%1", str(seconds))
    if seconds < 3600:
        return t("Duration", "%1 min %2 s").replace("%1", str(seconds // 60)).replace("%2", str(seconds % 60))
    if seconds < 86400:
        return t("Duration", "%1 h %2 min").replace("%1", str(seconds // 3600)).replace(
            "%2", str(seconds % 3600 // 60))
    return t("Duration", "%1 d %2 h").replace("%1", str(seconds // 86400)).replace("%2", str(seconds % 86400 // 3600))
