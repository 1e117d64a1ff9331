"""The Taylor tool's model row: Tₙ of degree 20 at one point (Engine.taylor: Taylor-mode series through
the program, the probe's reading for the kind of point, the radius estimate), on the corpus functions
at points along the curve, as a drag asks for them."""

from __future__ import annotations

import numpy as np

from explorer.bench.config import BenchConfig
from explorer.bench.functions import CORPUS, PROBE_RANGE
from explorer.bench.latency import clock
from explorer.bench.recipes import engine_for
from explorer.bench.timing import synchronizer

#: The degree the row is named for: the highest the app offers.
DEGREE = 20
TARGET_TAYLOR_MS = 5.0


def measure_taylor(device: str, config: BenchConfig) -> list:
    """Clocked Engine.taylor calls of degree DEGREE, one per point, on already compiled functions."""
    engine = engine_for(device)
    sync = synchronizer(device)
    timings = []
    for entry in CORPUS[: config.latency_functions]:
        fn = entry.build()
        params = entry.params or None
        engine.taylor(fn, PROBE_RANGE[0], DEGREE, params)
        for x0 in np.linspace(*PROBE_RANGE, config.probe_points):
            def taylor(fn=fn, x0=x0, params=params):
                return engine.taylor(fn, float(x0), DEGREE, params)

            timings.append(clock(taylor, sync))
    return timings
