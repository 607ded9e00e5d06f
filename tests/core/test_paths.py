from modeldesk.core.config.paths import default_paths


def test_modeldesk_home_holds_everything(tmp_path):
    p = default_paths({"MODELDESK_HOME": str(tmp_path)})
    assert p.settings_file == tmp_path / "config" / "settings.json"
    assert p.library_db.parent == tmp_path / "data"
    assert p.resume_dir.parent == tmp_path / "state"


def test_xdg_folders_are_honoured(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    p = default_paths({})
    assert p.config_dir == tmp_path / "cfg" / "modeldesk"
    assert p.data_dir == tmp_path / "share" / "modeldesk"
    assert p.state_dir == tmp_path / "state" / "modeldesk"
