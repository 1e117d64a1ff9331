"""Ctrl+C (SIGINT) and kill (SIGTERM) stop an export at once: exit 130 / 143, no `.part` file, the old
file intact. Real processes, real signals, sent while they render or write."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STOPPED = "slope-explorer: stopped; no file was written or changed"
SIGNALS = [pytest.param(signal.SIGINT, 130, id="SIGINT"), pytest.param(signal.SIGTERM, 143, id="SIGTERM")]
#: A writer as slow as a full USB stick, inside the guard the command line puts around every command.
SLOW_WRITE = f"""
import sys, time
from explorer.files import exit_on_signals, write_atomically

def write(temp):
    with open(temp, "wb") as out:
        for _ in range(4000):
            out.write(bytes(65536))
            out.flush()
            time.sleep(0.005)

with exit_on_signals({STOPPED!r}):
    write_atomically(sys.argv[1], write)
"""

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc and sends POSIX signals")


def start(args, **kwargs):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    return subprocess.Popen([sys.executable, *args], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, **kwargs)


def wait_until(process, ready, what: str, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while not ready():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"never saw {what}; stderr: {process.communicate()[1][-2000:]}")
        time.sleep(0.01)


def resident_mb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as status:
            return next(int(line.split()[1]) // 1024 for line in status if line.startswith("VmRSS"))
    except (FileNotFoundError, StopIteration):
        return 0


def parts(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.endswith(".part")]


def assert_stopped(process, code: int) -> None:
    out, err = process.communicate(timeout=60)
    assert process.returncode == code, err[-2000:]
    assert err.splitlines()[-1] == STOPPED and "Traceback" not in err


@pytest.mark.parametrize("sig, code", SIGNALS)
def test_signal_while_writing_removes_the_part_file(tmp_path, sig, code):
    path = tmp_path / "big.png"
    path.write_bytes(b"the old picture")
    process = start(["-c", SLOW_WRITE, str(path)])
    wait_until(process, lambda: any(p.stat().st_size > 2**20 for p in parts(tmp_path)), "a growing .part file")
    process.send_signal(sig)
    assert_stopped(process, code)
    assert path.read_bytes() == b"the old picture"
    assert os.listdir(tmp_path) == ["big.png"]


@pytest.mark.parametrize("sig, code", SIGNALS)
def test_signal_while_rendering_a_big_png_stops_the_export(tmp_path, sig, code):
    """Ctrl+C used to land in Python code Qt calls while painting, where PySide drops the exception:
    the export went on and wrote the file."""
    path = tmp_path / "big.png"
    path.write_bytes(b"the old picture")
    process = start(["-m", "explorer", "export", "x^2", "-o", str(path), "--size", "16000x16000"])
    # The 16000 px square is a 1 GB image: past 1 GB resident, the process is painting it.
    wait_until(process, lambda: resident_mb(process.pid) > 1000, "the picture being painted")
    process.send_signal(sig)
    assert_stopped(process, code)
    assert path.read_bytes() == b"the old picture"
    assert os.listdir(tmp_path) == ["big.png"]
