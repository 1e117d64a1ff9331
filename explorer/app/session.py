"""One open document: its state, the parsed function, and the signals views redraw from.

The session owns the only mutable thing, `state` (an immutable `DocumentState` it replaces on every
change), so undo is a stack of snapshots. Parsing happens here, on the GUI thread (it takes a few
milliseconds); grid sampling runs off it (in the engine's process, or on a `CurveWorker` thread
beside an in-process engine) and each recomputation emits `curves_changed` once with the whole
`CurveSet`. Moving x₀ asks the engine for one point, on the GUI
thread, and never re-samples the grid.

sympy and torch are imported on first use, so a window can show before either is loaded. The app
hands the session an `EngineProcess` (engine_process.py): torch then loads in a process of its own.
"""

from __future__ import annotations

import dataclasses
import math
import threading

from PySide6.QtCore import QCoreApplication, QObject, Signal

from explorer.app.compute import CurveWorker
from explorer.app.engine_jobs import EngineJobs
from explorer.app.jobs import SampleJob, SampleResult, run_job
from explorer.app.history import History
from explorer.app.state import DocumentState, ParameterSetting

#: Highest derivative order the views offer.
MAX_ORDER = 6
#: Grid size used until a view reports its width in pixels.
DEFAULT_SAMPLES = 1200
SAMPLES_PER_PIXEL = 3
MIN_SAMPLES, MAX_SAMPLES = 200, 12000


def reconcile_parameters(settings: tuple[ParameterSetting, ...],
                         names: tuple[str, ...]) -> tuple[ParameterSetting, ...]:
    """One setting per parameter of the new function, keeping the slider of any name kept."""
    known = {setting.name: setting for setting in settings}
    return tuple(known.get(name, ParameterSetting(name)) for name in names)


def _valid_range(values) -> tuple[float, float] | None:
    """(low, high) as floats if both are finite and low < high, else None."""
    low, high = (float(value) for value in values)
    return (low, high) if math.isfinite(low) and math.isfinite(high) and low < high else None


class Session(QObject):
    """State + signals for one document. `threaded=False` computes synchronously (headless export)."""

    curves_changed = Signal(object)     # CurveSet: f and every sampled derivative at once
    reading_changed = Signal(object)    # PointReading at x₀
    state_changed = Signal(object)      # DocumentState
    error_changed = Signal(object)      # ParseError or None
    function_changed = Signal(object)   # Function (its parameters may have changed)
    compute_failed = Signal(str)        # the engine could not evaluate the function (message)
    history_changed = Signal()          # can_undo / can_redo may have changed

    def __init__(self, state: DocumentState | None = None, engine=None, threaded: bool = True,
                 parent: QObject | None = None):
        super().__init__(parent)
        self._state = state if state is not None else DocumentState()
        self._engine = engine
        self._engine_lock = threading.Lock()
        self._threaded = threaded
        self._generation = 0
        self._delivered_generation = 0
        self._samples = DEFAULT_SAMPLES
        self._worker: CurveWorker | EngineJobs | None = None
        self.history = History()
        self.function = None          # last Function that parsed (kept while the text has an error)
        self.error = None             # ParseError of the current text, or None
        self.last_curves = None       # CurveSet of the latest recomputation
        self.last_reading = None      # PointReading at state.x0
        self.last_y_ranges: dict[int, tuple[float, float]] = {}
        self.last_lines: dict = {}    # the latest curves' lines, made for `screen` (polyline.Line)
        #: Where the window will draw the curves (a callable giving a polyline.Screen, or None):
        #: their lines are made with them, off this thread.
        self.drawing_screen = None
        self._parsed_text: str | None = None

    # ----------------------------------------------------------------- reading the state
    @property
    def state(self) -> DocumentState:
        return self._state

    @property
    def engine(self):
        """The engine: the one given, or an in-process Engine created on first use (this imports torch)."""
        with self._engine_lock:
            if self._engine is None:
                from explorer.model import Engine

                # One torch thread: the window's grids are a few thousand points, below torch's
                # parallel grain, and a second thread only fights the GUI thread for the cores
                # (keystroke to painted plot, p95: 35–42 ms with two, 32–35 ms with one). Never
                # fused: the eager path samples such a grid in milliseconds, while compiling a
                # kernel would take seconds of a core (and of the GIL) for each new function.
                self._engine = Engine(fuse=False, threads=1)
            return self._engine

    @property
    def busy(self) -> bool:
        """A recomputation has been asked for and its curves have not arrived yet."""
        return self._delivered_generation < self._generation

    # ----------------------------------------------------------------- whole-state changes
    def start(self) -> None:
        """Parse the initial text and compute the first curves (call once the window shows)."""
        if self._parsed_text is None:
            if self._threaded and self._engine is None:
                self._ensure_worker().warm_up(lambda: self.engine)  # imports torch off this thread
            self._apply(self._state, force=True)

    def set_state(self, state: DocumentState) -> None:
        """Replace the whole document (open a file). Recorded as one undo step."""
        self._change(state, "document", mergeable=False)

    def undo(self) -> None:
        self._travel(self.history.undo)

    def redo(self) -> None:
        self._travel(self.history.redo)

    def _travel(self, step) -> None:
        target = step(self._state)
        if target is None:
            return
        # The view (pan/zoom) is not part of history: undoing an edit must not jump the plot.
        self._apply(dataclasses.replace(target, x_range=self._state.x_range, y_range=self._state.y_range,
                                        stacked_y_ranges=self._state.stacked_y_ranges))
        self.history_changed.emit()

    # ----------------------------------------------------------------- fine-grained setters
    def set_text(self, text: str) -> None:
        self._change(dataclasses.replace(self._state, text=text), "text")

    def set_x0(self, x0: float) -> None:
        if math.isfinite(x0):
            self._change(dataclasses.replace(self._state, x0=float(x0)), "x0")

    def probe_ahead(self, xs) -> None:
        """Readings that may be asked for next (the x₀ a drag can reach from here): an engine that
        can (EngineProcess.probe_ahead) computes them meanwhile, and answers the next probe at one
        of them at once."""
        ahead = getattr(self._engine, "probe_ahead", None)
        if ahead is not None and self.function is not None and self.error is None and len(xs):
            state = self._state
            ahead(self.function, xs, order=max((1, *state.orders)), params=state.parameter_values())

    def set_parameter(self, name: str, value: float) -> None:
        """Move a slider; a typed value outside its range widens the range to include it."""
        value = float(value)
        if not math.isfinite(value):
            return
        setting = next((p for p in self._state.parameters if p.name == name), None)
        if setting is not None:
            self._replace_parameter(name, "parameter:" + name, value=value,
                                    minimum=min(setting.minimum, value), maximum=max(setting.maximum, value))

    def set_parameter_range(self, name: str, minimum: float, maximum: float) -> None:
        """Edit a slider's range; the value is kept inside it."""
        setting = next((p for p in self._state.parameters if p.name == name), None)
        if setting is None or not (math.isfinite(minimum) and math.isfinite(maximum) and minimum < maximum):
            return
        self._replace_parameter(name, "range:" + name, minimum=float(minimum), maximum=float(maximum),
                                value=min(max(setting.value, float(minimum)), float(maximum)))

    def _replace_parameter(self, name: str, kind: str, **changes) -> None:
        settings = tuple(dataclasses.replace(p, **changes) if p.name == name else p
                         for p in self._state.parameters)
        self._change(dataclasses.replace(self._state, parameters=settings), kind)

    def set_orders(self, orders) -> None:
        cleaned = tuple(sorted({int(k) for k in orders if 1 <= int(k) <= MAX_ORDER}))
        self._change(dataclasses.replace(self._state, orders=cleaned), "orders", mergeable=False)

    def toggle_order(self, order: int) -> None:
        orders = set(self._state.orders) ^ {order}
        self.set_orders(orders)

    def set_layout(self, layout: str) -> None:
        if layout in ("overlay", "stacked"):
            self._change(dataclasses.replace(self._state, layout=layout), "layout", mergeable=False)

    def set_show_tangent(self, show: bool) -> None:
        self._change(dataclasses.replace(self._state, show_tangent=bool(show)), "tangent", mergeable=False)

    def set_view(self, x_range, y_range, stacked_y_ranges=()) -> None:
        """Pan/zoom: not an undo step. `y_range=None` asks for the automatic range; stacked
        derivative plots take the y-ranges given for them by order ((order, range) pairs or a
        dict) and their automatic ones otherwise."""
        x_range = _valid_range(x_range)
        if x_range is None:
            return
        if y_range is not None:
            y_range = _valid_range(y_range) or self._state.y_range
        stacked = {int(order): _valid_range(chosen) for order, chosen in dict(stacked_y_ranges).items()}
        self._apply(dataclasses.replace(self._state, x_range=x_range, y_range=y_range, stacked_y_ranges=tuple(
            sorted((order, chosen) for order, chosen in stacked.items() if chosen is not None))))

    def reset_view(self) -> None:
        default = DocumentState()
        self.set_view(default.x_range, default.y_range)

    def fit_view(self) -> None:
        """Keep the x-range, choose y automatically from the curves shown."""
        self.set_view(self._state.x_range, None)

    def set_pixel_width(self, pixels: int) -> None:
        """Tie the grid to the plot's width: a few samples per pixel, resampled when it changes."""
        samples = min(MAX_SAMPLES, max(MIN_SAMPLES, int(pixels) * SAMPLES_PER_PIXEL))
        if samples != self._samples:
            self._samples = samples
            if self.function is not None:
                self._request_curves()

    # ----------------------------------------------------------------- gestures
    def begin_gesture(self) -> None:
        """A drag starts: all its changes are one undo step."""
        self.history.begin_group()

    def end_gesture(self) -> None:
        self.history.end_group()

    # ----------------------------------------------------------------- applying changes
    def _change(self, new: DocumentState, kind: str, mergeable: bool = True) -> None:
        if new == self._state:
            return
        self.history.record(self._state, kind, mergeable)
        self._apply(new)
        self.history_changed.emit()

    def _apply(self, new: DocumentState, force: bool = False) -> None:
        old = self._state
        self._state = new
        text_changed = force or new.text != self._parsed_text
        sent_ahead = text_changed and self._send_ahead()
        if text_changed:
            self._parse()  # may reconcile parameters into self._state
            if sent_ahead and self.error is not None:
                self._abandon()  # its answer is an error the message under the box already gives
        new = self._state
        resample = self.function is not None and not (sent_ahead and self.error is None) and (
            (text_changed and self.error is None) or force or new.parameters != old.parameters
            or new.x_range != old.x_range or new.orders != old.orders)
        if resample and self._threaded:
            self._request_curves()  # first: the engine samples while the views take the new state
        self.state_changed.emit(new)
        if sent_ahead:
            self._worker.collect()
        if self.function is None:
            return
        if resample and not self._threaded:
            self._request_curves()
        answered = resample and not self._threaded  # a synchronous job brought the reading along
        if not text_changed and not answered and (new.x0 != old.x0 or new.parameters != old.parameters):
            self._probe()  # the readout follows a slider or x₀ at once; the curves follow from the worker

    def _send_ahead(self) -> bool:
        """Send a new text's job to the engine's process before this thread parses the text: it is
        parsed and sampled there meanwhile. Its sliders are those the text had so far; a parameter
        new to it is sampled at a new slider's value, as parsing here will set it. Not before the
        process has answered a job: until then it has no parser loaded, and it gets a program
        once this thread has parsed the text (engine_process.py)."""
        if not (self._threaded and getattr(self._engine, "takes_text", False)):
            return False
        self._generation += 1
        self._ensure_worker().submit(self._job(self._state.text))
        return True

    def _abandon(self) -> None:
        """Expect no curves for the jobs sent so far (the text they were sent for has a typo)."""
        self._generation += 1
        self._delivered_generation = self._generation

    def _parse(self) -> None:
        from explorer.model import ParseError, parse

        text = self._state.text
        self._parsed_text = text
        try:
            function = parse(text)
        except ParseError as error:
            self.error = error
            self.error_changed.emit(error)
            return
        had_error = self.error is not None
        self.error = None
        self.function = function
        parameters = reconcile_parameters(self._state.parameters, function.parameters)
        if parameters != self._state.parameters:
            self._state = dataclasses.replace(self._state, parameters=parameters)
        if had_error:
            self.error_changed.emit(None)
        self.function_changed.emit(function)

    def _job(self, function) -> SampleJob:
        """The current state's job, for `function` (or for its text, in the engine's process)."""
        state = self._state
        return SampleJob(self._generation, function, state.x_range, self._samples, max((1, *state.orders)),
                         state.parameter_values(), state.x0, state.orders,
                         self.drawing_screen() if self.drawing_screen is not None else None)

    def _request_curves(self) -> None:
        self._generation += 1
        job = self._job(self.function)
        if not self._threaded:
            self._deliver(self._run_job(job))
            return
        self._ensure_worker().submit(job)

    def _run_job(self, job: SampleJob) -> SampleResult:
        """The job, computed where the engine lives: here, or in the engine's process in one exchange."""
        engine = self.engine
        remote = getattr(engine, "run_job", None)
        return remote(job) if remote is not None else run_job(engine, job)

    def _ensure_worker(self) -> CurveWorker | EngineJobs:
        """What runs grid jobs off this thread: the engine's process itself if it has one (answers
        are read here as they come), else a worker thread beside the in-process engine."""
        if self._worker is None:
            if hasattr(self._engine, "send_job"):
                self._worker = EngineJobs(self._engine, self)
            else:
                self._worker = CurveWorker(self._run_job, lambda: self._generation, self)
            self._worker.finished.connect(self._deliver)
            self._worker.failed.connect(self._fail)
        return self._worker

    def _deliver(self, result: SampleResult) -> None:
        if result.job.generation != self._generation:
            return  # a newer request is on its way
        self._delivered_generation = result.job.generation
        self.last_curves = result.curves
        self.last_y_ranges = result.y_ranges
        self.last_lines = result.lines
        self.curves_changed.emit(result.curves)
        if result.job.x0 == self._state.x0:
            self._set_reading(result.reading)
        else:
            self._probe()  # x₀ moved while the grid was being sampled

    def _fail(self, job: SampleJob, message: str) -> None:
        if job.generation == self._generation:
            self._delivered_generation = job.generation
            self.compute_failed.emit(message)

    def _probe(self) -> None:
        if not getattr(self.engine, "ready", True):
            # The engine's process is still starting: rather than wait for it here, on the GUI
            # thread, ask for curves, whose job brings the reading along once it can.
            self._request_curves()
            return
        state = self._state
        try:
            reading = self.engine.probe(self.function, state.x0, order=max((1, *state.orders)),
                                        params=state.parameter_values())
        except Exception as error:  # noqa: BLE001 - the user gets a message, the window keeps running
            self.compute_failed.emit(f"{type(error).__name__}: {error}")
            return
        self._set_reading(reading)

    def _set_reading(self, reading) -> None:
        self.last_reading = reading
        self.reading_changed.emit(reading)

    # ----------------------------------------------------------------- synchronous use
    def compute_now(self) -> None:
        """Parse if needed and compute curves and reading on this thread (headless export, tests)."""
        if self._parsed_text != self._state.text:
            self._parse()
            self.state_changed.emit(self._state)
        if self.function is None:
            return
        self._generation += 1
        self._deliver(self._run_job(self._job(self.function)))

    def wait_idle(self, timeout_ms: int = 30000) -> bool:
        """Block until the newest requested curves have been delivered (threaded mode)."""
        if self._worker is None:
            return not self.busy
        remaining = timeout_ms
        while self.busy and remaining > 0:
            self._worker.wait(50)
            QCoreApplication.processEvents()
            remaining -= 50
        return not self.busy

    def close(self) -> None:
        """Stop the engine's process (if it has one: a job running there fails at once) and the
        worker thread; call before the session is destroyed."""
        close_engine = getattr(self._engine, "close", None)
        if close_engine is not None:
            close_engine()
        if self._worker is not None:
            self._worker.shutdown()
            QCoreApplication.processEvents()
