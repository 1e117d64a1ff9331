"""End to end: the real app in a real X window, dragged with a real (xdotool) mouse.

The app prints one JSON line per readout change when SLOPE_EXPLORER_TRACE_READOUT=1 (see
explorer/launch.py); the test reads where the point is on screen from the first line, drags
it with xdotool, and checks that the readout followed.
"""

import json
import os
import queue
import shutil
import subprocess
import sys
import threading
import time

import pytest

pytestmark = pytest.mark.e2e

DISPLAY_NUMBER = 97
TIMEOUT_S = 60


def _launcher() -> list[str]:
    installed = shutil.which("slope-explorer")
    if installed:
        return [installed]
    return [sys.executable, "-m", "explorer"]


@pytest.fixture
def xvfb():
    for tool in ("Xvfb", "xdotool"):
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} is not installed: the end-to-end test needs a virtual X server and xdotool")
    display = f":{DISPLAY_NUMBER}"
    server = subprocess.Popen(["Xvfb", display, "-screen", "0", "1400x1000x24", "-nolisten", "tcp"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while not os.path.exists(f"/tmp/.X11-unix/X{DISPLAY_NUMBER}"):
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.skip(f"Xvfb could not start on {display}")
            time.sleep(0.05)
        yield display
    finally:
        server.terminate()
        server.wait(10)


def _lines(stream, sink: queue.Queue) -> None:
    for line in stream:
        sink.put(line)


def _next_reading(lines: queue.Queue, until: float) -> dict:
    other = []  # what the app printed instead (a traceback says why it never showed a readout)
    while time.monotonic() < until:
        try:
            line = lines.get(timeout=0.2)
        except queue.Empty:
            continue
        if line.startswith("{"):
            return json.loads(line)
        other.append(line)
    raise AssertionError("the app printed no readout in time" + (":\n" + "".join(other[-20:]) if other else ""))


def xdotool(display: str, *args: str) -> str:
    return subprocess.run(["xdotool", *args], env={**os.environ, "DISPLAY": display}, check=True,
                          capture_output=True, text=True, timeout=20).stdout


def test_dragging_the_point_in_a_real_window_updates_the_readout(xvfb):
    env = {**os.environ, "DISPLAY": xvfb, "QT_QPA_PLATFORM": "xcb", "SLOPE_EXPLORER_TRACE_READOUT": "1"}
    app = subprocess.Popen([*_launcher(), "x^3 - 3x"], env=env, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True, bufsize=1)
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=_lines, args=(app.stdout, lines), daemon=True).start()
    try:
        until = time.monotonic() + TIMEOUT_S
        first = _next_reading(lines, until)
        assert first["x0"] == 1.0 and first["point"] is not None, first
        assert xdotool(xvfb, "search", "--name", "Slope Explorer").strip(), "no window titled Slope Explorer"
        px, py = first["point"]
        xdotool(xvfb, "mousemove", str(px), str(py))
        xdotool(xvfb, "mousedown", "1")
        for step in range(1, 11):
            xdotool(xvfb, "mousemove", str(px + 10 * step), str(py))
            time.sleep(0.03)
        xdotool(xvfb, "mouseup", "1")
        last = first
        settle = time.monotonic() + 5
        while time.monotonic() < settle:
            try:
                last = _next_reading(lines, min(until, time.monotonic() + 1.0))
            except AssertionError:
                break
        assert last["x0"] > first["x0"] + 0.5, (first, last)
        assert last["readout"] != first["readout"]
        assert f"{last['x0']:.2f}"[:3] in last["readout"].replace("\u2212", "-")
    finally:
        app.terminate()
        try:
            app.wait(10)
        except subprocess.TimeoutExpired:
            app.kill()
            app.wait()
        app.stdout.close()
