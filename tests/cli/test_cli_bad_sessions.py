"""Bad sessions and extreme numbers on the real command line: one line on stderr, exit status 2,
no output file, and never a hang (each run has a time limit) or a read without end (and a memory
limit)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtGui import QColor, QImage

from explorer.app.document_file import document_to_bytes
from explorer.app.state import MAX_MAGNITUDE, DocumentState
from explorer.cli import main

ROOT = Path(__file__).resolve().parents[2]
#: A run that reads without a bound stops at this much memory instead of taking the machine's.
CHILD_MEMORY = 2 << 30
#: f's colour on a light background (explorer/views/theme.py).
F_COLOUR = QColor("#1f4e99")


def run_cli(*args, timeout: float = 60) -> subprocess.CompletedProcess:
    """The real command in a fresh process, without a display, with bounded time and memory."""
    import resource

    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    return subprocess.run([sys.executable, "-m", "explorer", *map(str, args)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=timeout,
                          preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, (CHILD_MEMORY, CHILD_MEMORY)))


def assert_one_line_usage_error(done: subprocess.CompletedProcess, words: str) -> None:
    assert done.returncode == 2, done.stderr[-3000:]
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("slope-explorer: "), done.stderr[-3000:]
    assert words in done.stderr and len(done.stderr) < 300


def _session(document_text: str) -> bytes:
    return b'{"format": "slope-explorer", "version": 1, "document": {' + document_text.encode() + b"}}"


@pytest.fixture
def fifo(tmp_path):
    path = tmp_path / "lesson.slope"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize("command", [[], ["export"]], ids=["window", "export"])
def test_a_fifo_as_a_session_is_refused_at_once(command, fifo, tmp_path):
    output = tmp_path / "out.png"
    done = run_cli(*command, "--open", fifo, *(["-o", output] if command else []), timeout=30)
    assert_one_line_usage_error(done, "lesson.slope is a pipe, not a Slope Explorer session file")
    assert not output.exists()


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
@pytest.mark.parametrize("command", [[], ["export"]], ids=["window", "export"])
def test_an_endless_device_as_a_session_is_refused_without_reading_it(command, device, tmp_path):
    if not os.path.exists(device):
        pytest.skip(f"{device} does not exist here")
    output = tmp_path / "x.png"
    done = run_cli(*command, "--open", device, *(["-o", output] if command else []), timeout=30)
    assert_one_line_usage_error(done, f"{Path(device).name} is a device, not a Slope Explorer session file")
    assert not output.exists()


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (_session('"x0": 1' + "0" * 400), "x0 must be a finite number"),
        (_session('"x_range": [0, 1' + "0" * 400 + "]"), "x_range must be a finite number"),
        (_session('"stacked_y_ranges": {"' + "1" * 5000 + '": [0, 1]}'), "stacked_y_ranges"),
        (_session('"text": "x\\ud800"'), "not valid Unicode"),
        (_session('"parameters": [{"name": "a", "value": 1e308}]'), "parameter a must lie between -1e15 and 1e15"),
    ],
    ids=lambda value: value if isinstance(value, str) else "session",
)
@pytest.mark.parametrize("command", [[], ["export"]], ids=["window", "export"])
def test_a_malformed_session_gives_one_line_and_exit_2(command, data, words, tmp_path):
    path = tmp_path / "bad.slope"
    path.write_bytes(data)
    output = tmp_path / "out.png"
    done = run_cli(*command, "--open", path, *(["-o", output] if command else []))
    assert_one_line_usage_error(done, words)
    assert done.stderr.startswith("slope-explorer: bad.slope ")
    assert not output.exists()


def test_a_parameter_at_1e308_is_refused_on_the_command_line(tmp_path):
    output = tmp_path / "f.png"
    done = run_cli("export", "a x", "--param", "a=1e308", "-o", output)
    assert_one_line_usage_error(done, "parameter a must lie between -1e15 and 1e15")
    assert not output.exists()


@pytest.mark.parametrize(
    ("options", "words"),
    [
        (["--xrange", "0", "1e308"], "--xrange A B must lie between -1e15 and 1e15"),
        (["--yrange", "0", "1e16"], "--yrange A B must lie between -1e15 and 1e15"),
        (["--xrange", "1", "1.000000000001"], "--xrange A B is too narrow to show: make it at least 1e-9 wide"),
        (["--yrange", "1e12", "1000000000999"], "--yrange A B is too narrow to show: make it at least 1000 wide"),
        (["--xrange", "2", "1"], "--xrange A B must go from a smaller to a larger number"),
        (["--x0", "1e308"], "--x0 must lie between -1e15 and 1e15"),
        (["--param", "a=-2e15"], "parameter a must lie between -1e15 and 1e15"),
    ],
)
def test_numbers_beyond_the_bound_are_refused_before_any_work(options, words, tmp_path, capsys):
    output = tmp_path / "f.png"
    assert main(["export", "a x", "-o", str(output), *options]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and words in err
    assert not output.exists()


def test_the_table_takes_the_same_bound_on_parameters(capsys):
    assert main(["table", "a x", "--at", "1", "--param", "a=1e308"]) == 2
    assert "parameter a must lie between -1e15 and 1e15" in capsys.readouterr().err
    assert main(["table", "a x", "--at", "1", "--param", f"a={MAX_MAGNITUDE:.0f}"]) == 0
    row = capsys.readouterr().out.splitlines()[1].split(",")
    assert [float(v) for v in row[:3]] == [1.0, MAX_MAGNITUDE, MAX_MAGNITUDE]


def _columns_with(image: QImage, colour: QColor, tolerance: int = 40) -> int:
    """How many pixel columns of `image` hold a pixel within `tolerance` of `colour` (each channel)."""
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    pixels = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine() // 4, 4)
    blue_green_red = np.array([colour.blue(), colour.green(), colour.red()])
    near = (np.abs(pixels[:, : image.width(), :3].astype(int) - blue_green_red) <= tolerance).all(axis=2)
    return int(near.any(axis=0).sum())


def test_a_session_with_an_x_range_of_1e308_draws_its_curve(tmp_path):
    """[-1e308, 1e308] drew a blank picture; the session now opens at ±1e15, where x² is drawn."""
    session = json.loads(document_to_bytes(DocumentState(text="x^2", orders=(), show_tangent=False)))
    session["document"]["x_range"] = [-1e308, 1e308]
    path = tmp_path / "wide.slope"
    path.write_text(json.dumps(session))
    output, data = tmp_path / "wide.png", tmp_path / "wide.csv"
    done = run_cli("export", "--open", path, "-o", output, "--size", "800x500")
    assert done.returncode == 0 and done.stderr == "", done.stderr[-3000:]
    assert _columns_with(QImage(str(output)), F_COLOUR) > 0.5 * 800  # the blank picture had its legend's 49
    assert run_cli("export", "--open", path, "-o", data).returncode == 0
    rows = [line.split(",") for line in data.read_text().splitlines()[1:]]
    assert float(rows[0][0]) == -MAX_MAGNITUDE and float(rows[-1][0]) == MAX_MAGNITUDE
    assert float(rows[0][1]) == pytest.approx(MAX_MAGNITUDE**2, rel=1e-12)
