"""The model section: engine speed and memory against the naive recipe and sympy+numpy, and latency.

Throughput figures use torch's default thread count (the app samples big grids off the GUI thread);
the interactive figures (keystroke, probe) use one thread, as the GUI thread does.
"""

from __future__ import annotations

import math
from contextlib import contextmanager

import torch

from explorer.bench.config import BenchConfig
from explorer.bench.functions import CORPUS
from explorer.bench.latency import (
    FAR_PROBES,
    SECANT_H,
    measure_far_probes,
    measure_features,
    measure_keystrokes,
    measure_probes,
    measure_secants,
    summary_ms,
)
from explorer.bench.memory import measure_in_subprocess
from explorer.bench.recipes import engine_for
from explorer.bench.sections import SectionResult, Table, Target
from explorer.bench.sweep import measure_sweep, sweep_entries
from explorer.bench.taylor import DEGREE as TAYLOR_DEGREE
from explorer.bench.taylor import TARGET_TAYLOR_MS, measure_taylor
from explorer.bench.timing import geomean
from explorer.model.secant import ERROR_PLOT_H

TARGET_PROBE_MS = 0.5
#: What the secant tool adds to a probe (f at 179 points, the analysis on arrays): no more than the
#: probe's own bar twice over, so that a probe with the tool shown stays a small part of a drag frame.
TARGET_SECANT_MS = 1.0
TARGET_KEYSTROKE_MS = 15.0
TARGET_FEATURES_MS = 20.0
TARGET_TIME_RATIO = 0.5
TARGET_MEMORY_RATIO = 0.25


@contextmanager
def torch_threads(count: int):
    before = torch.get_num_threads()
    torch.set_num_threads(count)
    try:
        yield count
    finally:
        torch.set_num_threads(before)


def run(config: BenchConfig) -> SectionResult:
    data: dict[str, object] = {}
    tables: list[Table] = []
    targets: list[Target] = []
    for device in config.devices:
        measured = measure_device(device, config)
        data[device] = measured
        tables += device_tables(device, measured, config)
        targets += device_targets(device, measured, config)
    return SectionResult("model", tables, data, targets)


def measure_device(device: str, config: BenchConfig) -> dict[str, object]:
    sweep_threads = torch.get_num_threads()
    cells = measure_sweep(device, config)
    with torch_threads(1) as interactive_threads:
        keystrokes = measure_keystrokes(device, config)
        probes = measure_probes(device, config)
        far_probes = measure_far_probes(device, config)
        features = measure_features(device, config)
        taylors = measure_taylor(device, config)
        secants = measure_secants(device, config)
    return {
        "sweep": {
            "threads": sweep_threads,
            "functions": [entry.text for entry in sweep_entries(config)],
            "statistic": f"best of {config.min_reps} to {config.max_reps} calls ({config.rep_budget_s} s budget), "
                         "caches warm",
            "naive_cap_s": config.naive_cap_s,
            "fusion_unavailable": engine_for(device).fusion_unavailable,
            "cells": cells,
        },
        "keystroke": {
            "threads": interactive_threads,
            "n": config.latency_n,
            "order": config.latency_order,
            "functions": [entry.text for entry in CORPUS[: config.latency_functions]],
            **{stage: summary_ms(seconds) for stage, seconds in keystrokes.items()},
        },
        "probe": {"threads": interactive_threads, "order": 1, **summary_ms(probes)},
        "far_probe": {"threads": interactive_threads, "order": 1,
                      "functions": [f"{text} on [{start:g}, {end:g}]" for text, start, end in FAR_PROBES],
                      **summary_ms(far_probes)},
        "features": {"threads": interactive_threads, "n": config.latency_n,
                     "functions": [entry.text for entry in CORPUS[: config.latency_functions]],
                     **summary_ms(features)},
        "taylor": {"threads": interactive_threads, "degree": TAYLOR_DEGREE, **summary_ms(taylors)},
        "secant": {"threads": interactive_threads, "h": SECANT_H, "error_plot_h": len(ERROR_PLOT_H),
                   **summary_ms(secants)},
        "memory": measure_memory(device, config),
    }


def measure_memory(device: str, config: BenchConfig) -> dict[str, object]:
    per_function = {}
    method = threads = None
    for entry in sweep_entries(config)[::2][: config.memory_functions]:
        index = CORPUS.index(entry)
        engine, naive = (measure_in_subprocess(recipe, index, config.memory_n, config.memory_order, device)
                         for recipe in ("engine", "naive"))
        method, threads = engine["method"], engine["threads"]
        per_function[entry.text] = {
            "engine_bytes": engine["extra_bytes"],
            "naive_bytes": naive["extra_bytes"],
            "result_bytes": engine["result_bytes"],
            "engine_over_naive": engine["extra_bytes"] / naive["extra_bytes"],
            "beyond_result_engine_over_naive": _beyond_result_ratio(engine, naive),
        }
    return {
        "n": config.memory_n,
        "order": config.memory_order,
        "method": f"fresh process per call; {method}",
        "threads": threads,
        "functions": per_function,
        "worst_engine_over_naive": max(f["engine_over_naive"] for f in per_function.values()),
        "worst_beyond_result_engine_over_naive": max(
            f["beyond_result_engine_over_naive"] for f in per_function.values()),
    }


def _beyond_result_ratio(engine: dict[str, int], naive: dict[str, int]) -> float:
    """Working memory above the arrays handed back (which no recipe can avoid), engine over naive."""
    naive_working = naive["extra_bytes"] - naive["result_bytes"]
    engine_working = engine["extra_bytes"] - engine["result_bytes"]
    return engine_working / naive_working if naive_working > 0 else math.nan


def _time_target_cell(measured: dict[str, object], config: BenchConfig) -> dict[str, object]:
    """The f…f‴ cell at the largest size (n = 1e6 in the full run)."""
    order = 3 if 3 in config.orders else max(config.orders)
    n = max(config.sizes)
    return next(c for c in measured["sweep"]["cells"] if c["n"] == n and c["order"] == order)


def device_targets(device: str, measured: dict[str, object], config: BenchConfig) -> list[Target]:
    cell = _time_target_cell(measured, config)
    memory = measured["memory"]
    return [
        Target(f"[{device}] probe p95, order 1", measured["probe"]["p95_ms"], TARGET_PROBE_MS, "ms"),
        Target(f"[{device}] Taylor degree {TAYLOR_DEGREE} at one point, p95", measured["taylor"]["p95_ms"],
               TARGET_TAYLOR_MS, "ms"),
        Target(f"[{device}] secant quotients and error plot at one point, p95", measured["secant"]["p95_ms"],
               TARGET_SECANT_MS, "ms"),
        Target(f"[{device}] parse+build+sample f,f′,f″ at n={config.latency_n}, p95",
               measured["keystroke"]["parse_build_sample"]["p95_ms"], TARGET_KEYSTROKE_MS, "ms"),
        Target(f"[{device}] features of the visible range, the {len(measured['features']['functions'])} "
               "benchmark functions, p95", measured["features"]["p95_ms"], TARGET_FEATURES_MS, "ms"),
        Target(f"[{device}] time f…f^({cell['order']}) at n={cell['n']}, engine/naive geomean",
               cell["engine_over_naive_geomean"], TARGET_TIME_RATIO, "×"),
        # Beyond the result arrays: both recipes must hand back the same x and values, which alone are
        # about half the naive peak for a polynomial, so the total ratio could never reach 1/4.
        Target(f"[{device}] peak working memory beyond the result, f…f^({memory['order']}) at "
               f"n={memory['n']}, engine/naive worst",
               memory["worst_beyond_result_engine_over_naive"], TARGET_MEMORY_RATIO, "×"),
    ]


def device_tables(device: str, measured: dict[str, object], config: BenchConfig) -> list[Table]:
    sweep, keystroke, probe, secant, memory = (measured[k] for k in ("sweep", "keystroke", "probe", "secant",
                                                                     "memory"))
    features = measured["features"]
    rows = []
    for cell in sweep["cells"]:
        total = len(sweep["functions"])
        rows.append((
            _size(cell["n"]), str(cell["order"]),
            _ms(geomean(cell["engine_s"].values())),
            _ms(geomean(cell["engine_eager_s"].values())),
            _naive_ms(cell["naive_s"], total),
            _ratio(cell["engine_over_naive_geomean"]),
            _ratio(cell["engine_eager_over_naive_geomean"]),
            _ms(geomean(cell["sympy_numpy_s"].values())),
            _ratio(cell["engine_over_sympy_numpy_geomean"]),
        ))
    worst_difference = max((d for c in sweep["cells"] for d in c["engine_vs_sympy_max_difference"].values()
                            if math.isfinite(d)), default=math.nan)
    fuse_seconds = [s for c in sweep["cells"] if c["n"] == config.sizes[0] for s in c["fuse_s"].values()]
    unfused = sorted({f"{text} (order {c['order']})" for c in sweep["cells"] for text, ok in c["fused"].items()
                      if not ok})
    sweep_notes = [
        "engine: the steady state, with the fused kernel (torch.compile) a function gets in the background; "
        + (f"here unavailable: {sweep['fusion_unavailable']}, so it is the eager path"
           if sweep["fusion_unavailable"] else
           f"building one took {geomean(fuse_seconds):.1f} s geomean, {max(fuse_seconds):.1f} s at most, "
           f"with inductor's on-disk cache as found"
           + (f"; no kernel for {', '.join(unfused)}" if unfused else "")),
        "eager: the engine before its kernel is ready (and for batches of parameter values)",
        f"threads: {sweep['threads']}; times are geometric means over {len(sweep['functions'])} functions "
        f"({', '.join(sweep['functions'])}); {sweep['statistic']}",
        f"naive (k/m): measured on k of m functions; higher orders skipped at a size once a naive call "
        f"took over {sweep['naive_cap_s']} s",
        f"engine vs sympy+numpy at n={config.sizes[0]}, largest |difference|/(1+|value|) where both are "
        f"finite: {worst_difference:.1e}",
    ]
    latency_rows = [
        (label, *(f"{stats[key]:.3f}" for key in ("p50_ms", "p95_ms", "cpu_p50_ms", "cpu_p95_ms")),
         str(stats["calls"]))
        for label, stats in (
            ("parse", keystroke["parse"]),
            ("parse + first compile", keystroke["parse_build"]),
            (f"parse + compile + sample f…f^({keystroke['order']}), n={keystroke['n']}",
             keystroke["parse_build_sample"]),
            ("probe, order 1 (compiled)", probe),
            ("probe where f or f′ is beyond double precision (" + ", ".join(measured["far_probe"]["functions"])
             + "), order 1", measured["far_probe"]),
            (f"features of the visible range, the {len(features['functions'])} benchmark functions "
             f"(curves at n={features['n']} given, no exact forms)", features),
            (f"Taylor degree {TAYLOR_DEGREE} at one point (compiled)", measured["taylor"]),
            (f"secant quotients and error plot at one point ({secant['error_plot_h']} h), given its probe", secant),
        )
    ]
    memory_rows = [
        (text, _mib(f["engine_bytes"]), _mib(f["naive_bytes"]), _ratio(f["engine_over_naive"]),
         _mib(f["result_bytes"]), _ratio(f["beyond_result_engine_over_naive"]))
        for text, f in memory["functions"].items()
    ]
    return [
        Table(f"[{device}] sample time: engine vs naive autograd recipe and sympy.diff+numpy",
              ("n", "order", "engine ms", "eager ms", "naive ms", "engine/naive", "eager/naive", "sympy+numpy ms",
               "engine/sympy"),
              rows, sweep_notes),
        Table(f"[{device}] latency over {len(keystroke['functions'])} typical functions",
              ("what", "p50 ms", "p95 ms", "cpu p50 ms", "cpu p95 ms", "calls"), latency_rows,
              [f"threads: {keystroke['threads']}; each call parses anew with sympy's cache cleared",
               "p50/p95: wall clock (targets use it); cpu: this thread's CPU time; a wide gap means the "
               "call waited for a core"]),
        Table(f"[{device}] peak extra memory, f…f^({memory['order']}) at n={memory['n']}",
              ("function", "engine MiB", "naive MiB", "engine/naive", "result MiB", "beyond result engine/naive"),
              memory_rows,
              [f"threads: {memory['threads']}; method: {memory['method']}",
               "result: the x and value arrays every recipe hands back; included in both peaks, left out "
               "of the last column, which the target uses"]),
    ]


def _size(n: int) -> str:
    """1e6 rather than 1000000, where n is a power of ten."""
    exponent = len(str(n)) - 1
    return f"1e{exponent}" if n == 10**exponent else str(n)


def _naive_ms(seconds: dict[str, float], functions: int) -> str:
    """Geometric mean of the naive times, with "(k/m)" when some functions were skipped."""
    if not seconds:
        return "skipped"
    return _ms(geomean(seconds.values())) + ("" if len(seconds) == functions else f" ({len(seconds)}/{functions})")


def _ms(seconds: float) -> str:
    return f"{seconds * 1e3:.3g}"


def _ratio(value: float) -> str:
    return f"{value:.3g}"


def _mib(size: int) -> str:
    return f"{size / 2**20:.1f}"
