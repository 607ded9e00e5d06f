"""Errors from the core reach the Chinese interface in Chinese: templates marked N_() in the core, rendered
through Qt's translator by the bridge, with nested messages (an error inside an error) translated too."""

from __future__ import annotations

import pytest

from modeldesk.bridge import error_text, message_text
from modeldesk.core.base.errors import BadInputError, BadSourceError, UnsafePathError
from modeldesk.core.base.messages import N_, Message
from modeldesk.core.base.pathsafety import check_relative_path
from modeldesk.core.sources.adds import resolve_torrent_source
from modeldesk.core.torrent.sources import parse_torrent_bytes
from modeldesk.ui.i18n import install_translators


@pytest.fixture
def chinese(qapp):
    installed = install_translators(qapp, "zh_CN")
    assert installed, "modeldesk_zh_CN.qm did not load"
    yield
    for t in installed:
        qapp.removeTranslator(t)


def _raised(call, *args) -> BaseException:
    with pytest.raises(BadInputError) as caught:
        call(*args)
    return caught.value


def test_a_broken_torrent_is_named_in_chinese_and_in_english_on_the_command_line(chinese):
    exc = _raised(parse_torrent_bytes, b"not bencoded", "model.torrent")
    assert isinstance(exc, BadSourceError)
    assert error_text(exc) == "model.torrent 不是有效的 .torrent 文件（文件被截断或不是 bencode 编码）。"
    assert str(exc) == "model.torrent is not a valid .torrent file (it is truncated or not bencoded)."


def test_a_message_inside_a_message_is_translated_too(chinese):
    what = Message.of(N_("The URL {url}"), url="http://127.0.0.1:9/w.bin")
    exc = _raised(check_relative_path, "../w.bin", what)
    assert isinstance(exc, UnsafePathError)
    text = error_text(exc)
    assert text.startswith("网址 http://127.0.0.1:9/w.bin 含有文件名 '../w.bin'"), text
    assert "项目文件夹之外" in text


def test_values_keep_their_conversions(chinese):
    exc = _raised(resolve_torrent_source, "org/model-7b")
    assert error_text(exc) == "这里没有文件 'org/model-7b'。如果指的是 Hub 仓库，请写成 hf://org/model-7b"


def test_a_stored_failure_is_rendered_again_after_a_restart(chinese):
    exc = _raised(parse_torrent_bytes, b"d4:infoi1ee", "x.torrent")
    stored = exc.message.stored()  # what the library keeps for a failed job
    assert message_text(Message.from_stored(stored)).startswith("x.torrent 不是有效的 .torrent 文件")
    assert message_text(Message.from_stored("text from an older library")) == "text from an older library"


def test_the_remedy_is_worded_for_the_app(chinese):
    exc = BadInputError(N_("No hub endpoint to ask: add a mirror, or turn the official hub back on."), hint="mirror")
    text = error_text(exc)
    assert text.startswith("没有可查询的 Hub 端点")
    assert "镜像" in text.split("。", 1)[1], text  # the hint, in Chinese: the Mirror field or Settings → Mirrors


def test_without_the_translator_the_sentence_is_english(qapp):
    exc = _raised(parse_torrent_bytes, b"not bencoded", "model.torrent")
    assert error_text(exc) == str(exc)


def test_the_system_s_reason_is_in_chinese_too(chinese, tmp_path):
    """A file where the project folder's parent should be: the OS says ENOTDIR, the sentence and its
    reason are both Chinese, also after the library stored the error."""
    from modeldesk.core.base.errors import TargetDirError
    from modeldesk.core.projects.projects import ensure_project_dir

    (tmp_path / "models").write_text("not a folder")
    with pytest.raises(TargetDirError) as caught:
        ensure_project_dir(str(tmp_path / "models" / "proj"))
    text = error_text(caught.value)
    assert "路径中有一部分是文件而不是文件夹" in text and "Not a directory" not in text, text
    assert message_text(Message.from_stored(caught.value.message.stored())) == text
