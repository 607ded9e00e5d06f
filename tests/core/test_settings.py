import json
import os

import pytest

from modeldesk.core.config import settings as st
from modeldesk.core.config.settings import Settings, TorrentSettings, load_settings, save_settings


def test_round_trip_is_atomic_and_private(tmp_path):
    path = tmp_path / "cfg" / "settings.json"
    s = Settings(torrent=TorrentSettings(upload_rate_limit=1234, enable_dht=False), default_project_dir="/p")
    save_settings(path, s)
    assert load_settings(path) == s
    assert json.loads(path.read_text())["schema_version"] == st.SCHEMA_VERSION
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    assert [p.name for p in path.parent.iterdir()] == ["settings.json"], "no temp files left behind"


def test_missing_and_corrupt_files_give_defaults(tmp_path):
    assert load_settings(tmp_path / "none.json") == Settings()
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    assert load_settings(bad) == Settings()


def test_wrong_types_and_unknown_keys_fall_back(tmp_path):
    path = tmp_path / "s.json"
    path.write_text(json.dumps({
        "schema_version": 1,
        "torrent": {"enable_dht": "yes", "upload_rate_limit": True, "seed_ratio_limit": 2, "bogus": 1,
                    "encryption": "rot13"},
    }))
    t = load_settings(path).torrent
    assert t.enable_dht is True and t.upload_rate_limit == 0
    assert t.seed_ratio_limit == 2.0
    assert t.encryption == "enabled"


def test_migrations_run_in_order(tmp_path, monkeypatch):
    calls = []
    monkeypatch.setattr(st, "SCHEMA_VERSION", 3)
    def step1(raw):
        calls.append(1)
        return {**raw, "default_project_dir": "/old"}

    def step2(raw):
        calls.append(2)
        return {**raw, "default_project_dir": raw["default_project_dir"] + "/v3"}

    monkeypatch.setitem(st.MIGRATIONS, 1, step1)
    monkeypatch.setitem(st.MIGRATIONS, 2, step2)
    path = tmp_path / "s.json"
    path.write_text(json.dumps({"schema_version": 1}))
    assert load_settings(path).default_project_dir == "/old/v3"
    assert calls == [1, 2]


def test_upload_cap_preset_is_30_percent_of_uplink():
    t = TorrentSettings(uplink_capacity=1_000_000).with_upload_cap_preset()
    assert t.upload_rate_limit == 300_000
    with pytest.raises(ValueError):
        TorrentSettings().with_upload_cap_preset()


def test_a_failed_save_keeps_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "settings.json"
    save_settings(path, Settings(default_project_dir="/first"))

    def boom(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        save_settings(path, Settings(default_project_dir="/second"))
    assert load_settings(path).default_project_dir == "/first"
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]


def test_the_old_default_connection_count_becomes_the_new_cap(tmp_path):
    """Schema 1 kept 8 connections per mirror as a fixed count; 8 was the default. It is a cap now,
    16 by default: a file that kept the old default gets the new one, a count the user chose stays."""
    path = tmp_path / "s.json"
    path.write_text(json.dumps({"schema_version": 1, "http": {"connections": 8, "stall_timeout": 5}}))
    http = load_settings(path).http
    assert http.connections == 16 and http.stall_timeout == 5
    path.write_text(json.dumps({"schema_version": 1, "http": {"connections": 32}}))
    assert load_settings(path).http.connections == 32
