"""The Simplified Chinese translation is complete, compiled, and used; Chinese text can render; English has
its plural forms ("1 mirror", "2 mirrors")."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFontDatabase

from modeldesk.ui.i18n import install_translators, translations_dir

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "modeldesk_zh_CN.ts"
QM = TS.with_suffix(".qm")
EN_TS = TS.with_name("modeldesk_en.ts")  # English's plural forms alone (packaging/i18n.sh)
SOURCES = sorted(str(p) for p in (ROOT / "modeldesk" / "ui").glob("*.py")) + [str(ROOT / "modeldesk" / "app.py"),
                                                                              str(ROOT / "modeldesk" / "bridge.py")]
CORE = sorted(str(p) for p in (ROOT / "modeldesk" / "core").rglob("*.py"))  # messages marked N_()
CORE_ALIAS = ["-tr-function-alias", "QT_TR_NOOP+=N_"]  # as packaging/i18n.sh runs lupdate


def tool(name: str) -> str:
    exe = Path(sys.executable).with_name(name)
    assert exe.exists(), f"{name} comes with PySide6; reinstall the test dependencies"
    return str(exe)


def messages(ts: Path):
    for ctx in ET.parse(ts).getroot().iter("context"):
        name = ctx.find("name").text
        for m in ctx.findall("message"):
            yield name, m.find("source").text, m.find("translation")


def test_every_string_in_the_code_has_a_finished_translation(tmp_path):
    merged = tmp_path / TS.name
    shutil.copy(TS, merged)
    subprocess.run([tool("pyside6-lupdate"), *CORE_ALIAS, *SOURCES, *CORE, "-ts", str(merged)], check=True,
                   capture_output=True)
    problems = []
    for ctx, source, tr in messages(merged):
        kind = tr.get("type")
        if kind in ("vanished", "obsolete"):
            problems.append(f"stale entry (no longer in the code): {ctx}: {source!r}")
        elif kind == "unfinished" or not ((tr.text or "").strip()  # plurals ("%n") are in numerusforms
                                          or all((n.text or "").strip() for n in tr.findall("numerusform"))
                                          and tr.findall("numerusform")):
            problems.append(f"untranslated: {ctx}: {source!r}")
    assert not problems, "run pyside6-lupdate and translate:\n" + "\n".join(problems)


def test_translations_keep_their_placeholders():
    for ctx, source, tr in messages(TS):
        for placeholder in (r"%\d", r"\{[^{}]*\}"):  # Qt's %1 in the UI; the core's {name!r:spec} (str.format)
            wanted = sorted(re.findall(placeholder, source))
            assert sorted(re.findall(placeholder, tr.text or "")) == wanted, f"{ctx}: {source!r} → {tr.text!r}"


def test_the_lupdate_call_in_i18n_sh_reads_the_core():
    script = (ROOT / "packaging" / "i18n.sh").read_text()
    assert " ".join(CORE_ALIAS) in script and "modeldesk/core" in script


def test_the_compiled_qm_matches_the_ts(tmp_path):
    out = tmp_path / "check.qm"
    subprocess.run([tool("pyside6-lrelease"), str(TS), "-qm", str(out)], check=True, capture_output=True)
    assert out.read_bytes() == QM.read_bytes(), "run pyside6-lrelease on the .ts and commit the .qm"
    assert translations_dir() == TS.parent


def test_the_app_speaks_chinese(qapp):
    installed = install_translators(qapp, "zh_CN")
    try:
        assert installed, "modeldesk_zh_CN.qm did not load"
        from modeldesk.core.contracts.models import JobState
        from modeldesk.ui.labels import state_label
        from modeldesk.ui.tray import Tray

        assert state_label(JobState.SEEDING) == "做种中"
        assert QCoreApplication.translate("TransferModel", "Progress") == "进度"
        tray = Tray(qapp.windowIcon())
        assert tray.action_quit.text() == "退出"
    finally:
        for t in installed:
            qapp.removeTranslator(t)
    assert state_label(JobState.SEEDING) == "Seeding"


def test_a_font_for_simplified_chinese_is_installed(qapp):
    families = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    if not families:
        pytest.fail("no font can show Simplified Chinese: install fonts-wqy-microhei (packaging/dev.sh does)")


def test_english_has_every_plural_form_and_uses_them(qapp, tmp_path):
    merged = tmp_path / EN_TS.name
    shutil.copy(EN_TS, merged)
    subprocess.run([tool("pyside6-lupdate"), "-pluralonly", *SOURCES, "-ts", str(merged)], check=True,
                   capture_output=True)
    forms = {(ctx, source): [n.text or "" for n in tr.findall("numerusform")] for ctx, source, tr in messages(merged)
             if tr.get("type") not in ("vanished", "obsolete")}
    assert forms and all(len(f) == 2 and all(x.strip() for x in f) for f in forms.values()), forms
    qm = tmp_path / "en.qm"
    subprocess.run([tool("pyside6-lrelease"), str(EN_TS), "-qm", str(qm)], check=True, capture_output=True)
    assert qm.read_bytes() == EN_TS.with_suffix(".qm").read_bytes(), "run packaging/i18n.sh and commit the .qm"
    installed = install_translators(qapp, "en")
    try:
        assert installed, "modeldesk_en.qm did not load"
        said = [QCoreApplication.translate("Plurals", " + %n mirror(s)", "", n) for n in (1, 2)]
        assert said == [" + 1 mirror", " + 2 mirrors"]
    finally:
        for t in installed:
            qapp.removeTranslator(t)
