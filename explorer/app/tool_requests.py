"""The tools' data a reading carries (Taylor, secant), asked for as one value, and read in one place.

A reading is f and its derivatives at one x (model/readings.py: PointReading); a tool shown at x₀
adds its own data to it: Tₙ (`PointReading.taylor`, model/taylor/) and the secant's quotients
(`PointReading.secant`, model/secant.py). `ToolRequest` says which, with their settings, and
`read_with_tools` is the one place that reads points with them: for a job's reading at x₀, a
probe, and a drag's batch read ahead, wherever the engine runs (this process, or its own).

No torch here: the window's process builds these values; the model is imported where they are read.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from explorer.model.taylor.request import TaylorRequest


@dataclass(frozen=True)
class SecantRequest:
    """The secant tool's data asked for with a reading: its quotients at step `h`, their errors
    and the error-versus-h plot (model/secant.py), computed in the same batch as the reading."""

    h: float


@dataclass(frozen=True)
class ToolRequest:
    """The tools whose data a reading carries, each with its settings; None for a tool not shown.
    Hashable: readings computed ahead are kept by x and the request they were read with."""

    #: Tₙ at the reading's x (its degree, and the grid and tolerance it is drawn with).
    taylor: TaylorRequest | None = None
    #: The secant's quotients at the reading's x, for its step h.
    secant: SecantRequest | None = None


#: A plain reading: no tool shown.
NO_TOOLS = ToolRequest()


def read_with_tools(engine, function, xs: Sequence[float], order: int, params,
                    tools: ToolRequest | Sequence[ToolRequest]) -> list:
    """The PointReadings of `function` (a Function or a Program) at `xs`, up to `order`, each with
    the tools' data asked for: `tools` is one ToolRequest for all of them, or one per x (a drag of
    Q reads ahead, at one x₀, the h it can reach next). Every distinct x is read once per Taylor
    request: one point by Engine.probe, several in one batch by Engine.probe_many (Tₙ is computed
    with the readings); the secants of all the readings that ask for one come from one evaluation
    of f (model/secant.py)."""
    xs = [float(x) for x in xs]
    asked = list(tools) if isinstance(tools, (tuple, list)) else [tools] * len(xs)
    readings: list = [None] * len(xs)
    places: dict[TaylorRequest | None, dict[float, list[int]]] = {}
    for i, (x, request) in enumerate(zip(xs, asked, strict=True)):
        places.setdefault(request.taylor, {}).setdefault(x, []).append(i)
    for taylor, by_x in places.items():
        points = tuple(by_x)
        found = ([engine.probe(function, points[0], order=order, params=params, taylor=taylor)] if len(points) == 1
                 else engine.probe_many(function, points, order=order, params=params, taylor=taylor))
        for reading, indices in zip(found, by_x.values(), strict=True):
            for i in indices:
                readings[i] = reading
    wanted = [i for i, request in enumerate(asked) if request.secant is not None]
    if wanted:
        from explorer.model.secant import secant_readings

        secants = secant_readings(engine, function, [readings[i] for i in wanted],
                                  [asked[i].secant.h for i in wanted], params)
        for i, data in zip(wanted, secants, strict=True):
            readings[i] = replace(readings[i], secant=data)
    return readings
