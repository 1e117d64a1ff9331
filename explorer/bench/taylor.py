"""The Taylor tool's model row: Tₙ of degree 20 at one point (Engine.taylor: Taylor-mode series through
the program, the probe's reading for the kind of point, the radius estimate), on the corpus functions
at points along the curve, as a drag asks for them."""

from __future__ import annotations

from explorer.bench.config import BenchConfig
from explorer.bench.latency import clock_per_point

#: The degree the row is named for: the highest the app offers.
DEGREE = 20
TARGET_TAYLOR_MS = 5.0


def measure_taylor(device: str, config: BenchConfig) -> list:
    """Clocked Engine.taylor calls of degree DEGREE, one per point, on already compiled functions."""
    return clock_per_point(device, config, lambda engine, fn, params, x0: lambda: engine.taylor(
        fn, x0, DEGREE, params))
