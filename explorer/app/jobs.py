"""Requests as plain values: which function (`FunctionRef`), what to sample (`SampleJob`), which
point to read (`Probe`), which points a value table lists (`TableRequest`); `run_job` answers a
job with a `Frame` (frame.py). A job's reading and a probe carry the tools' data their
`ToolRequest` asks for (tool_requests.py).

No Qt and no torch here: the window's process builds jobs, and `run_job` runs them wherever the
engine lives (a worker thread beside an in-process engine, or the engine's own process). Nothing
heavy is imported with this module: the app imports it before it starts the engine's process.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import import_module

from explorer.app.frame import MAIN, Frame
from explorer.app.state import NEW_PARAMETER_VALUE
from explorer.app.tool_requests import NO_TOOLS, ToolRequest, read_with_tools


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
    """One reading asked for: f and its derivatives up to `order` (at least 1) at `x`, with the data
    of the tools shown (tool_requests.py)."""

    function: FunctionRef
    x: float
    order: int
    params: dict[str, float]
    tools: ToolRequest = NO_TOOLS

    def same_source(self, other: Probe) -> bool:
        """Whether `other` reads the same function with the same order, parameters and Taylor request
        (x and the secant's h aside: a drag moves them): its answer is a reading of the curves shown,
        though perhaps at an older x₀ or h."""
        return ((self.function, self.order, self.params, self.tools.taylor)
                == (other.function, other.order, other.params, other.tools.taylor))


@dataclass(frozen=True)
class TableRequest:
    """A value table asked for: the readings of `function` at every x of `xs`, up to `order` (0
    lists f alone), answered as one batch (Engine.probe_many). `generation` tells the asker's
    requests apart, so that the answer to one it has replaced is dropped."""

    generation: int
    function: FunctionRef
    xs: tuple[float, ...]
    order: int
    params: dict[str, float]


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
    #: Whether to find the features of the curve on the x-range too (the features tool is shown):
    #: they come in the same Frame as the curves, so one recomputation is still one signal.
    features: bool = False
    #: The data of the tools shown that the reading at x₀ carries (Tₙ, the secant's).
    tools: ToolRequest = NO_TOOLS


def _robust_range(values) -> tuple[float, float]:
    from explorer.model.y_range import robust_y_range

    lo, hi = robust_y_range(values)
    return float(lo), float(hi)


#: The sign charts read f′ and f″ from the sampled curves: a job that asks for features samples them.
FEATURE_ORDER = 2


def _search():
    """The feature search, imported when a job first asks for it, where the engine runs (it needs
    torch, as the engine does). Named by string, as explorer.model names the Engine, so that the
    window's process, which imports this module for its job values, is never seen to import torch."""
    return import_module("explorer.model.features.search")


def run_job(engine, job: SampleJob, function) -> Frame:
    """Sample the grid, probe x₀, choose the automatic y-ranges and, where the job asks, find the
    features of the curve from those same samples: all the heavy work of a frame.
    `function` is what `job.function` names, as the engine computes it (a Function or a Program)."""
    x_min, x_max = job.x_range
    params = {name: job.params.get(name, NEW_PARAMETER_VALUE) for name in function.parameters}
    order = max(job.order, FEATURE_ORDER) if job.features else job.order
    curves = engine.sample(function, x_min, x_max, job.samples, order, params=params)
    reading, = read_with_tools(engine, function, (job.x0,), job.order, params, job.tools)
    rows = curves.values
    y_ranges = {k: _robust_range(rows[k]) for k in range(rows.shape[0])}
    shown = [0, *(k for k in job.orders if k < rows.shape[0])]
    y_ranges[-1] = _robust_range(rows[shown])  # one row per curve, f first (robust_y_range)
    features = {}
    if job.features:
        # No exact forms here: sympy's confirmation costs up to ~50 ms a keystroke (bench row "keystroke to
        # repainted plot, features and sign charts shown"); `slope-explorer features` gives them.
        features[MAIN] = _search().find_features(engine, function, x_min, x_max, params, curves=curves, exact=False)
    return Frame(job.generation, {MAIN: curves}, y_ranges, {MAIN: reading}, features)


def run_table(engine, request: TableRequest, function) -> list:
    """The PointReadings a value table lists, in one batch: a corner or a vertical tangent is named
    as the tangent tool names it. `function` is what `request.function` names, as for `run_job`."""
    return engine.probe_many(function, request.xs, order=request.order, params=request.params)
