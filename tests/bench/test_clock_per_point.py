"""The probe, secant and Taylor rows are measured by one loop: per function, one unclocked warm call at
the drag's first point, then one clocked call per point, prepared outside the clock."""

import numpy as np

from explorer.bench.config import BenchConfig
from explorer.bench.functions import CORPUS, PROBE_RANGE
from explorer.bench.latency import clock_per_point


def test_each_function_is_warmed_once_then_clocked_once_per_point():
    config = BenchConfig.quick()
    events = []

    def make_call(engine, fn, params, x0):
        events.append(("prepared", fn.text, x0))
        return lambda: events.append(("called", fn.text, x0))

    timings = clock_per_point("cpu", config, make_call)
    points = [float(x) for x in np.linspace(*PROBE_RANGE, config.probe_points)]
    expected = []
    for entry in CORPUS[: config.latency_functions]:
        text = entry.build().text
        expected += [("prepared", text, PROBE_RANGE[0]), ("called", text, PROBE_RANGE[0])]
        for x0 in points:
            expected += [("prepared", text, x0), ("called", text, x0)]
    assert events == expected
    assert len(timings) == config.latency_functions * config.probe_points
    assert all(wall >= 0 and cpu >= 0 for wall, cpu in timings)
