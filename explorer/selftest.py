"""`slope-explorer --self-test`: prove that an installed copy works, end to end, without a person watching.

Packaged builds fail in ways the source tree never shows: a library left out of the bundle, a Qt
plugin missing, torch's DLLs loaded in the wrong order. So every check runs the real stack (parser,
torch autograd, Qt drawing, PNG export) and says which layer broke. The result is the exit status
(0 all passed, 1 otherwise) plus a short report file, because a windowed Windows build has no stdout.
"""

from __future__ import annotations

import math
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from explorer import __version__

#: The worked example of the course: f(x) = 5x⁴ + 3x³ + 7x² + 9x − 5, so f′(2) = 160 + 36 + 28 + 9 = 233.
POLYNOMIAL = "5x^4 + 3x^3 + 7x^2 + 9x - 5"
EXPECTED = {"f": 145.0, "f'": 233.0, "f''": 290.0}
REPORT_NAME = "slope-explorer-self-test.txt"
#: What Qt's offscreen platform (the self-test's where there is no display) says each time a shown
#: window's size limits change: it has no window manager to pass them to. It says nothing about us.
OFFSCREEN_NOTICE = "This plugin does not support propagateSizeHints()"


@dataclass(frozen=True)
class CheckResult:
    name: str
    passed: bool
    detail: str


def prepare_environment() -> None:
    """Headless Qt when there is no display; torch loaded before Qt (Windows needs that order)."""
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import torch  # noqa: F401


@contextmanager
def offscreen_notice_left_out() -> Iterator[None]:
    """Leave out exactly the offscreen platform's notice, on that platform only; every other Qt
    message goes where it went before (stderr by default), so a real problem still shows."""
    from PySide6.QtCore import qFormatLogMessage, qInstallMessageHandler
    from PySide6.QtGui import QGuiApplication

    def handler(kind, context, message: str) -> None:
        if message == OFFSCREEN_NOTICE and QGuiApplication.platformName() == "offscreen":
            return
        if previous is not None:
            previous(kind, context, message)
        elif sys.stderr is not None:  # a windowed Windows build has none
            sys.stderr.write(qFormatLogMessage(kind, context, message) + "\n")

    previous = qInstallMessageHandler(handler)
    try:
        yield
    finally:
        qInstallMessageHandler(previous)


def _close(actual: float, expected: float, rel_tol: float = 1e-9) -> bool:
    return math.isclose(actual, expected, rel_tol=rel_tol, abs_tol=rel_tol)


def check_parse() -> str:
    from explorer.model import ParseError, parse

    function = parse(POLYNOMIAL)
    try:
        parse("5x^ + ")
    except ParseError as error:
        return f"{function.text!r} parsed; bad input rejected with: {error}"
    raise AssertionError("'5x^ + ' was accepted; it should be a ParseError")


def check_torch_autograd() -> str:
    """torch alone, so a broken torch in the bundle is told apart from a broken engine."""
    import torch

    x = torch.tensor(2.0, dtype=torch.float64, requires_grad=True)
    f = 5 * x**4 + 3 * x**3 + 7 * x**2 + 9 * x - 5
    (slope,) = torch.autograd.grad(f, x, create_graph=True)
    (curvature,) = torch.autograd.grad(slope, x)
    values = {"f": f.item(), "f'": slope.item(), "f''": curvature.item()}
    wrong = {k: v for k, v in values.items() if not _close(v, EXPECTED[k])}
    if wrong:
        raise AssertionError(f"torch autograd gave {wrong}, expected {EXPECTED}")
    return f"torch {torch.__version__}: f(2)=145, f'(2)=233, f''(2)=290"


def check_engine() -> str:
    """The engine the app draws with, on the device it picks: a probe at x = 2 and a sampled grid."""
    import torch

    from explorer.model import Engine, parse

    function = parse(POLYNOMIAL)
    engine = Engine()
    # float32 (Apple's MPS) keeps about 7 digits; float64 keeps 15.
    tolerance = 1e-9 if engine.dtype == torch.float64 else 1e-4
    probed = dict(zip(EXPECTED, engine.probe(function, 2.0, order=2).values))
    curves = engine.sample(function, -2.0, 2.0, 401, 2)
    sampled = dict(zip(EXPECTED, curves.values[:, -1].tolist()))
    for source, values in (("probe", probed), ("grid", sampled)):
        wrong = {k: v for k, v in values.items() if not _close(v, EXPECTED[k], tolerance)}
        if wrong:
            raise AssertionError(f"{source} at x=2 gave {wrong}, expected {EXPECTED}")
    return f"{engine.device} {str(engine.dtype).removeprefix('torch.')}: probe and 401-point grid agree, f'(2)=233"


def _non_background_fraction(image) -> float:
    """Share of pixels that differ from the image's most common colour (0 for a blank image)."""
    import numpy as np
    from PySide6.QtGui import QImage

    image = image.convertToFormat(QImage.Format.Format_RGB32)
    width, height = image.width(), image.height()
    if width == 0 or height == 0:
        return 0.0
    pixels = np.frombuffer(image.constBits(), dtype=np.uint32, count=image.bytesPerLine() * height // 4)
    pixels = pixels.reshape(height, image.bytesPerLine() // 4)[:, :width]
    _, counts = np.unique(pixels, return_counts=True)
    return 1.0 - counts.max() / pixels.size


def open_window(app):
    """The app's own window on a session with the polynomial, x₀ = 2, once its curves have arrived."""
    from explorer.app.session import Session
    from explorer.app.state import DocumentState
    from explorer.views.main_window import MainWindow

    session = Session(DocumentState(text=POLYNOMIAL, x0=2.0, orders=(1,)))
    failures: list[str] = []
    session.compute_failed.connect(failures.append)
    window = MainWindow(session)
    window.resize(900, 600)
    window.show()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not failures and session.error is None:
        app.processEvents()
        if session.last_curves is not None and session.last_reading is not None and not session.busy:
            break
        time.sleep(0.02)
    app.processEvents()
    problem = failures[0] if failures else session.error
    if problem is not None:
        window.close()
        session.close()
        raise AssertionError(f"the window could not show {POLYNOMIAL!r}: {problem}")
    return session, window


def check_render(session, window) -> str:
    """The window drew something, and its readout path gives f′(2) = 233 (worker thread included)."""
    reading = session.last_reading
    if reading is None or session.last_curves is None:
        raise AssertionError("the window got no curves within 60 s")
    if not _close(reading.slope, EXPECTED["f'"], 1e-4):
        raise AssertionError(f"the window's reading at x=2 is f'={reading.slope}, expected 233")
    image = window.grab().toImage()
    fraction = _non_background_fraction(image)
    if fraction <= 0.01:
        raise AssertionError(f"the window drew almost nothing ({fraction:.2%} non-background pixels)")
    return f"window {image.width()}x{image.height()}, {fraction:.1%} non-background pixels, f'(2)=233"


def check_export(window, work_dir: Path) -> str:
    """Export the window's plot as PNG through explorer.export.images, then read the file back."""
    from PySide6.QtGui import QImage

    from explorer.export.images import export_image

    path = work_dir / "self-test-export.png"
    export_image(window.plot_view, path, (800, 500))
    image = QImage(str(path))
    if image.isNull() or (image.width(), image.height()) != (800, 500):
        raise AssertionError(f"{path.name} is not an 800x500 PNG")
    fraction = _non_background_fraction(image)
    if fraction <= 0.005:
        raise AssertionError(f"{path.name} is blank ({fraction:.2%} non-background pixels)")
    return f"{path.name}: 800x500, {path.stat().st_size} bytes, {fraction:.1%} non-background pixels"


def _failure(name: str, error: BaseException) -> CheckResult:
    return CheckResult(name, False, traceback.format_exception(error)[-1].strip())


def run_checks(work_dir: Path) -> list[CheckResult]:
    """Every check, each isolated: one failure does not hide what the others find."""
    results = []

    def attempt(name: str, check: Callable[[], str]) -> None:
        try:
            results.append(CheckResult(name, True, check()))
        except Exception as error:  # a self-test reports every failure, whatever its type
            results.append(_failure(name, error))

    attempt("parse", check_parse)
    attempt("torch autograd", check_torch_autograd)
    attempt("engine", check_engine)
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "slope-explorer"])
    try:
        session, window = open_window(app)
    except Exception as error:
        results.append(_failure("render", error))
        return results
    try:
        attempt("render", lambda: check_render(session, window))
        attempt("export", lambda: check_export(window, work_dir))
    finally:
        window.close()
        session.close()
    return results


def report_dir() -> Path:
    """Beside the executable in a packaged app (where a teacher will look), else a temp folder."""
    if getattr(sys, "frozen", False):
        beside = Path(sys.executable).resolve().parent
        if os.access(beside, os.W_OK):
            return beside
    return Path(tempfile.gettempdir())


def format_report(results: list[CheckResult], seconds: float) -> str:
    lines = [f"Slope Explorer {__version__} self-test ({sys.platform}, Python {sys.version.split()[0]})"]
    lines += [f"{'PASS' if r.passed else 'FAIL'}  {r.name}: {r.detail}" for r in results]
    verdict = "all checks passed" if all(r.passed for r in results) else "FAILED"
    lines.append(f"{verdict} in {seconds:.1f} s")
    return "\n".join(lines) + "\n"


def main() -> int:
    """Run every check; 0 when all pass. Prints the report (when there is a stdout) and writes it to a file."""
    started = time.monotonic()
    prepare_environment()
    with tempfile.TemporaryDirectory(prefix="slope-explorer-self-test-") as scratch, offscreen_notice_left_out():
        results = run_checks(Path(scratch))
    report = format_report(results, time.monotonic() - started)
    path = report_dir() / REPORT_NAME
    try:
        path.write_text(report, encoding="utf-8")
    except OSError:
        path = Path(tempfile.gettempdir()) / REPORT_NAME
        path.write_text(report, encoding="utf-8")
    if sys.stdout is not None:
        print(report + f"report written to {path}", flush=True)
    return 0 if all(r.passed for r in results) else 1
