"""Launching: the window opens on the function given on the command line; run_app runs and prints the trace."""

import json
import os
import subprocess
import sys

import pytest

from explorer.app import launch
from explorer.app.state import DocumentState


@pytest.fixture
def launched(qtbot):
    """launched(**run_app arguments) -> the shown window once its first reading is in."""
    windows = []

    def make(**kwargs):
        window = launch.open_window(**kwargs)
        windows.append(window)
        qtbot.waitUntil(lambda: window.session.last_reading is not None and not window.session.busy)
        return window

    yield make
    for window in windows:
        window.close()
        window.deleteLater()


def test_the_command_line_function_is_opened(launched):
    window = launched(argv_function_text="sin(k x)")
    assert window.session.state.text == "sin(k x)"
    assert [p.name for p in window.session.state.parameters] == ["k"]
    assert window.function_input.edit.text() == "sin(k x)"
    assert window.isVisible() and window.windowTitle().replace("[*]", "") == "Slope Explorer"


def test_a_given_state_is_opened_as_is(launched):
    state = DocumentState(text="x^2", x0=3.0, orders=(1, 2), layout="stacked")
    window = launched(state=state)
    assert window.session.state == state
    assert window.session.last_reading.slope == pytest.approx(6.0)


def test_run_app_shows_the_window_and_traces_the_readout():
    """run_app in its own process (its event loop must not end the test run's), with the trace on."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", launch.TRACE_VARIABLE: "1"}
    code = "import sys; from explorer.app.launch import run_app; sys.exit(run_app('5x^4 + 3x^3 + 7x^2 + 9x - 5'))"
    app = subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE,
                           stderr=subprocess.DEVNULL, text=True)
    try:
        line = app.stdout.readline()
    finally:
        app.terminate()
        app.wait(30)
        app.stdout.close()
    first = json.loads(line)
    assert first["x0"] == 1.0
    assert "f\u2032(1) = 52" in first["readout"] and len(first["point"]) == 2
