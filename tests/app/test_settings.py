"""Recent files and the last session survive a restart; garbage in the store is ignored."""

import dataclasses
import math

import pytest
from PySide6.QtCore import QSettings

from explorer.app.settings import MAX_RECENT, SETTINGS_DIR_VARIABLE, AppSettings, use_settings_folder
from explorer.app.state import DocumentState, ParameterSetting


@pytest.fixture
def settings(tmp_path, qapp, monkeypatch):
    monkeypatch.delenv(SETTINGS_DIR_VARIABLE, raising=False)
    use_settings_folder(tmp_path / "config")
    return AppSettings("SlopeExplorerTests", "settings")


def test_environment_variable_moves_the_settings(tmp_path, qapp, monkeypatch):
    monkeypatch.setenv(SETTINGS_DIR_VARIABLE, str(tmp_path / "portable"))
    AppSettings().save_last_session(DocumentState(text="x^7"))
    AppSettings().sync()
    assert (tmp_path / "portable" / "SlopeExplorer" / "Slope Explorer.ini").is_file()
    assert AppSettings().last_session() == DocumentState(text="x^7")


def test_settings_live_in_the_test_folder(settings, tmp_path):
    settings.save_last_session(DocumentState(text="x^5"))
    settings.sync()
    assert list((tmp_path / "config").rglob("*.ini"))


def test_last_session_comes_back_in_a_new_settings_object(settings):
    state = DocumentState(text="a x^2", parameters=(ParameterSetting("a", 2.5),), x0=-1.25, orders=(1, 2))
    settings.save_last_session(state)
    settings.sync()
    assert AppSettings("SlopeExplorerTests", "settings").last_session() == state


def test_no_or_damaged_last_session_is_none(settings):
    assert settings.last_session() is None
    QSettings(QSettings.defaultFormat(), QSettings.Scope.UserScope, "SlopeExplorerTests", "settings").setValue(
        "session/last", '{"format": "slope-explorer", "version": 99}'
    )
    assert settings.last_session() is None


def test_recent_files_most_recent_first_without_duplicates(settings, tmp_path):
    files = [tmp_path / f"{i}.slope" for i in range(3)]
    for file in files:
        file.write_text("{}")
        settings.add_recent_file(file)
    settings.add_recent_file(files[0])
    assert settings.recent_files() == [str(files[0]), str(files[2]), str(files[1])]


def test_recent_files_drop_deleted_files_and_keep_a_bounded_list(settings, tmp_path):
    files = [tmp_path / f"{i}.slope" for i in range(MAX_RECENT + 3)]
    for file in files:
        file.write_text("{}")
        settings.add_recent_file(file)
    assert len(settings.recent_files()) == MAX_RECENT
    files[-1].unlink()
    assert str(files[-1]) not in settings.recent_files()
    settings.clear_recent_files()
    assert settings.recent_files() == []


def test_single_recent_file_survives_a_restart(settings, tmp_path):
    file = tmp_path / "one.slope"
    file.write_text("{}")
    settings.add_recent_file(file)
    settings.sync()
    assert AppSettings("SlopeExplorerTests", "settings").recent_files() == [str(file)]


def test_last_folder_falls_back_to_home_when_gone(settings, tmp_path):
    settings.set_last_folder(tmp_path)
    assert settings.last_folder() == str(tmp_path)
    settings.set_last_folder(tmp_path / "gone")
    assert settings.last_folder() != str(tmp_path / "gone")


def test_a_session_with_a_lone_surrogate_is_remembered_with_a_replacement_character(settings):
    """It gave a UnicodeEncodeError out of the quit handler, and the last session was not stored."""
    state = DocumentState(text="a x\ud800 + 1", parameters=(ParameterSetting("a", 2.0),), x0=-0.5)
    settings.save_last_session(state)
    settings.sync()
    assert AppSettings("SlopeExplorerTests", "settings").last_session() == dataclasses.replace(
        state, text="a x\ufffd + 1")


def test_a_state_that_cannot_be_written_keeps_the_last_session_and_says_so(settings, capsys):
    settings.save_last_session(DocumentState(text="x^4"))
    settings.save_last_session(DocumentState(text="x^5", x0=math.nan))  # the session never makes one
    settings.sync()
    assert AppSettings("SlopeExplorerTests", "settings").last_session() == DocumentState(text="x^4")
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "remembered before is kept" in err
