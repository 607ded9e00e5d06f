"""Every error the core raises is a translatable template: N_("…") with exactly the values it names.

This is what keeps the Chinese interface complete: lupdate collects N_() templates, and the translation
test fails on any that is untranslated. An f-string passed to an error would slip past both."""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

from modeldesk.core.base import errors
from modeldesk.core.base.messages import N_, Message, render

CORE = Path(errors.__file__).parents[1]  # modeldesk/core, every package of it
ERRORS = {name for name, obj in vars(errors).items()
          if isinstance(obj, type) and issubclass(obj, errors.ModelDeskError)}
NOT_PARAMS = {"hint"}


def _error_classes() -> tuple[set[str], set[str]]:
    """The error classes of the core, and those of them with a constructor of their own."""
    found, own_init = set(ERRORS), set()
    for path in CORE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ClassDef) and any(isinstance(b, ast.Name) and b.id in found for b in node.bases):
                found.add(node.name)
                if any(isinstance(f, ast.FunctionDef) and f.name == "__init__" for f in node.body):
                    own_init.add(node.name)
    return found, own_init - {"ModelDeskError"}


def _template(node: ast.expr) -> str | None:
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "N_":
        (arg,) = node.args
        assert isinstance(arg, ast.Constant) and isinstance(arg.value, str)
        return arg.value
    return None


def _is_super_init(node: ast.Call) -> bool:
    f = node.func
    return isinstance(f, ast.Attribute) and f.attr == "__init__" and isinstance(f.value, ast.Call) \
        and getattr(f.value.func, "id", "") == "super"


def _calls():
    """Each construction of a core error or a Message, and each super().__init__ in an error's own
    constructor (whose callers pass values, not sentences)."""
    classes, own_init = _error_classes()
    for path in sorted(CORE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ClassDef) and node.name in own_init:
                yield from ((f"{path.relative_to(CORE)}:{c.lineno}", c) for c in ast.walk(node)
                            if isinstance(c, ast.Call) and _is_super_init(c))
            if not isinstance(node, ast.Call):
                continue
            f = node.func
            name = f.id if isinstance(f, ast.Name) else getattr(f, "attr", None)
            made_message = name == "of" and getattr(getattr(f, "value", None), "id", "") == "Message"
            if name in classes - own_init or made_message:
                yield f"{path.relative_to(CORE)}:{node.lineno}", node


def _handed_on(node: ast.expr) -> bool:
    """A message its caller marked: a name (`why`), or `why or N_("…")`."""
    if isinstance(node, ast.Name):
        return True
    return isinstance(node, ast.BoolOp) and all(_handed_on(v) or _template(v) is not None for v in node.values)


def test_core_errors_are_marked_templates_with_the_values_they_name():
    problems, checked = [], 0
    for where, call in _calls():
        if not call.args:
            continue
        first = call.args[0]
        template = _template(first)
        if template is None:
            if _handed_on(first):
                continue
            problems.append(f"{where}: the message is not N_(\"…\"): {ast.unparse(first)[:80]}")
            continue
        checked += 1
        named = {f for _, f, _, _ in string.Formatter().parse(template) if f}
        given = {k.arg for k in call.keywords} - NOT_PARAMS
        if named != given:
            problems.append(f"{where}: {template[:60]!r} names {sorted(named)}, is given {sorted(given)}")
    assert checked > 150
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("template, params, english", [
    ("{name} is {size:.1f} GB", {"name": "w.bin", "size": 1.25}, "w.bin is 1.2 GB"),
    ("{what!r} failed", {"what": "x"}, "'x' failed"),
    ("braces {{stay}} for {n}", {"n": 1}, "braces {stay} for 1"),
    ("no values, {braces} stay", {}, "no values, {braces} stay"),
])
def test_the_english_sentence_is_what_an_f_string_gave(template, params, english):
    assert str(errors.BadInputError(template, **params)) == english


def test_a_translation_that_names_a_wrong_value_falls_back_to_english():
    message = Message.of(N_("{name} failed"), name="w.bin")
    assert render(message, lambda t: "{nmae} 失败") == "w.bin failed"
    assert render(message, lambda t: "{name} 失败") == "w.bin 失败"


def test_errors_inside_errors_are_worded_in_the_same_language():
    inner = errors.NetworkError(N_("{ep}: {kind}"), ep="http://127.0.0.1:9", kind="ConnectTimeout")
    outer = errors.NetworkError(N_("No hub endpoint answered for {repo_id} ({problems})."), repo_id="o/m",
                                problems=(inner, inner))
    assert str(outer) == ("No hub endpoint answered for o/m (http://127.0.0.1:9: ConnectTimeout; "
                          "http://127.0.0.1:9: ConnectTimeout).")
    marked = render(outer.message, lambda template: "» " + template)  # a stand-in for the translator
    assert marked == ("» No hub endpoint answered for o/m (» http://127.0.0.1:9: ConnectTimeout; "
                      "» http://127.0.0.1:9: ConnectTimeout).")


def test_a_stored_message_comes_back_whole():
    message = errors.DiskError(N_("Writing {part} failed: {reason}."), part="/p/w.bin.part", reason="No space").message
    again = Message.from_stored(message.stored())
    assert again == message and str(again) == "Writing /p/w.bin.part failed: No space."
    assert Message.from_stored('{"t": broken') == Message('{"t": broken')
