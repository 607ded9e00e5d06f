"""Translated words for core values: job states, kinds, durations."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from modeldesk.core.contracts.model_kinds import ModelKind, Stored, kind_of
from modeldesk.core.contracts.models import JobState


def state_label(state: JobState) -> str:
    return {
        JobState.QUEUED: QCoreApplication.translate("State", "Queued"),
        JobState.METADATA: QCoreApplication.translate("State", "Fetching metadata"),
        JobState.CHECKING: QCoreApplication.translate("State", "Checking"),
        JobState.DOWNLOADING: QCoreApplication.translate("State", "Downloading"),
        JobState.SEEDING: QCoreApplication.translate("State", "Seeding"),
        JobState.FINISHED: QCoreApplication.translate("State", "Finished"),
        JobState.PAUSED: QCoreApplication.translate("State", "Paused"),
        JobState.ERROR: QCoreApplication.translate("State", "Error"),
    }[state]


def kind_label(row: Stored) -> str:
    return {
        ModelKind.TORRENT: QCoreApplication.translate("Kind", "BitTorrent"),
        ModelKind.HUB_REPO: QCoreApplication.translate("Kind", "Hub"),
        ModelKind.URL_FILE: QCoreApplication.translate("Kind", "HTTP"),
    }[kind_of(row)]


def _fill(text: str, *values: int) -> str:
    for i, v in enumerate(values, 1):
        text = text.replace(f"%{i}", str(v))
    return text


def fmt_duration(seconds: int | None) -> str:
    if seconds is None:
        return "∞"
    if seconds < 60:
        return _fill(QCoreApplication.translate("Duration", "%1 s"), seconds)
    if seconds < 3600:
        return _fill(QCoreApplication.translate("Duration", "%1 min %2 s"), seconds // 60, seconds % 60)
    if seconds < 86400:
        return _fill(QCoreApplication.translate("Duration", "%1 h %2 min"), seconds // 3600, seconds % 3600 // 60)
    return _fill(QCoreApplication.translate("Duration", "%1 d %2 h"), seconds // 86400, seconds % 86400 // 3600)
