"""`slope-explorer lesson.slope`, what the desktop entry (`Exec=slope-explorer %f`) runs for a
double-clicked session: it opens the file as --open does, and never touches the remembered session
when it cannot. Each run is the real command line in a process of its own, quit with File > Quit.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from explorer.app.document_file import save_document
from explorer.app.settings import SETTINGS_DIR_VARIABLE, AppSettings
from explorer.app.state import DocumentState, ParameterSetting

QUITTING_APP = Path(__file__).resolve().parents[1] / "quitting_app.py"
LESSON = DocumentState(text="k x^2", parameters=(ParameterSetting("k", 3.0),), x0=-1.5, orders=(1, 2))
REMEMBERED = DocumentState(text="cos x", x0=0.75)


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """A folder holding lesson.slope, with the app's settings (a remembered session) beside it."""
    monkeypatch.setenv(SETTINGS_DIR_VARIABLE, str(tmp_path / "config"))
    settings = AppSettings()
    settings.save_last_session(REMEMBERED)
    settings.sync()
    save_document(LESSON, tmp_path / "lesson.slope")
    return tmp_path


def run(folder: Path, *command: str, timeout: float = 120) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", SETTINGS_DIR_VARIABLE: str(folder / "config")}
    return subprocess.run([sys.executable, *command], cwd=folder, env=env, capture_output=True, text=True,
                          timeout=timeout)


def run_app(folder: Path, *args: str) -> subprocess.CompletedProcess:
    """The app on `args`, quit once its window shows a reading."""
    return run(folder, str(QUITTING_APP), *args)


def run_command(folder: Path, *args: str) -> subprocess.CompletedProcess:
    """`slope-explorer ARGS` itself: a command that must end without a window (a window never would)."""
    return run(folder, "-m", "explorer", *args, timeout=60)


def first_report(result: subprocess.CompletedProcess) -> dict:
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[0])


@pytest.mark.parametrize("name", ["lesson.slope", "LESSON.SLOPE"])
def test_a_session_named_on_the_command_line_is_opened(folder, name):
    if name != "lesson.slope":
        (folder / "lesson.slope").rename(folder / name)
    report = first_report(run_app(folder, name))
    assert report["text"] == "k x^2" and report["x0"] == -1.5
    assert report["file"] == str(folder / name)  # so Ctrl+S saves to it
    assert report["title"] == f"{name} \u2014 Slope Explorer"
    assert AppSettings().last_session() == LESSON  # not the file's name as a function


@pytest.mark.parametrize("name", ["missing.slope", "broken.slope"])
def test_a_missing_or_broken_session_is_one_line_and_exit_2_and_the_last_session_stays(folder, name):
    (folder / "broken.slope").write_bytes(b"{not a session")
    result = run_command(folder, name)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and name in result.stderr
    assert result.stderr.startswith("slope-explorer: ") and "Traceback" not in result.stderr
    assert AppSettings().last_session() == REMEMBERED


def test_a_session_and_open_together_are_refused(folder):
    result = run_command(folder, "lesson.slope", "--open", "lesson.slope")
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert AppSettings().last_session() == REMEMBERED


def test_a_function_is_still_a_function(folder):
    report = first_report(run_app(folder, "x^2 - 1"))
    assert report["text"] == "x^2 - 1" and report["file"] is None
