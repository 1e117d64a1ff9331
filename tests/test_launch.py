"""Launching: the window opens on the function given on the command line; run_app runs and prints the trace."""

import ctypes
import ctypes.util
import dataclasses
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from explorer import launch
from explorer.app.document_file import load_document, save_document
from explorer.app.settings import SETTINGS_DIR_VARIABLE, AppSettings
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
    code = "import sys; from explorer.launch import run_app; sys.exit(run_app('5x^4 + 3x^3 + 7x^2 + 9x - 5'))"
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


# --- the last session, and quitting -------------------------------------------------------------

QUITTING_APP = Path(__file__).with_name("quitting_app.py")


@pytest.fixture
def settings(tmp_path, monkeypatch, qapp):
    monkeypatch.setenv(SETTINGS_DIR_VARIABLE, str(tmp_path / "config"))
    return AppSettings()


def test_the_last_session_comes_back_on_its_file_when_the_file_still_holds_it(settings, tmp_path):
    state = DocumentState(text="x^2", x0=2.0)
    save_document(state, tmp_path / "lesson.slope")
    settings.add_recent_file(tmp_path / "lesson.slope")
    settings.save_last_session(state)
    assert launch.last_session(settings) == (state, tmp_path / "lesson.slope")
    changed = dataclasses.replace(state, x0=1.0)  # left with the changes unsaved: no file
    settings.save_last_session(changed)
    assert launch.last_session(settings) == (changed, None)
    (tmp_path / "lesson.slope").unlink()
    settings.save_last_session(state)
    assert launch.last_session(settings) == (state, None)


def test_a_window_opened_on_a_file_saves_to_it(launched, tmp_path):
    path = tmp_path / "lesson.slope"
    save_document(DocumentState(text="x^2"), path)
    window = launched(state=load_document(path), path=path)
    window.session.set_x0(3.0)
    assert window.file_actions.save()
    assert load_document(path).x0 == 3.0


def quit_the_app(tmp_path, *args, **env) -> subprocess.CompletedProcess:
    """The app on `args` in a process of its own, quit by File > Quit once it shows a reading."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", SETTINGS_DIR_VARIABLE: str(tmp_path / "config"), **env}
    return subprocess.run([sys.executable, str(QUITTING_APP), *args], cwd=tmp_path, env=env, capture_output=True,
                          text=True, timeout=120)


#: What Qt's offscreen platform says when a shown window's size limits change (it has no window
#: manager to tell them to); on a display nothing is printed.
OFFSCREEN_NOTICE = "This plugin does not support propagateSizeHints()"


def other_than_offscreen_notices(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line != OFFSCREEN_NOTICE]


@pytest.mark.parametrize("answers", ["", "cancel,discard", "save"])
def test_quitting_leaves_nothing_on_stderr(tmp_path, answers):
    """A launch and a quit, asked nothing or asked about unsaved changes (the real message box),
    print nothing: no "QObject: shared QObject was deleted directly", no traceback."""
    save_document(DocumentState(text="sin(k x)"), tmp_path / "lesson.slope")
    result = quit_the_app(tmp_path, "lesson.slope", SLOPE_TEST_X0="1.25" if answers else "",
                          SLOPE_TEST_ANSWERS=answers)
    assert result.returncode == 0, result.stderr
    assert other_than_offscreen_notices(result.stderr) == []
    asked = [json.loads(line) for line in result.stdout.splitlines() if '"asked"' in line]
    assert len(asked) == len([a for a in answers.split(",") if a])
    assert all(question["plain"] for question in asked)
    assert load_document(tmp_path / "lesson.slope").x0 == (1.25 if answers == "save" else 1.0)


@pytest.fixture
def xvfb():
    """A virtual X server's display, for the app to run on a real window system."""
    if shutil.which("Xvfb") is None:
        pytest.skip("Xvfb is not installed: this test needs a virtual X server")
    # -displayfd: the server picks a free display and writes its number once it accepts connections.
    server = subprocess.Popen(["Xvfb", "-displayfd", "1", "-screen", "0", "1400x1000x24", "-nolisten", "tcp"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        number = server.stdout.readline().strip()
        if not number.isdigit():
            pytest.skip("Xvfb could not start")
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(10)
        server.stdout.close()


def close_like_a_window_manager(display: str, window: int) -> None:
    """Send the window WM_DELETE_WINDOW, which is what a window manager does for its close button."""
    x11 = ctypes.CDLL(ctypes.util.find_library("X11"))
    x11.XOpenDisplay.restype = ctypes.c_void_p
    x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
    x11.XInternAtom.restype = ctypes.c_ulong
    x11.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
    x11.XSendEvent.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_long, ctypes.c_void_p]
    x11.XFlush.argtypes = x11.XCloseDisplay.argtypes = [ctypes.c_void_p]

    class ClientMessage(ctypes.Structure):
        _fields_ = [("type", ctypes.c_int), ("serial", ctypes.c_ulong), ("send_event", ctypes.c_int),
                    ("display", ctypes.c_void_p), ("window", ctypes.c_ulong), ("message_type", ctypes.c_ulong),
                    ("format", ctypes.c_int), ("data", ctypes.c_long * 5), ("padding", ctypes.c_long * 16)]

    connection = x11.XOpenDisplay(display.encode())
    event = ClientMessage(type=33, window=window, format=32,  # 33: ClientMessage
                          message_type=x11.XInternAtom(connection, b"WM_PROTOCOLS", False))
    event.data[0] = x11.XInternAtom(connection, b"WM_DELETE_WINDOW", False)
    x11.XSendEvent(connection, window, False, 0, ctypes.byref(event))
    x11.XFlush(connection)
    x11.XCloseDisplay(connection)


def test_the_close_button_asks_too_and_a_real_display_gets_an_empty_stderr(tmp_path, xvfb, settings):
    """On a real window system (Xvfb): the window manager's close asks about unsaved changes
    (Cancel keeps the window, Discard closes it), and stderr stays empty, offscreen notices included."""
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "DISPLAY": xvfb, SETTINGS_DIR_VARIABLE: str(tmp_path / "config"),
           "SLOPE_TEST_QUIT": "outside", "SLOPE_TEST_X0": "2", "SLOPE_TEST_ANSWERS": "cancel,discard"}
    app = subprocess.Popen([sys.executable, str(QUITTING_APP), "x^3 - 3x"], cwd=tmp_path, env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        window = json.loads(app.stdout.readline())["window"]
        close_like_a_window_manager(xvfb, window)
        assert json.loads(app.stdout.readline())["asked"] == "Save the changes to this session before closing?"
        assert json.loads(app.stdout.readline()) == {"still_open": True}
        close_like_a_window_manager(xvfb, window)
        assert "asked" in json.loads(app.stdout.readline())
        _, stderr = app.communicate(timeout=60)
    finally:
        if app.poll() is None:
            app.kill()
            app.communicate()
    assert app.returncode == 0, stderr
    assert stderr == ""
    assert AppSettings().last_session().x0 == 1.0  # discarded: the next launch is as this one began
