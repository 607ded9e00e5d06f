from modeldesk.core.contracts.models import Selection
from modeldesk.core.contracts.selection import is_selected, select

PATHS = ["tts/models/w.safetensors", "tts/models/config.json", "tts/samples/a.wav", "tts/README.md"]


def test_no_patterns_selects_everything():
    assert select(PATHS, Selection()) == [True] * 4


def test_include_inside_top_folder_and_exclude_anywhere():
    sel = Selection(include=("models/**", "README.md"), exclude=("*.wav",))
    assert select(PATHS, sel, top_folder="tts") == [True, True, False, True]


def test_patterns_may_name_the_top_folder():
    assert select(PATHS, Selection(include=("tts/models/*",)), top_folder="tts") == [True, True, False, False]


def test_folder_pattern_with_trailing_slash():
    assert is_selected("tts/samples/a.wav", Selection(exclude=("samples/",)), top_folder="tts") is False


def test_exclude_wins_over_include():
    assert is_selected("m/x.bin", Selection(include=("*.bin",), exclude=("m/*",))) is False


def test_case_sensitive_like_the_hub():
    assert is_selected("m/X.BIN", Selection(include=("*.bin",))) is False
