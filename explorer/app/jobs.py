"""Requests as plain values: which function (`FunctionRef`), what to sample (`SampleJob`), which
point to read (`Probe`); `run_job` answers a job with a `Frame` (frame.py).

No Qt and no torch here: the window's process builds jobs, and `run_job` runs them wherever the
engine lives (a worker thread beside an in-process engine, or the engine's own process). Nothing
heavy is imported with this module: the app imports it before it starts the engine's process.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from explorer.app.frame import MAIN, Frame
from explorer.app.state import NEW_PARAMETER_VALUE
from explorer.model.taylor.request import TaylorRequest


@dataclass(frozen=True)
class FunctionRef:
    """Which function a request is about: its text, which is its identity in every process (parsing
    is deterministic), and the parsed Function where the asker has one. A job sent before the
    window parsed its text has none; the engine parses the text again, or lowers the parsed
    function to a program (model/program/) where it must not wait for a parser."""

    text: str
    parsed: object = field(default=None, compare=False, repr=False)  # explorer.model.Function | None


@dataclass(frozen=True)
class Probe:
    """One reading asked for: f and its derivatives up to `order` (at least 1) at `x`."""

    function: FunctionRef
    x: float
    order: int
    params: dict[str, float]
    #: The Taylor polynomial the reading should carry (model/taylor/), where the tool is shown.
    taylor: TaylorRequest | None = None

    def same_source(self, other: Probe) -> bool:
        """Whether `other` reads the same function with the same order, parameters and Taylor request
        (x aside): its answer is a reading of the curves shown, though perhaps at an older x₀."""
        return ((self.function, self.order, self.params, self.taylor)
                == (other.function, other.order, other.params, other.taylor))


@dataclass(frozen=True)
class SampleJob:
    """One recomputation: sample `function` and its derivatives on the plot's grid and read it at
    x₀, answered by one Frame. Several functions on one plot (a later issue) make `function` a
    tuple of named definitions, still answered by one Frame (see its docstring)."""

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
    #: The Taylor polynomial the reading at x₀ should carry, where the tool is shown.
    taylor: TaylorRequest | None = None


def _robust_range(values) -> tuple[float, float]:
    from explorer.model.y_range import robust_y_range

    lo, hi = robust_y_range(values)
    return float(lo), float(hi)


def run_job(engine, job: SampleJob, function) -> Frame:
    """Sample the grid, probe x₀ and choose the automatic y-ranges: all the heavy work of a frame.
    `function` is what `job.function` names, as the engine computes it (a Function or a Program)."""
    x_min, x_max = job.x_range
    params = {name: job.params.get(name, NEW_PARAMETER_VALUE) for name in function.parameters}
    curves = engine.sample(function, x_min, x_max, job.samples, job.order, params=params)
    tools = {"taylor": job.taylor} if job.taylor is not None else {}  # asked for only where a tool is shown
    reading = engine.probe(function, job.x0, order=job.order, params=params, **tools)
    rows = curves.values
    y_ranges = {k: _robust_range(rows[k]) for k in range(rows.shape[0])}
    shown = [0, *(k for k in job.orders if k < rows.shape[0])]
    y_ranges[-1] = _robust_range(rows[shown])  # one row per curve, f first (robust_y_range)
    return Frame(job.generation, {MAIN: curves}, y_ranges, {MAIN: reading})
