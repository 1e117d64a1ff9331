"""Requests as plain values: which function (`FunctionRef`), what to sample (`SampleJob`), which
point to read (`Probe`), and what a job brought back (`SampleResult`).

No Qt and no torch here: the window's process builds jobs, and `run_job` runs them wherever the
engine lives (a worker thread beside an in-process engine, or the engine's own process). Nothing
heavy is imported with this module: the app imports it before it starts the engine's process.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from explorer.app.state import NEW_PARAMETER_VALUE


@dataclass(frozen=True)
class FunctionRef:
    """Which function a request is about: its text, which is its identity in every process (parsing
    is deterministic), and the parsed Function where the asker has one. A job sent before the
    window parsed its text has none; the engine parses the text again, or lowers the parsed
    function to a program (program.py) where it must not wait for a parser."""

    text: str
    parsed: object = field(default=None, compare=False, repr=False)  # explorer.model.Function | None


@dataclass(frozen=True)
class Probe:
    """One reading asked for: f and its derivatives up to `order` (at least 1) at `x`."""

    function: FunctionRef
    x: float
    order: int
    params: dict[str, float]

    def same_source(self, other: Probe) -> bool:
        """Whether `other` reads the same function with the same order and parameters (x aside):
        its answer is a reading of the curves shown, though perhaps at an older x₀."""
        return (self.function, self.order, self.params) == (other.function, other.order, other.params)


@dataclass(frozen=True)
class SampleJob:
    generation: int
    function: FunctionRef
    x_range: tuple[float, float]
    samples: int
    order: int
    #: Parameter values by name; a parameter of the function not named here is sampled at a new
    #: slider's value (a job sent before its text was parsed knows only the sliders shown so far).
    params: dict[str, float]
    x0: float
    #: Derivative orders shown; the automatic y-ranges are computed over these rows.
    orders: tuple[int, ...]
    #: Where the curves will be drawn (explorer.views.polyline.Screen), to make their lines here
    #: too, or None.
    screen: object = None


@dataclass(frozen=True, eq=False)
class SampleResult:
    job: SampleJob
    curves: object  # CurveSet
    reading: object  # PointReading at job.x0
    #: Automatic y-range per row (0 = f, k = k-th derivative), and under key -1 the range of f and
    #: every shown derivative together (the overlay's range).
    y_ranges: dict[int, tuple[float, float]]
    #: The lines to draw (polyline.Line) by order, made for the job's screen; empty without one.
    lines: dict = field(default_factory=dict)


def _robust_range(values) -> tuple[float, float]:
    from explorer.model.analysis import robust_y_range

    lo, hi = robust_y_range(values)
    return float(lo), float(hi)


def run_job(engine, job: SampleJob, function) -> SampleResult:
    """Sample the grid, probe x₀ and choose the automatic y-ranges: all the heavy work of a frame.
    `function` is what `job.function` names, as the engine computes it (a Function or a Program)."""
    x_min, x_max = job.x_range
    params = {name: job.params.get(name, NEW_PARAMETER_VALUE) for name in function.parameters}
    curves = engine.sample(function, x_min, x_max, job.samples, job.order, params=params)
    reading = engine.probe(function, job.x0, order=job.order, params=params)
    rows = curves.values
    y_ranges = {k: _robust_range(rows[k]) for k in range(rows.shape[0])}
    shown = [0, *(k for k in job.orders if k < rows.shape[0])]
    y_ranges[-1] = _robust_range(rows[shown])  # one row per curve, f first (robust_y_range)
    # The lines too: here they are made beside the window's own work (it is parsing the text
    # meanwhile), where the window would make them after the curves arrive.
    lines = job.screen.lines(curves, y_ranges) if job.screen is not None else {}
    return SampleResult(job, curves, reading, y_ranges, lines)
