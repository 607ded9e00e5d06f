"""Add from clipboard takes what the add dialog takes: before one classifier, a bare info-hash on the
clipboard was ignored (the clipboard kept only magnet:, hf:// and http(s) lines)."""

from __future__ import annotations

import base64

import pytest
from PySide6.QtGui import QGuiApplication

from modeldesk.ui.add_dialog import AddDialog

HEX = "8d2de96a95c9dfe5bef5b17575e3728a9694bff8"


def _pasted(window) -> list[str]:
    before = set(window.findChildren(AddDialog))
    window.dialogs.paste_source()
    return [d.source.text() for d in window.findChildren(AddDialog) if d not in before]


@pytest.mark.parametrize("text", [HEX, HEX.upper(), base64.b32encode(bytes.fromhex(HEX)).decode(), "ab" * 32,
                                  f"magnet:?xt=urn:btih:{HEX}", "hf://acme/tts@main", "https://example.org/w.bin"])
def test_a_source_on_the_clipboard_opens_the_add_dialog_with_it(window, text):
    QGuiApplication.clipboard().setText(f"\n  {text}  \nsome other line\n")
    assert _pasted(window) == [text]


@pytest.mark.parametrize("text", ["hello world", "acme/tts", "notes.txt"])
def test_other_text_on_the_clipboard_opens_nothing(window, text):
    QGuiApplication.clipboard().setText(text)
    assert _pasted(window) == []
