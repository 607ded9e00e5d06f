"""Sentences for the user, kept as an English template and its values so each front end can word them.

The core has no Qt. A template is marked with N_() where it is written: Qt's lupdate finds those marks
(packaging/i18n.sh names N_ as an alias of QT_TR_NOOP), the app renders a Message through Qt's translator
(bridge.message_text), and the command line prints str(message), which is the English sentence.
Values stay values until rendering, so a number keeps its format spec and an error given as a value is
worded in the same language as the sentence around it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Translate = Callable[[str], str]


def N_(template: str) -> str:  # the gettext name for "mark for translation, translate later"
    """Marks an English template for the translation catalogue and returns it unchanged."""
    return template


@dataclass(frozen=True)
class Message:
    template: str
    params: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def of(cls, template: str, **params: Any) -> Message:
        return cls(template, tuple(params.items()))

    def __str__(self) -> str:
        return render(self, _english)

    def __bool__(self) -> bool:  # the empty message says nothing
        return bool(self.template)

    def stored(self) -> str:
        """The message as one line of JSON, to keep in the library and render again after a restart."""
        return json.dumps(_to_plain(self), ensure_ascii=False)

    @classmethod
    def from_stored(cls, text: str) -> Message:
        """A stored message; text from before messages were stored (or any other text) stays as it is."""
        if text.startswith('{"t"'):
            try:
                found = _from_plain(json.loads(text))
            except (ValueError, TypeError, KeyError):
                found = None
            if isinstance(found, Message):
                return found
        return cls(text)


def _english(template: str) -> str:
    return template


def message_of(value: Any) -> Message | None:
    """The Message an error carries (a ModelDeskError), or the value itself when it is one."""
    if isinstance(value, Message):
        return value
    found = getattr(value, "message", None)
    return found if isinstance(found, Message) else None


def render(message: Message, translate: Translate) -> str:
    """The sentence in the language `translate` gives; the English template when a translation is broken."""
    if not message.params:
        return translate(message.template)
    values = {k: _value(v, translate) for k, v in message.params}
    try:
        return translate(message.template).format_map(values)
    except (KeyError, IndexError, ValueError):  # a translation that names a value the template has not
        return message.template.format_map(values)


def _value(value: Any, translate: Translate) -> Any:
    inner = message_of(value)
    if inner is not None:
        return render(inner, translate)
    if isinstance(value, list | tuple) and value and all(message_of(v) is not None for v in value):
        return "; ".join(_value(v, translate) for v in value)
    return value


def _to_plain(value: Any) -> Any:
    inner = message_of(value)
    if inner is not None:
        return {"t": inner.template, "p": {k: _to_plain(v) for k, v in inner.params}}
    if isinstance(value, list | tuple):
        return [_to_plain(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def _from_plain(value: Any) -> Any:
    if isinstance(value, dict):
        return Message(str(value["t"]), tuple((str(k), _from_plain(v)) for k, v in value["p"].items()))
    if isinstance(value, list):
        return tuple(_from_plain(v) for v in value)
    return value

