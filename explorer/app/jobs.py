"""A recomputation as plain values: what to sample (`SampleJob`) and what came back (`SampleResult`).

No Qt and no torch here: the window's process builds jobs, and `run_job` runs them wherever the
engine lives (a worker thread beside an in-process engine, or the engine's own process). Nothing
heavy is imported with this module: the app imports it before it starts the engine's process.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from explorer.app.state import NEW_PARAMETER_VALUE


@dataclass(frozen=True)
class SampleJob:
    generation: int
    #: explorer.model.Function; its text alone on the way to the engine's process (engine_server.py),
    #: or from the start when the job is sent before the window has parsed the text.
    function: object
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


def run_job(engine, job: SampleJob) -> SampleResult:
    """Sample the grid, probe x₀ and choose the automatic y-ranges: all the heavy work of a frame."""
    x_min, x_max = job.x_range
    params = {name: job.params.get(name, NEW_PARAMETER_VALUE) for name in job.function.parameters}
    curves = engine.sample(job.function, x_min, x_max, job.samples, job.order, params=params)
    reading = engine.probe(job.function, job.x0, order=job.order, params=params)
    rows = curves.values
    y_ranges = {k: _robust_range(rows[k]) for k in range(rows.shape[0])}
    shown = [0, *(k for k in job.orders if k < rows.shape[0])]
    y_ranges[-1] = _robust_range(rows[shown].ravel())
    # The lines too: here they are made beside the window's own work (it is parsing the text
    # meanwhile), where the window would make them after the curves arrive.
    lines = job.screen.lines(curves, y_ranges) if job.screen is not None else {}
    return SampleResult(job, curves, reading, y_ranges, lines)
