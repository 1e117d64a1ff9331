"""The GUI section: what a student waits for in the window itself, measured on the real widgets.

- drag frame: one mouse move of a real drag on the plot (probe, tangent and markers moved) plus the
  event loop until the plot has painted, at a 1200×800 window showing f, f′ and f″; the first move
  of each drag, which paints the still layers into one picture, is timed apart;
- drag frame with the secant tool shown: the same drag of P with the secant, Q and the error-versus-h
  plot under the plots moving along (the reading carries the secant's data); and a drag of Q, which
  changes h instead of x₀;
- keystroke: the function field's text replaced and committed (what the debounce timer does), until
  the curves have arrived from the worker thread and the plot is repainted;
- launch: a fresh interpreter until the window is painted, and until the first curve is painted;
- wheel burst: a fast wheel's 10 notches over the plot (a 20-fold zoom), WHEEL_GAP_MS apart, until the plot shows the
  curves of the view it ended on (the view is reported to the session at most every 0.1 s meanwhile);
- steep curve: the plot repainted whole while it shows tan(1000x) on the default view, whose
  branches are closer together than a pixel (drawn as one band, not thousands of strokes);
- export: a 1600×1000 PNG written through `export_image`, as the File menu does;
- memory: resident-set growth over many drag frames and function edits (a leak shows as a slope), of
  the window's process and its engine's process together.

Qt runs on its offscreen platform unless another is set, so the figures do not depend on a display.
pyqtgraph's mouse rate limit (it drops moves that come sooner than 10 ms after the last) is lifted
while dragging, so that every timed move does a frame's work; each frame is checked to have moved x₀.
"""

from __future__ import annotations

import gc
import json
import math
import os
import re
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from sympy.core.cache import clear_cache  # after the platform is chosen

from explorer.bench.config import BenchConfig
from explorer.bench.functions import CORPUS
from explorer.bench.machine import load_average
from explorer.bench.sections import SectionResult, Table, Target
from explorer.bench.timing import percentile

TARGET_DRAG_FRAME_MS = 8.0  # with or without the secant tool shown
TARGET_KEYSTROKE_MS = 30.0
TARGET_STEEP_REPAINT_MS = 30.0
TARGET_VISIBLE_S = 1.5
TARGET_FIRST_CURVE_S = 3.0
TARGET_EXPORT_S = 0.5
TARGET_MEMORY_GROWTH_MB = 30.0
#: The Taylor tool's drag row: T₁₀ shown while the point is dragged.
TAYLOR_DRAG_DEGREE = 10
TARGET_TAYLOR_DRAG_MS = 8.0

WINDOW_SIZE = (1200, 800)
EXPORT_SIZE = (1600, 1000)
ORDERS = (1, 2)
DRAG_FUNCTION = "x^3 - 3x"
STEEP_FUNCTION = "tan(1000x)"
#: x₀ sweeps this range while dragging: f stays within the default view, so the point is always grabbable.
DRAG_RANGE = (-1.8, 1.8)
MOVES_PER_DRAG = 100
PIXELS_PER_MOVE = 2
START_PIXELS = 12
#: Q is dragged with P here, from x₀ + Q_MIN_H to the right end of DRAG_RANGE and back (h never reaches 0).
Q_DRAG_X0, Q_MIN_H = -1.5, 0.3
CURVE_TIMEOUT_S = 30.0
#: A fast wheel: notches this many milliseconds apart, the event loop running in between, at this x.
WHEEL_NOTCHES, WHEEL_GAP_MS, WHEEL_AT_X = 10, 5, 0.3
#: Event-loop passes allowed for a change to reach the screen (it takes two or three).
PAINT_SPINS = 50
#: How long a drag move's reading may take to reach the screen before the run is called broken, and
#: how often the loop wakes while it waits for the engine's answer.
READING_TIMEOUT_S, READING_WAKE_MS = 10.0, 1


@dataclass(frozen=True)
class GuiCounts:
    """How much to measure; `--quick` keeps the section to seconds."""

    drag_frames: int
    keystroke_functions: int
    #: Times the keystroke functions are typed, one after another: a p95 over 30 keystrokes is
    #: nearly their second-slowest, so two hiccups of a shared machine would decide it.
    keystroke_rounds: int
    launches: int
    steep_repaints: int
    wheel_bursts: int
    exports: int
    memory_frames: int
    memory_edits: int

    @classmethod
    def for_config(cls, config: BenchConfig) -> GuiCounts:
        if config == BenchConfig.quick(config.devices):
            return cls(drag_frames=20, keystroke_functions=4, keystroke_rounds=2, launches=1, steep_repaints=3,
                       wheel_bursts=2,
                       exports=1,
                       memory_frames=40, memory_edits=4)
        return cls(drag_frames=300, keystroke_functions=len(CORPUS), keystroke_rounds=3, launches=3,
                   steep_repaints=20, wheel_bursts=10, exports=5,
                   memory_frames=2000, memory_edits=100)


def run(config: BenchConfig) -> SectionResult:
    counts = GuiCounts.for_config(config)
    load_at_start = load_average()
    with explorer_window() as window:
        drag = measure_drag_frames(window, counts.drag_frames)
        drag_taylor = measure_taylor_drag_frames(window, counts.drag_frames)
        secant_drag = measure_secant_drag_frames(window, counts.drag_frames)
        keystroke = measure_keystrokes(window, counts.keystroke_functions, counts.keystroke_rounds)
        drag_features, keystroke_features = measure_with_features(window, counts)
        steep = measure_steep_repaints(window, counts.steep_repaints)
        wheel = measure_wheel_bursts(window, counts.wheel_bursts)
        export = measure_exports(window, counts.exports)
        memory = measure_memory(window, counts.memory_frames, counts.memory_edits)
        plot_size = _plot_size(window)
        window_size = (window.width(), window.height())
    launch = measure_launches(counts.launches)
    data = {
        "window": list(window_size),
        "plot_pixels": list(plot_size),
        "orders": list(ORDERS),
        "qt_platform": os.environ["QT_QPA_PLATFORM"],
        "load_average_1m_at_start": load_at_start,
        "drag_frame": drag,
        "drag_frame_taylor": drag_taylor,
        "secant_drag_frame": secant_drag,
        "keystroke": keystroke,
        "drag_frame_features": drag_features,
        "keystroke_features": keystroke_features,
        "steep_repaint": {"function": STEEP_FUNCTION, **summary_ms(steep)},
        "wheel_burst": {"notches": WHEEL_NOTCHES, "gap_ms": WHEEL_GAP_MS, **summary_ms(wheel)},
        "launch": launch,
        "export": {"size": list(EXPORT_SIZE), **summary_ms(export)},
        "memory": memory,
        "load_average_1m_at_end": load_average(),
    }
    return SectionResult("gui", gui_tables(data), data, gui_targets(data))


# ----------------------------------------------------------------- the window under test
@contextmanager
def explorer_window():
    """A shown 1200×800 explorer window on f = x³ − 3x with f′ and f″, its first curves drawn."""
    import pyqtgraph as pg
    from PySide6.QtWidgets import QApplication

    from explorer.app.state import DocumentState
    from explorer.launch import open_window

    rate_limit = pg.getConfigOption("mouseRateLimit")
    pg.setConfigOptions(mouseRateLimit=0)
    window = open_window(state=DocumentState(text=DRAG_FUNCTION, orders=ORDERS))
    try:
        window.resize(*WINDOW_SIZE)
        wait_for_curves(window, window.session.start)
        yield window
    finally:
        window.close()
        window.session.close()
        window.deleteLater()
        QApplication.processEvents()
        pg.setConfigOptions(mouseRateLimit=rate_limit)


def wait_for_curves(window, trigger) -> tuple[float, float]:
    """Call `trigger`, run the event loop until the session delivers new curves, and repaint.

    Returns the perf_counter times at which `trigger` returned and the curves were handed to the plot
    (the window's own slot runs first: it was connected first), never before the first.
    """
    from PySide6.QtCore import QEventLoop, QTimer

    session = window.session
    loop = QEventLoop()
    arrived: list[float] = []

    def on_curves(_frame) -> None:
        arrived.append(time.perf_counter())
        loop.quit()

    session.curves_changed.connect(on_curves)
    try:
        trigger()
        triggered = time.perf_counter()
        if not arrived and (session.busy or session.last_curves is None):
            QTimer.singleShot(int(CURVE_TIMEOUT_S * 1000), loop.quit)
            loop.exec()
    finally:
        session.curves_changed.disconnect(on_curves)
    if not arrived and session.busy:
        raise RuntimeError(f"no curves for {session.state.text!r} within {CURVE_TIMEOUT_S} s")
    repaint(window)
    # Curves that reached the plot while `trigger` ran (an answer read as the new state was shown)
    # count as reached when it returned: their wait is then part of the trigger's time.
    return triggered, max(arrived[0], triggered) if arrived else triggered


def repaint(window) -> None:
    """Run the event loop as it runs after any input, until the plot has painted once.

    That is the path a real frame takes: changed items queue the scene's update, the scene asks the
    viewport for a paint, Qt paints. Forcing `repaint()` instead would paint before the scene has
    delivered its updates, and paint a second time when it does.
    """
    from PySide6.QtWidgets import QApplication

    viewport = window.plot_view.graphics.viewport()
    watcher = _paint_watcher(viewport)
    asked = time.perf_counter()
    for _ in range(PAINT_SPINS):
        QApplication.processEvents()
        if watcher.painted_at >= asked:
            QApplication.processEvents()  # whatever else asked to be painted (readout, status bar)
            return
    raise RuntimeError("the plot did not repaint after a change")


def repaint_reading(window, since: float) -> None:
    """Run the event loop until the plot has painted the reading of the current state (at its x₀,
    and with the secant's data at its h where the tool is shown), for a move sent at `since`
    (perf_counter).

    A drag frame ends there: the probe is asynchronous, so a move whose reading was not read ahead
    is answered by the engine's process while the loop runs, and only the paint after that answer
    shows the tangent (and the secant) where the pointer is.
    """
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    session = window.session
    watcher = _paint_watcher(window.plot_view.graphics.viewport())

    def current() -> bool:
        reading, state = session.last_reading, session.state
        if reading is None or reading.x != state.x0:
            return False
        return not state.secant.shown or (reading.secant is not None and reading.secant.h == state.secant.h)

    arrived = [since] if current() else []

    def on_reading(_reading) -> None:
        if current():
            arrived.append(time.perf_counter())

    session.reading_changed.connect(on_reading)
    wake = QTimer()
    wake.setInterval(READING_WAKE_MS)
    wake.start()  # WaitForMoreEvents below must not sleep through the deadline
    deadline = time.perf_counter() + READING_TIMEOUT_S
    try:
        while time.perf_counter() < deadline:
            QApplication.processEvents()
            if arrived and watcher.painted_at >= arrived[0]:
                QApplication.processEvents()  # whatever else asked to be painted (readout)
                return
            if not arrived:
                QApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    finally:
        wake.stop()
        session.reading_changed.disconnect(on_reading)
    last = session.last_reading.x if session.last_reading is not None else None
    raise RuntimeError(f"no reading at x\u2080 = {session.state.x0!r} (secant {session.state.secant}) was painted "
                       f"within {READING_TIMEOUT_S} s (the last reading is at {last!r})")


def _paint_watcher(viewport):
    """An event filter on the plot's viewport that notes when it paints (made once per viewport)."""
    from PySide6.QtCore import QEvent, QObject

    watcher = viewport.findChild(QObject, "bench-paint-watcher")
    if watcher is None:
        class PaintWatcher(QObject):
            painted_at = 0.0  # perf_counter of the viewport's latest paint

            def eventFilter(self, _watched, event) -> bool:
                if event.type() == QEvent.Type.Paint:
                    self.painted_at = time.perf_counter()
                return False

        watcher = PaintWatcher(viewport)
        watcher.setObjectName("bench-paint-watcher")
        viewport.installEventFilter(watcher)
    return watcher


def _plot_size(window) -> tuple[int, int]:
    box = window.plot_view.main_plot.getViewBox()
    return round(box.width()), round(box.height())


# ----------------------------------------------------------------- dragging the tangent point
def _viewport_point(window, x: float, y: float):
    from PySide6.QtCore import QPointF

    plot = window.plot_view.main_plot
    view = window.plot_view.graphics
    return view.mapFromScene(plot.getViewBox().mapViewToScene(QPointF(x, y)))


def _send_mouse(viewport, kind, pos, button, buttons) -> None:
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    event = QMouseEvent(kind, QPointF(pos), QPointF(viewport.mapToGlobal(pos)), button, buttons,
                        Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(viewport, event)


def drag_frames(window, frames: int, clocked: list[tuple[float, float]] | None = None,
                starts: list[float] | None = None) -> None:
    """`frames` mouse moves of real drags on the tangent point, each repainted.

    Appends (seconds for the whole frame, seconds for the move's handling alone) per frame to `clocked`,
    and the seconds of each drag's first move (which freezes the plot's still layers) to `starts`.

    Each drag presses on the point, moves it `MOVES_PER_DRAG` times (bouncing within DRAG_RANGE),
    and releases. Raises if a move did not move x₀: an unmoved frame would time nothing.
    """
    from PySide6.QtCore import QEvent, QPoint, Qt
    from PySide6.QtWidgets import QApplication

    session = window.session
    viewport = window.plot_view.graphics.viewport()
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    low, high = (_viewport_point(window, x, 0.0).x() for x in DRAG_RANGE)
    step = PIXELS_PER_MOVE
    done = 0
    while done < frames:
        reading = session.last_reading
        grab = _viewport_point(window, reading.x, reading.value)
        _send_mouse(viewport, QEvent.Type.MouseMove, grab, none, none)
        _send_mouse(viewport, QEvent.Type.MouseButtonPress, grab, left, left)
        # pyqtgraph starts a drag only once the pointer is a few pixels from the press: not a frame.
        step = -abs(step) if grab.x() + START_PIXELS > high else abs(step)
        pointer = QPoint(grab.x() + (START_PIXELS if step > 0 else -START_PIXELS), grab.y())
        start = time.perf_counter()
        _send_mouse(viewport, QEvent.Type.MouseMove, pointer, none, left)
        repaint_reading(window, start)
        if starts is not None:
            starts.append(time.perf_counter() - start)
        for _ in range(min(MOVES_PER_DRAG, frames - done)):
            if not low <= pointer.x() + step <= high:
                step = -step
            pointer = QPoint(pointer.x() + step, pointer.y())
            before = session.state.x0
            start = time.perf_counter()
            _send_mouse(viewport, QEvent.Type.MouseMove, pointer, none, left)
            handled = time.perf_counter()
            repaint_reading(window, start)
            end = time.perf_counter()
            if session.state.x0 == before:
                raise RuntimeError("a drag move did not move x\u2080; the frame would measure nothing")
            if clocked is not None:
                clocked.append((end - start, handled - start))
            done += 1
        _send_mouse(viewport, QEvent.Type.MouseButtonRelease, pointer, left, none)
        QApplication.processEvents()  # a release changes nothing drawn


def measure_taylor_drag_frames(window, frames: int) -> dict[str, object]:
    """Drag frames with the Taylor tool showing T₁₀: each reading, read ahead, carries Tₙ on the
    plot's pixels, drawn with the tangent."""
    from PySide6.QtWidgets import QApplication

    session = window.session
    session.set_taylor(show=True, degree=TAYLOR_DRAG_DEGREE)
    deadline = time.perf_counter() + 60
    while getattr(session.last_reading, "taylor", None) is None:  # the reading at x₀ with its T₁₀
        if time.perf_counter() > deadline:
            raise RuntimeError("the engine did not answer the Taylor tool's reading")
        QApplication.processEvents()
        time.sleep(0.005)
    try:
        return {"degree": TAYLOR_DRAG_DEGREE, **measure_drag_frames(window, frames)}
    finally:
        session.set_taylor(show=False)
        QApplication.processEvents()


def _subscript(number: int) -> str:
    return "".join("₀₁₂₃₄₅₆₇₈₉"[int(d)] for d in str(number))


def measure_drag_frames(window, frames: int) -> dict[str, object]:
    """Whole frames, and their two parts: the move's handling (probe, tangent, markers) and the repaint."""
    drag_frames(window, max(10, frames // 10))  # warm-up: first paints build pyqtgraph's caches
    clocked: list[tuple[float, float]] = []
    starts: list[float] = []
    drag_frames(window, frames, clocked, starts)
    return {"function": DRAG_FUNCTION, **summary_ms([total for total, _ in clocked]),
            "handling": summary_ms([handling for _, handling in clocked]),
            "repaint": summary_ms([total - handling for total, handling in clocked]),
            "start": summary_ms(starts)}


# ----------------------------------------------------------------- the secant tool shown
@contextmanager
def secant_shown(window):
    """The secant tool shown (its default h) until the block ends, its reading painted."""
    session = window.session
    session.set_show_secant(True)
    try:
        repaint_reading(window, time.perf_counter())
        yield
    finally:
        session.set_show_secant(False)
        repaint(window)


def drag_q_frames(window, frames: int, clocked: list[tuple[float, float]] | None = None) -> None:
    """`frames` mouse moves of real drags on the secant's Q, each repainted (as `drag_frames`).

    x₀ is put at Q_DRAG_X0 first; each drag presses on Q and moves it along x, bouncing between
    x₀ + Q_MIN_H and the right end of DRAG_RANGE. Raises if a move did not change h.
    """
    from PySide6.QtCore import QEvent, QPoint, Qt
    from PySide6.QtWidgets import QApplication

    session = window.session
    if session.state.x0 != Q_DRAG_X0:
        session.set_x0(Q_DRAG_X0)
        repaint_reading(window, time.perf_counter())
    viewport = window.plot_view.graphics.viewport()
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    low, high = (_viewport_point(window, x, 0.0).x() for x in (Q_DRAG_X0 + Q_MIN_H, DRAG_RANGE[1]))
    step = PIXELS_PER_MOVE
    done = 0
    while done < frames:
        grab = _viewport_point(window, *session.last_reading.secant.q_point)
        _send_mouse(viewport, QEvent.Type.MouseMove, grab, none, none)
        _send_mouse(viewport, QEvent.Type.MouseButtonPress, grab, left, left)
        step = -abs(step) if grab.x() + START_PIXELS > high else abs(step)
        pointer = QPoint(grab.x() + (START_PIXELS if step > 0 else -START_PIXELS), grab.y())
        _send_mouse(viewport, QEvent.Type.MouseMove, pointer, none, left)
        repaint_reading(window, time.perf_counter())
        for _ in range(min(MOVES_PER_DRAG, frames - done)):
            if not low <= pointer.x() + step <= high:
                step = -step
            pointer = QPoint(pointer.x() + step, pointer.y())
            before = session.state.secant.h
            start = time.perf_counter()
            _send_mouse(viewport, QEvent.Type.MouseMove, pointer, none, left)
            handled = time.perf_counter()
            repaint_reading(window, start)
            end = time.perf_counter()
            if session.state.secant.h == before:
                raise RuntimeError("a drag move did not move Q; the frame would measure nothing")
            if clocked is not None:
                clocked.append((end - start, handled - start))
            done += 1
        _send_mouse(viewport, QEvent.Type.MouseButtonRelease, pointer, left, none)
        QApplication.processEvents()


def measure_secant_drag_frames(window, frames: int) -> dict[str, object]:
    """Drag frames of P, then of Q, with the secant and its error plot shown (whole and in parts)."""
    with secant_shown(window):
        p = measure_drag_frames(window, frames)
        drag_q_frames(window, max(10, frames // 10))  # warm-up
        clocked: list[tuple[float, float]] = []
        drag_q_frames(window, frames, clocked)
    return {"p": p, "q": {**summary_ms([total for total, _ in clocked]),
                          "handling": summary_ms([handling for _, handling in clocked]),
                          "repaint": summary_ms([total - handling for total, handling in clocked])}}


# ----------------------------------------------------------------- typing a function
def type_function(window, text: str) -> tuple[float, float]:
    """Replace the field's text and commit it as the debounce timer would; wait until it is drawn.

    Returns the times the commit returned (parsed, job submitted) and the curves reached the plot.
    """
    function_input = window.function_input

    def commit() -> None:
        function_input.edit.setText(text)
        function_input.flush()

    stamps = wait_for_curves(window, commit)
    if window.session.error is not None:
        raise RuntimeError(f"{text!r} did not parse: {window.session.error.message}")
    return stamps


def measure_keystrokes(window, functions: int, rounds: int = 1) -> dict[str, object]:
    """Time from the committed text to its curves painted, for each corpus function in each round,
    whole and in parts.

    sympy's cache is cleared before each, as in the model section: nothing is reused from an earlier
    edit. Consecutive texts always differ, so every edit is a real change.
    """
    type_function(window, "x")  # warm-up
    stages: dict[str, list[float]] = {"total": [], "commit": [], "sample": [], "repaint": []}
    for _ in range(rounds):
        for entry in CORPUS[:functions]:
            clear_cache()
            start = time.perf_counter()
            committed, arrived = type_function(window, entry.text)
            end = time.perf_counter()
            for stage, seconds in (("total", end - start), ("commit", committed - start),
                                   ("sample", arrived - committed), ("repaint", end - arrived)):
                stages[stage].append(seconds)
    type_function(window, DRAG_FUNCTION)
    return {"functions": [entry.text for entry in CORPUS[:functions]], "rounds": rounds,
            **summary_ms(stages.pop("total")), **{stage: summary_ms(seconds) for stage, seconds in stages.items()}}


def measure_with_features(window, counts: GuiCounts) -> tuple[dict, dict]:
    """The drag frame and the keystroke again with the features tool and the sign charts shown:
    every edit then finds the features with the curves, and the plot draws marks and charts."""
    session = window.session
    wait_for_curves(window, lambda: session.set_features(True))
    wait_for_curves(window, lambda: session.set_sign_charts(True))
    try:
        drag = measure_drag_frames(window, counts.drag_frames)
        keystroke = measure_keystrokes(window, counts.keystroke_functions, counts.keystroke_rounds)
    finally:
        session.set_sign_charts(False)
        session.set_features(False)
    return drag, keystroke


# ----------------------------------------------------------------- a steep curve
def measure_steep_repaints(window, runs: int) -> list[float]:
    """Times of whole repaints of the plot (as an expose or a theme change asks) while it shows
    STEEP_FUNCTION on the default view; the window goes back to DRAG_FUNCTION after."""
    type_function(window, STEEP_FUNCTION)
    viewport = window.plot_view.graphics.viewport()
    clocked = []
    for _ in range(runs):
        start = time.perf_counter()
        viewport.update()
        repaint(window)
        clocked.append(time.perf_counter() - start)
    type_function(window, DRAG_FUNCTION)
    return clocked


# ----------------------------------------------------------------- a fast wheel
def wheel_burst(window, direction: int, curves_at: list[float]) -> float:
    """Seconds from the first of WHEEL_NOTCHES wheel notches (zooming in for direction 1, out for
    −1) to the plot painted with the curves of the view the wheel left it at. `curves_at[0]` is kept
    at the perf_counter of the latest curves the session handed out (measure_wheel_bursts)."""
    from PySide6.QtCore import QPoint, QPointF, Qt
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    viewport = window.plot_view.graphics.viewport()
    at = _viewport_point(window, WHEEL_AT_X, 0.0)
    start = time.perf_counter()
    for _ in range(WHEEL_NOTCHES):
        notch = QWheelEvent(QPointF(at), QPointF(viewport.mapToGlobal(at)), QPoint(0, 0), QPoint(0, 120 * direction),
                            Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase,
                            False)
        QApplication.sendEvent(viewport, notch)
        until = time.perf_counter() + WHEEL_GAP_MS / 1e3
        while time.perf_counter() < until:
            QApplication.processEvents()
    settle(window, curves_at)
    return time.perf_counter() - start


def settle(window, curves_at: list[float]) -> None:
    """Run the event loop until the session has the plot's view, that view's curves have come, and
    the plot has painted since."""
    from PySide6.QtWidgets import QApplication

    session, box = window.session, window.plot_view.main_plot.getViewBox()
    watcher = _paint_watcher(window.plot_view.graphics.viewport())
    deadline = time.perf_counter() + CURVE_TIMEOUT_S
    while True:
        QApplication.processEvents()
        shown = tuple(box.viewRange()[0])
        if (not session.busy and all(math.isclose(a, b, rel_tol=1e-9) for a, b in zip(session.state.x_range, shown))
                and watcher.painted_at >= curves_at[0]):
            return
        if time.perf_counter() > deadline:
            raise RuntimeError(f"the view {shown} was not drawn within {CURVE_TIMEOUT_S} s")
        time.sleep(0.0005)


def measure_wheel_bursts(window, bursts: int) -> list[float]:
    """Wheel bursts in and out in turn, each from the settled plot of the last (after one each way);
    the default view is back after."""
    curves_at = [time.perf_counter()]

    def arrived(_frame) -> None:
        curves_at[0] = time.perf_counter()

    session = window.session
    session.curves_changed.connect(arrived)
    try:
        wheel_burst(window, 1, curves_at)
        wheel_burst(window, -1, curves_at)  # warm-up
        clocked = [wheel_burst(window, 1 if i % 2 == 0 else -1, curves_at) for i in range(bursts)]
        session.reset_view()
        settle(window, curves_at)
    finally:
        session.curves_changed.disconnect(arrived)
    return clocked


# ----------------------------------------------------------------- export
def measure_exports(window, runs: int) -> list[float]:
    from explorer.export.images import export_image

    clocked = []
    with tempfile.TemporaryDirectory(prefix="slope-bench-") as folder:
        path = Path(folder) / "plot.png"
        export_image(window.plot_view, path, EXPORT_SIZE)  # warm-up: the PNG encoder loads on first use
        for _ in range(runs):
            path.unlink()
            start = time.perf_counter()
            export_image(window.plot_view, path, EXPORT_SIZE)
            clocked.append(time.perf_counter() - start)
        if path.stat().st_size == 0:
            raise RuntimeError("export wrote an empty file")
    return clocked


# ----------------------------------------------------------------- memory
def resident_bytes(pid: int | str = "self") -> int:
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        return int(re.search(r"^VmRSS:\s+(\d+) kB", status.read(), re.MULTILINE).group(1)) * 1024


def window_resident_bytes(window) -> int:
    """The window's process and its engine's process together (a leak in either one counts)."""
    engine_pid = getattr(window.session.engine, "pid", None)
    return resident_bytes() + (resident_bytes(engine_pid) if engine_pid is not None else 0)


def measure_memory(window, frames: int, edits: int) -> dict[str, object]:
    """Resident-set growth across `frames` drag frames and `edits` function edits (the caches are warm).

    Edits come in pairs, a corpus function and back to the dragged one, with drags in between.
    """
    others = [entry.text for entry in CORPUS if entry.text != DRAG_FUNCTION]
    cycles = max(edits // 2, 1)
    gc.collect()
    before = window_resident_bytes(window)
    for i in range(cycles):
        drag_frames(window, frames // cycles + (i < frames % cycles))
        type_function(window, others[i % len(others)])
        type_function(window, DRAG_FUNCTION)
    gc.collect()
    after = window_resident_bytes(window)
    return {"drag_frames": frames, "edits": 2 * cycles, "rss_before_mb": before / 1e6,
            "rss_after_mb": after / 1e6, "growth_mb": (after - before) / 1e6,
            "method": "VmRSS of the window's process and of its engine's process, after gc.collect() here, "
                      "before and after"}


# ----------------------------------------------------------------- launch, in fresh processes
#: Run in a fresh interpreter: open the window as `python -m explorer TEXT` does (nothing of Qt loaded
#: before it, so the engine's process starts first), paint it, wait for the first curves, paint them,
#: and print the wall-clock times (time.time()) of both moments.
LAUNCH_SCRIPT = """
import json, sys, time
from explorer.launch import open_window
window = open_window(sys.argv[1])
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
window.repaint()
visible = time.time()
first_curve = []
def drawn(_frame):
    if not first_curve:
        window.plot_view.graphics.viewport().repaint()
        first_curve.append(time.time())
        QApplication.instance().quit()
window.session.curves_changed.connect(drawn)
QTimer.singleShot(60000, QApplication.instance().quit)
QApplication.instance().exec()
window.session.close()
print(json.dumps({"visible": visible, "first_curve": first_curve[0] if first_curve else None}))
"""


def launch_once() -> dict[str, float]:
    spawned = time.time()  # the child inherits QT_QPA_PLATFORM, set above
    done = subprocess.run([sys.executable, "-c", LAUNCH_SCRIPT, DRAG_FUNCTION], capture_output=True, text=True,
                          check=False, timeout=120)
    if done.returncode != 0:
        raise RuntimeError(f"launch measurement failed:\n{done.stderr.strip()}")
    stamps = json.loads(done.stdout.strip().splitlines()[-1])
    if stamps["first_curve"] is None:
        raise RuntimeError("the launched window drew no curve within 60 s")
    return {"visible_s": stamps["visible"] - spawned, "first_curve_s": stamps["first_curve"] - spawned}


def measure_launches(runs: int) -> dict[str, object]:
    launches = [launch_once() for _ in range(runs)]
    return {
        "runs": runs,
        "method": "wall clock from spawning a fresh interpreter to the window painted, and to the first curve "
                  "painted (open_window as `python -m explorer TEXT` does)",
        **{f"{moment}_{stat}": percentile([launch[f"{moment}_s"] for launch in launches], q)
           for moment in ("visible", "first_curve") for stat, q in (("p50_s", 50), ("p95_s", 95))},
        "all": launches,
    }


# ----------------------------------------------------------------- report
def summary_ms(seconds: list[float]) -> dict[str, float]:
    return {"p50_ms": percentile(seconds, 50) * 1e3, "p95_ms": percentile(seconds, 95) * 1e3,
            "max_ms": max(seconds) * 1e3, "calls": len(seconds)}


def gui_targets(data: dict) -> list[Target]:
    launch = data["launch"]
    return [
        Target("[gui] drag frame (probe + tangent + repaint), p95", data["drag_frame"]["p95_ms"],
               TARGET_DRAG_FRAME_MS, "ms"),
        Target(f"[gui] drag frame with T{_subscript(TAYLOR_DRAG_DEGREE)} shown, p95",
               data["drag_frame_taylor"]["p95_ms"], TARGET_TAYLOR_DRAG_MS, "ms"),
        Target("[gui] drag frame of P with the secant and its error plot shown, p95",
               data["secant_drag_frame"]["p"]["p95_ms"], TARGET_DRAG_FRAME_MS, "ms"),
        Target("[gui] drag frame of the secant's Q (h changed), p95", data["secant_drag_frame"]["q"]["p95_ms"],
               TARGET_DRAG_FRAME_MS, "ms"),
        Target("[gui] keystroke to repainted plot, p95", data["keystroke"]["p95_ms"], TARGET_KEYSTROKE_MS, "ms"),
        Target("[gui] drag frame, features and sign charts shown, p95", data["drag_frame_features"]["p95_ms"],
               TARGET_DRAG_FRAME_MS, "ms"),
        Target("[gui] keystroke to repainted plot, features and sign charts shown, p95",
               data["keystroke_features"]["p95_ms"], TARGET_KEYSTROKE_MS, "ms"),
        Target(f"[gui] repaint of a steep curve ({data['steep_repaint']['function']} on the default view), p95",
               data["steep_repaint"]["p95_ms"], TARGET_STEEP_REPAINT_MS, "ms"),
        Target("[gui] launch to window visible, p95", launch["visible_p95_s"], TARGET_VISIBLE_S, "s"),
        Target("[gui] launch to first curve, p95", launch["first_curve_p95_s"], TARGET_FIRST_CURVE_S, "s"),
        Target(f"[gui] export {EXPORT_SIZE[0]}×{EXPORT_SIZE[1]} PNG, p95", data["export"]["p95_ms"] / 1e3,
               TARGET_EXPORT_S, "s"),
        Target(f"[gui] RSS growth over {data['memory']['drag_frames']} drag frames + "
               f"{data['memory']['edits']} edits", data["memory"]["growth_mb"],
               TARGET_MEMORY_GROWTH_MB, "MB"),
    ]


def gui_tables(data: dict) -> list[Table]:
    launch, memory = data["launch"], data["memory"]
    latency_rows = [
        (label, f"{stats['p50_ms']:.3g}", f"{stats['p95_ms']:.3g}", f"{stats['max_ms']:.3g}", str(stats["calls"]))
        for label, stats in (
            (f"drag frame, f = {DRAG_FUNCTION}", data["drag_frame"]),
            ("  of which: move handled (probe, tangent, markers)", data["drag_frame"]["handling"]),
            ("  of which: repaint", data["drag_frame"]["repaint"]),
            (f"drag frame with T{_subscript(TAYLOR_DRAG_DEGREE)} shown", data["drag_frame_taylor"]),
            ("  of which: move handled (probe with Tₙ, Tₙ drawn)", data["drag_frame_taylor"]["handling"]),
            ("drag start (first move; freezes the still layers), not a frame", data["drag_frame"]["start"]),
            ("drag frame with the secant and its error plot shown", data["secant_drag_frame"]["p"]),
            ("  of which: move handled", data["secant_drag_frame"]["p"]["handling"]),
            ("  of which: repaint", data["secant_drag_frame"]["p"]["repaint"]),
            ("drag frame of the secant's Q (h changed; x\u2080 = "
             f"{Q_DRAG_X0:g})", data["secant_drag_frame"]["q"]),
            ("  of which: move handled", data["secant_drag_frame"]["q"]["handling"]),
            ("  of which: repaint", data["secant_drag_frame"]["q"]["repaint"]),
            (f"keystroke to repainted plot ({len(data['keystroke']['functions'])} functions × "
             f"{data['keystroke']['rounds']})", data["keystroke"]),
            ("  of which: commit (parse, on the GUI thread)", data["keystroke"]["commit"]),
            ("  of which: sample (worker thread) until the plot has the curves", data["keystroke"]["sample"]),
            ("  of which: repaint", data["keystroke"]["repaint"]),
            ("drag frame, features and sign charts shown", data["drag_frame_features"]),
            ("keystroke to repainted plot, features and sign charts shown", data["keystroke_features"]),
            ("  of which: sample and find the features until the plot has them",
             data["keystroke_features"]["sample"]),
            (f"repaint of a steep curve ({data['steep_repaint']['function']} on the default view)",
             data["steep_repaint"]),
            (f"wheel burst ({data['wheel_burst']['notches']} notches {data['wheel_burst']['gap_ms']} ms apart) "
             "to its view's curves painted", data["wheel_burst"]),
            (f"export {EXPORT_SIZE[0]}×{EXPORT_SIZE[1]} PNG", data["export"]),
        )
    ]
    launch_rows = [(moment.replace("_", " "), f"{launch[f'{moment}_p50_s']:.3g}", f"{launch[f'{moment}_p95_s']:.3g}",
                    str(launch["runs"])) for moment in ("visible", "first_curve")]
    memory_rows = [(f"{memory['drag_frames']} drag frames + {memory['edits']} edits",
                    f"{memory['rss_before_mb']:.1f}", f"{memory['rss_after_mb']:.1f}", f"{memory['growth_mb']:+.1f}")]
    load = f"load average (1 min) {data['load_average_1m_at_start']} at start, {data['load_average_1m_at_end']} at end"
    return [
        Table(f"[gui] interaction at a {data['window'][0]}×{data['window'][1]} window, f, f′, f″ shown",
              ("what", "p50 ms", "p95 ms", "max ms", "calls"), latency_rows,
              [f"Qt platform: {data['qt_platform']}; plot {data['plot_pixels'][0]}×{data['plot_pixels'][1]} px; {load}",
               "drag frame: a real mouse move on the plot's viewport during a drag, then the event loop until the "
               "plot has painted the reading at the new x\u2080 (read ahead, or answered by the engine's process "
               "meanwhile)",
               "keystroke: text set and committed (as the debounce timer does), until the worker's curves are "
               "painted; sympy's cache cleared before each"]),
        Table("[gui] launch, fresh process", ("moment", "p50 s", "p95 s", "runs"), launch_rows, [launch["method"]]),
        Table("[gui] resident memory", ("workload", "before MB", "after MB", "growth MB"), memory_rows,
              [memory["method"]]),
    ]
