"""What a student waits for: a keystroke (parse, compile, sample f, f′, f″), a tangent drag (probe),
the features of the visible range (found off the GUI thread, from the curves of the keystroke), and
what the secant tool adds to a probe (its quotients and error plot).

Every call is one sample of the distribution; p50/p95 are taken over all calls of all functions.
Both wall-clock and CPU time are kept: on a shared machine the gap between them is time spent
waiting for a core, which says whether a missed target is the code or the machine's load.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

import numpy as np
from sympy.core.cache import clear_cache

from explorer.bench.config import BenchConfig
from explorer.bench.functions import CORPUS, PROBE_RANGE, X_RANGE
from explorer.bench.recipes import engine_for
from explorer.bench.timing import percentile, synchronizer
from explorer.model import parse
from explorer.model.secant import secant_readings

#: The secant's step in the secant row: the tool's default.
SECANT_H = 0.5
#: Wall-clock and this thread's CPU seconds of one call; wall well above CPU means it waited for a core.
Clocked = tuple[float, float]


def clock(call: Callable[[], object], sync: Callable[[], None]) -> Clocked:
    wall, cpu = time.perf_counter(), time.thread_time()
    call()
    sync()
    return time.perf_counter() - wall, time.thread_time() - cpu


def measure_keystrokes(device: str, config: BenchConfig) -> dict[str, list[Clocked]]:
    """Parse, parse + first compile, and parse + compile + sample, clocked per call.

    Each call parses the text anew with sympy's cache cleared, so nothing is reused from an earlier
    call: the engine compiles each new Function on first use, as it does for a new keystroke.
    """
    engine = engine_for(device)
    sync = synchronizer(device)
    # The app is warm by the first keystroke: one-time imports and first-call set-up are not a keystroke.
    engine.sample(parse("x"), *X_RANGE, config.latency_n, config.latency_order)
    stages = {
        "parse": lambda entry: parse(entry.text),
        "parse_build": lambda entry: engine.compiled(parse(entry.text)),
        "parse_build_sample": lambda entry: engine.sample(parse(entry.text), *X_RANGE, config.latency_n,
                                                          config.latency_order, params=entry.params or None),
    }
    timings: dict[str, list[Clocked]] = {stage: [] for stage in stages}
    for entry in CORPUS[: config.latency_functions]:
        for _ in range(config.latency_reps):
            for stage, call in stages.items():
                clear_cache()
                timings[stage].append(clock(lambda call=call, entry=entry: call(entry), sync))
    return timings


def clock_per_point(device: str, config: BenchConfig,
                    make_call: Callable[[object, object, dict | None, float], Callable[[], object]],
                    stretches: Sequence[tuple[object, dict | None, tuple[float, float]]] | None = None,
                    ) -> list[Clocked]:
    """One drag's worth of clocked calls per function: `make_call(engine, fn, params, x0)` prepares,
    unclocked, the call to clock at x0 (an already compiled function: each is called once at the
    first point, to warm it, before any is clocked), and each point's call is clocked once.
    `stretches` are (function, params, (start, end)) to drag along; by default the corpus functions
    on PROBE_RANGE. The probe, secant and Taylor rows are all measured this way, so their figures
    compare."""
    engine = engine_for(device)
    sync = synchronizer(device)
    if stretches is None:
        stretches = [(entry.build(), entry.params or None, PROBE_RANGE)
                     for entry in CORPUS[: config.latency_functions]]
    timings = []
    for fn, params, (start, end) in stretches:
        make_call(engine, fn, params, start)()
        for x0 in np.linspace(start, end, config.probe_points):
            timings.append(clock(make_call(engine, fn, params, float(x0)), sync))
    return timings


def _probe_call(engine, fn, params, x0):
    return lambda: engine.probe(fn, x0, order=1, params=params)


def measure_probes(device: str, config: BenchConfig) -> list[Clocked]:
    """Order-1 probes of an already compiled function at points along the curve (a drag), clocked."""
    return clock_per_point(device, config, _probe_call)


#: Drags where f or f′ is beyond double precision: each probe's float64 reading has a value missing,
#: and the multiple-precision reading (program/multiprecision.py) stops where the values leave it.
FAR_PROBES = (("e^x", 800.0, 820.0), ("e^(x^2)", 26.62, 26.7), ("x^x", 200.0, 210.0))


def measure_far_probes(device: str, config: BenchConfig) -> list[Clocked]:
    """Order-1 probes along FAR_PROBES' stretches, as a drag there asks for them, clocked."""
    stretches = [(parse(text), None, (start, end)) for text, start, end in FAR_PROBES]
    return clock_per_point(device, config, _probe_call, stretches)


def measure_features(device: str, config: BenchConfig) -> list[Clocked]:
    """`find_features` on the view students start from, clocked per call, as the window asks for it:
    with the curves its job sampled (f, f′, f″ at the keystroke's grid) and no exact forms (sympy's
    confirmation is the command line's, not the screen's)."""
    from explorer.model.features.search import find_features

    engine = engine_for(device)
    sync = synchronizer(device)
    timings = []
    for entry in CORPUS[: config.latency_functions]:
        fn, params = entry.build(), entry.params or None
        curves = engine.sample(fn, *X_RANGE, config.latency_n, 2, params=params)
        find_features(engine, fn, *X_RANGE, params, curves, exact=False)  # compiled, as after its keystroke
        for _ in range(config.latency_reps):
            def features(fn=fn, params=params, curves=curves):
                return find_features(engine, fn, *X_RANGE, params, curves, exact=False)

            timings.append(clock(features, sync))
    return timings


def measure_secants(device: str, config: BenchConfig) -> list[Clocked]:
    """The secant tool's data at one point, given the point's reading (what a probe with the tool
    shown adds to it): the quotients at h, the error plot's 17 h values, the best-h scan and the
    growth fit, from one evaluation of f (model/secant.py), at the probes' points, clocked."""
    def secant_at(engine, fn, params, x0):
        reading = engine.probe(fn, x0, order=1, params=params)  # the probe's part: not clocked here
        return lambda: secant_readings(engine, fn, [reading], SECANT_H, params)

    return clock_per_point(device, config, secant_at)


def summary_ms(timings: list[Clocked]) -> dict[str, float]:
    wall, cpu = zip(*timings)
    return {"p50_ms": percentile(wall, 50) * 1e3, "p95_ms": percentile(wall, 95) * 1e3,
            "cpu_p50_ms": percentile(cpu, 50) * 1e3, "cpu_p95_ms": percentile(cpu, 95) * 1e3,
            "calls": len(timings)}
