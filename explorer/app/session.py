"""One open document: its state, the parsed function, and the signals views redraw from.

The session owns the only mutable thing, `state` (an immutable `DocumentState` it replaces on every
change), so undo is a stack of snapshots. Parsing happens here, on the GUI thread (it takes a few
milliseconds); the engine computes behind the engine port (engine_client.py), and each
recomputation emits `curves_changed` once with the whole `Frame` (frame.py: curves, the reading at
x₀, y-ranges); views make their own lines from it. Moving x₀ asks the engine for
one point, never for the grid, and never waits for it: the reading comes when it comes (at once
where it was read ahead), and answers the session no longer wants are dropped here. A value
table is asked for the same way (`table_request`, `submit_table`) and comes with `table_computed`.

sympy and torch are imported on first use, so a window can show before either is loaded. The app
hands the session an `EngineProcess` (engine_process.py): torch then loads in a process of its own.
"""

from __future__ import annotations

import dataclasses
import math

from PySide6.QtCore import QCoreApplication, QObject, Signal

from explorer.app.engine_client import EngineClient
from explorer.app.frame import Frame
from explorer.app.held_range import holding, left_entirely
from explorer.app.history import History
from explorer.app.in_process_engine import InProcessEngine
from explorer.app.jobs import FunctionRef, Probe, SampleJob, TableRequest
from explorer.app.secant_state import valid_h
from explorer.app.state import (
    CURVE_COLOURINGS,
    FEATURE_FAMILIES,
    MAX_ORDER,
    DocumentState,
    ParameterSetting,
    clamped,
    showable_range,
)
from explorer.app.tool_requests import SecantRequest, ToolRequest
from explorer.model.taylor.request import MAX_DEGREE, TaylorRequest

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
    """(low, high) as floats, moved to the nearest range a document can show (state.showable_range:
    a zoom far out or far in stops where files and the command line stop), if both are finite and
    low < high; else None."""
    low, high = (float(value) for value in values)
    return showable_range(low, high) if math.isfinite(low) and math.isfinite(high) and low < high else None


class _Answers:
    """The session's ear for its engine client (an EngineListener). Answers that come while a new
    state is being applied (a client without threads answers at once) wait until the views have
    taken that state, so they never draw curves for a state they have not seen."""

    def __init__(self, session: Session):
        self._session = session

    def _pass(self, handle, *args) -> None:
        held = self._session._held
        if held is None:
            handle(*args)
        else:
            held.append(lambda: handle(*args))

    def frame_computed(self, job: SampleJob, frame: Frame) -> None:
        self._pass(self._session._deliver, job, frame)

    def job_failed(self, job: SampleJob, message: str) -> None:
        self._pass(self._session._job_failed, job, message)

    def reading_computed(self, probe: Probe, reading) -> None:
        self._pass(self._session._reading_computed, probe, reading)

    def probe_failed(self, probe: Probe, message: str) -> None:
        self._pass(self._session._probe_failed, probe, message)

    def table_computed(self, request: TableRequest, readings: list) -> None:
        self._pass(self._session._table_answered, request, self._session.table_computed, readings)

    def table_failed(self, request: TableRequest, message: str) -> None:
        self._pass(self._session._table_answered, request, self._session.table_failed, message)

    def engine_failed(self, message: str) -> None:
        self._pass(self._session.engine_failed.emit, message)


class Session(QObject):
    """State + signals for one document, computed by `engine` (an EngineClient), or by an engine in
    this process: with `threaded=False` it computes synchronously (headless export)."""

    curves_changed = Signal(object)     # Frame: everything one recomputation produced
    reading_changed = Signal(object)    # PointReading at x₀
    state_changed = Signal(object)      # DocumentState
    error_changed = Signal(object)      # ParseError or None
    compute_failed = Signal(str)        # the engine could not evaluate the function (message)
    engine_failed = Signal(str)         # the engine itself failed and is being replaced (message)
    table_computed = Signal(object, object)  # TableRequest, its PointReadings (the newest table asked)
    table_failed = Signal(object, str)       # TableRequest, why the engine could not compute it
    history_changed = Signal()          # can_undo / can_redo may have changed

    def __init__(self, state: DocumentState | None = None, engine: EngineClient | None = None,
                 threaded: bool = True, parent: QObject | None = None):
        super().__init__(parent)
        self._state = state if state is not None else DocumentState()
        self._client = engine if engine is not None else InProcessEngine(threaded=threaded)
        self._generation = 0
        self._delivered_generation = 0
        self._samples = DEFAULT_SAMPLES
        #: Answers held while a new state is applied (a list), or None (_Answers).
        self._held: list | None = None
        self.history = History()
        self.function = None          # last Function that parsed (kept while the text has an error)
        self.error = None             # ParseError of the current text, or None
        self.last_frame: Frame | None = None  # the latest recomputation's, for views built later
        self.last_reading = None      # PointReading at state.x0 (or, while it catches up, near it)
        self._reading_asked: Probe | None = None  # the request `last_reading` answers
        self._probe_asked: Probe | None = None    # the last reading asked for
        self._table_generation = 0    # value tables asked for so far (TableRequest.generation)
        self._table_asked: TableRequest | None = None  # the last one submitted
        self._parsed_text: str | None = None
        #: While a parameter's move holds the y-ranges (held_range.py): the state's view before the
        #: hold, and the view held; None otherwise.
        self._hold: tuple[DocumentState, DocumentState] | None = None
        self._client.listen(_Answers(self))

    # ----------------------------------------------------------------- reading the state
    @property
    def state(self) -> DocumentState:
        return self._state

    @property
    def last_curves(self):
        """The CurveSet of the document's function in the latest frame, or None before one."""
        return self.last_frame.main if self.last_frame is not None else None

    @property
    def engine(self) -> EngineClient:
        """The engine client this session computes with."""
        return self._client

    @property
    def busy(self) -> bool:
        """A recomputation has been asked for and its curves have not arrived yet."""
        return self._delivered_generation < self._generation

    # ----------------------------------------------------------------- whole-state changes
    def start(self) -> None:
        """Parse the initial text and compute the first curves (call once the window shows)."""
        if self._parsed_text is None:
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
        self._change(dataclasses.replace(self._released(), text=text), "text")

    def set_x0(self, x0: float) -> None:
        if math.isfinite(x0):
            self._change(dataclasses.replace(self._state, x0=clamped(float(x0))), "x0")

    def probe_ahead(self, xs) -> None:
        """Readings that may be asked for next (the x₀ a drag can reach from here): the engine may
        compute them meanwhile, and answer the next probe at one of them at once."""
        if self.function is not None and self.error is None and len(xs):
            self._client.probe_ahead(self._ref(), xs, self._order(), self._state.parameter_values(), self._tools())

    def secant_ahead(self, hs) -> None:
        """The secant's steps that may be asked for next (the h a drag of Q can reach from here), at
        this x₀: the engine may compute their readings meanwhile, and answer the next probe at one
        of them at once. Each h is kept within bounds as `set_secant_h` will keep it."""
        steps = [h for h in (valid_h(float(h)) for h in hs) if h is not None]
        if self._state.secant.shown and self.function is not None and self.error is None and steps:
            tools = self._tools()
            self._client.probe_ahead(self._ref(), [self._state.x0] * len(steps), self._order(),
                                     self._state.parameter_values(),
                                     tuple(dataclasses.replace(tools, secant=SecantRequest(h)) for h in steps))

    def set_parameter(self, name: str, value: float) -> None:
        """Move a slider; a typed value outside its range widens the range to include it."""
        value = float(value)
        if not math.isfinite(value):
            return
        setting = next((p for p in self._state.parameters if p.name == name), None)
        if setting is not None:
            self._hold_ranges()
            self._replace_parameter(name, "parameter:" + name, value=value,
                                    minimum=min(setting.minimum, value), maximum=max(setting.maximum, value))

    def set_parameter_range(self, name: str, minimum: float, maximum: float) -> None:
        """Edit a slider's range; the value is kept inside it."""
        setting = next((p for p in self._state.parameters if p.name == name), None)
        if setting is None or not (math.isfinite(minimum) and math.isfinite(maximum) and minimum < maximum):
            return
        self._replace_parameter(name, "range:" + name, minimum=float(minimum), maximum=float(maximum),
                                value=min(max(setting.value, float(minimum)), float(maximum)))

    def _hold_ranges(self) -> None:
        """Hold the automatic y-ranges shown while a parameter moves (held_range.py): they become
        the state's own, without an undo step of their own (the view is not part of history)."""
        if self._hold is not None:
            return
        held = holding(self._state, self.last_frame)
        if held != self._state:
            self._hold = (self._state, held)
            self._state = held
            self.state_changed.emit(held)

    def _released(self) -> DocumentState:
        """The state with a parameter's hold on the y-ranges let go (automatic ranges again)."""
        if self._hold is None:
            return self._state
        before, held = self._hold
        self._hold = None
        if (self._state.y_range, self._state.stacked_y_ranges) != (held.y_range, held.stacked_y_ranges):
            return self._state  # the user has chosen a view since
        return dataclasses.replace(self._state, y_range=before.y_range, stacked_y_ranges=before.stacked_y_ranges)

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

    def set_features(self, show: bool) -> None:
        """Show or hide the features tool (markers and list); its features come with the next curves."""
        self._change(dataclasses.replace(self._state, show_features=bool(show)), "features", mergeable=False)

    def set_feature_family(self, family: str, shown: bool) -> None:
        """Mark one family of features (FEATURE_FAMILIES) on the plot, or stop marking it."""
        if family not in FEATURE_FAMILIES:
            return
        chosen = set(self._state.feature_families) ^ ({family} if shown != (family in self._state.feature_families)
                                                      else set())
        families = tuple(name for name in FEATURE_FAMILIES if name in chosen)
        self._change(dataclasses.replace(self._state, feature_families=families), "families", mergeable=False)

    def set_sign_charts(self, show: bool) -> None:
        """Show or hide the sign charts of f′ and f″ under the plot."""
        self._change(dataclasses.replace(self._state, show_sign_charts=bool(show)), "sign charts", mergeable=False)

    def set_curve_colouring(self, colouring: str) -> None:
        """Colour f's curve by the sign of f′ ("first"), of f″ ("second"), or not ("none")."""
        if colouring in CURVE_COLOURINGS:
            self._change(dataclasses.replace(self._state, curve_colouring=colouring), "colouring", mergeable=False)

    def set_taylor(self, show: bool | None = None, degree: int | None = None, error: bool | None = None,
                   tolerance: float | None = None) -> None:
        """The Taylor tool: shown or not, its degree (0 … MAX_DEGREE), the error curve, the tolerance."""
        state = self._state
        changes = {}
        if show is not None:
            changes["show_taylor"] = bool(show)
        if degree is not None and 0 <= int(degree) <= MAX_DEGREE:
            changes["taylor_degree"] = int(degree)
        if error is not None:
            changes["show_taylor_error"] = bool(error)
        if tolerance is not None and math.isfinite(tolerance) and tolerance > 0:
            changes["taylor_tolerance"] = float(tolerance)
        self._change(dataclasses.replace(state, **changes), "taylor", mergeable=False)

    def set_show_secant(self, show: bool) -> None:
        secant = dataclasses.replace(self._state.secant, shown=bool(show))
        self._change(dataclasses.replace(self._state, secant=secant), "secant", mergeable=False)

    def set_secant_h(self, h: float) -> None:
        """The secant's step (either sign; 0 and what is not finite are ignored), kept within
        secant_state's bounds. A drag of Q or the h → 0 animation is one undo step per gesture."""
        h = valid_h(float(h))
        if h is not None:
            secant = dataclasses.replace(self._state.secant, h=h)
            self._change(dataclasses.replace(self._state, secant=secant), "secant_h")

    def set_view(self, x_range, y_range, stacked_y_ranges=()) -> None:
        """Pan/zoom: not an undo step. `y_range=None` asks for the automatic range; stacked
        derivative plots take the y-ranges given for them by order ((order, range) pairs or a
        dict) and their automatic ones otherwise. Any view chosen ends a parameter's hold."""
        x_range = _valid_range(x_range)
        if x_range is None:
            return
        self._hold = None
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
        self._held = []
        try:
            text_changed = force or new.text != self._parsed_text
            sent_ahead = text_changed and self._send_ahead()
            if text_changed:
                self._parse()  # may reconcile parameters into self._state
                if sent_ahead and self.error is not None:
                    self._abandon()  # its answer is an error the message under the box already gives
            new = self._state
            resample = self.function is not None and not (sent_ahead and self.error is None) and (
                (text_changed and self.error is None) or force or new.parameters != old.parameters
                or new.x_range != old.x_range or new.orders != old.orders
                or (new.features_needed and not old.features_needed))
            if resample:
                self._request_curves()  # first: the engine samples while the views take the new state
            self.state_changed.emit(new)
            # An answer that came meanwhile (say, while the text was parsed) joins the repaint the
            # new state has asked for, instead of a paint of its own.
            self._client.collect()
        finally:
            held, self._held = self._held, None
        for deliver in held:
            deliver()
        moved = (new.x0 != old.x0 or new.parameters != old.parameters or new.secant != old.secant
                 or new.taylor_settings != old.taylor_settings)
        if self.function is not None and not text_changed and moved:
            self._probe()  # the readout follows a slider or x₀ at once; the curves follow from the engine

    def _send_ahead(self) -> bool:
        """Offer the engine a new text's job before this thread parses the text: it is parsed and
        sampled there meanwhile, if the engine takes it (EngineClient.submit_ahead). Its sliders
        are those the text had so far; a parameter new to it is sampled at a new slider's value,
        as parsing here will set it."""
        job = self._job(FunctionRef(self._state.text), self._generation + 1)
        if not self._client.submit_ahead(job):
            return False
        self._generation = job.generation
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

    def _ref(self) -> FunctionRef:
        return FunctionRef(self.function.text, self.function)

    def _order(self) -> int:
        """The highest order a reading or a grid needs (at least f′, for the tangent)."""
        return max((1, *self._state.orders))

    def _job(self, function: FunctionRef, generation: int) -> SampleJob:
        """The current state's job for `function`."""
        state = self._state
        return SampleJob(generation, function, state.x_range, self._samples, self._order(),
                         state.parameter_values(), state.x0, state.orders, features=state.features_needed,
                         tools=self._tools())

    def _tools(self) -> ToolRequest:
        """The data of the tools the current state shows, which its readings carry. Tₙ is sampled
        once per pixel of the plot (not per grid sample: a drag's readings read ahead each carry one)."""
        state = self._state
        taylor = secant = None
        if state.show_taylor:
            samples = max(MIN_SAMPLES, self._samples // SAMPLES_PER_PIXEL)
            taylor = TaylorRequest(state.taylor_degree, state.x_range, samples, state.taylor_tolerance)
        if state.secant.shown:
            secant = SecantRequest(state.secant.h)
        return ToolRequest(taylor, secant)

    def _asked(self) -> Probe:
        """The reading the current state shows."""
        return Probe(self._ref(), self._state.x0, self._order(), self._state.parameter_values(), self._tools())

    def _request_curves(self) -> None:
        self._generation += 1
        self._client.submit(self._job(self._ref(), self._generation))

    def _deliver(self, job: SampleJob, frame: Frame) -> None:
        if frame.generation != self._generation:
            return  # a newer request is on its way
        self._delivered_generation = frame.generation
        self.last_frame = frame
        self.curves_changed.emit(frame)
        if self._hold is not None and self._state.y_range == self._hold[1].y_range \
                and left_entirely(frame, self._state.y_range):
            self._apply(self._released())  # nothing of the curve would be seen: fit it again
        if job.x0 == self._state.x0:
            self._set_reading(frame.reading, Probe(job.function, job.x0, job.order, job.params, job.tools))
        else:
            self._probe()  # x₀ moved while the grid was being sampled

    def _job_failed(self, job: SampleJob, message: str) -> None:
        if job.generation == self._generation:
            self._delivered_generation = job.generation
            self.compute_failed.emit(message)

    def _probe(self) -> None:
        """Ask for the current state's reading, unless it is shown or asked for already."""
        asked = self._asked()
        if asked not in (self._reading_asked, self._probe_asked):
            self._probe_asked = asked
            self._client.probe(asked)

    def _reading_computed(self, probe: Probe, reading) -> None:
        """Show a reading of the curves shown; one at an older x₀ too (the readout catches up with
        a drag the engine cannot keep up with), unless the one at x₀ itself is shown already."""
        if self.function is None:
            return
        asked = self._asked()
        if probe.same_source(asked) and self._reading_asked != asked:
            self._set_reading(reading, probe)

    def _probe_failed(self, probe: Probe, message: str) -> None:
        if self.function is not None and probe.same_source(self._asked()):
            self.compute_failed.emit(message)

    def _set_reading(self, reading, asked: Probe) -> None:
        self.last_reading = reading
        self._reading_asked = asked
        self.reading_changed.emit(reading)

    # ----------------------------------------------------------------- value tables
    def table_request(self, xs, order: int) -> TableRequest:
        """A value table of the current function and parameter values at `xs`, up to `order`: a
        plain value for the asker to keep (the answer comes tagged with it), sent by `submit_table`."""
        self._table_generation += 1
        return TableRequest(self._table_generation, self._ref(), tuple(float(x) for x in xs), int(order),
                            self._state.parameter_values())

    def submit_table(self, request: TableRequest) -> None:
        """Ask the engine for `request`, never waiting for it: answered by `table_computed` or
        `table_failed` (before this returns, for a client without threads). The newest request
        wins: an answer to one asked before it is dropped."""
        self._table_asked = request
        self._client.submit_table(request)

    def table_is_current(self, request: TableRequest) -> bool:
        """Whether `request` lists the function and parameter values the document has now (a table
        asked for before the text or a slider changed is not)."""
        return (self.function is not None and request.function.text == self.function.text
                and request.params == self._state.parameter_values())

    def _table_answered(self, request: TableRequest, signal, value) -> None:
        if request == self._table_asked:
            signal.emit(request, value)

    # ----------------------------------------------------------------- synchronous use
    def compute_now(self) -> None:
        """Parse if needed and compute curves and reading, waiting for them (headless export, tests)."""
        if self._parsed_text != self._state.text:
            self._parse()
            self.state_changed.emit(self._state)
        if self.function is None:
            return
        self._request_curves()
        self.wait_idle()

    def wait_idle(self, timeout_ms: int = 30000) -> bool:
        """Block until the newest requested curves have been delivered."""
        remaining = timeout_ms
        while self.busy and remaining > 0:
            self._client.wait(50)
            QCoreApplication.processEvents()
            remaining -= 50
        return not self.busy

    def close(self) -> None:
        """Stop the engine (its process, if it has one) and any worker thread; call before the
        session is destroyed."""
        self._client.close()
        QCoreApplication.processEvents()
