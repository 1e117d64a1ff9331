"""The engine against both baselines over grid sizes and derivative orders (steady state, warm caches)."""

from __future__ import annotations

import math

import numpy as np

from explorer.bench.config import BenchConfig
from explorer.bench.functions import X_RANGE, CorpusEntry, throughput_entries
from explorer.bench.recipes import RECIPES, fuse, prepare
from explorer.bench.timing import geomean, repeat, synchronizer


def sweep_entries(config: BenchConfig) -> tuple[CorpusEntry, ...]:
    return throughput_entries()[: config.sweep_functions]


def measure_sweep(device: str, config: BenchConfig) -> list[dict[str, object]]:
    """One cell per (n, order): best seconds per recipe and function, the engine's ratios, and how
    long each fused kernel took to build.

    The naive recipe's cost grows steeply with the order; once one of its calls at a size takes
    longer than `config.naive_cap_s`, its higher orders at that size are skipped and listed as such.
    """
    sync = synchronizer(device)
    entries = sweep_entries(config)
    best: dict[tuple[int, int, str], dict[str, float]] = {}
    over_cap: set[tuple[str, int]] = set()
    agreement: dict[int, dict[str, float]] = {}
    fusing: dict[int, dict[str, dict[str, object]]] = {}
    for entry in entries:
        fn = entry.build()
        for order in config.orders:
            fusing.setdefault(order, {})[entry.text] = fuse(fn, order, device)
            samplers = {recipe: prepare(recipe, fn, order, entry.params, device) for recipe in RECIPES}
            warm = {recipe: sample(*X_RANGE, config.sizes[0]) for recipe, sample in samplers.items()}
            difference = _max_difference(warm["engine"][1], warm["sympy-numpy"][1])
            agreement.setdefault(order, {})[entry.text] = difference
            for n in config.sizes:
                for recipe, sample in samplers.items():
                    if recipe == "naive" and (entry.text, n) in over_cap:
                        continue
                    times = repeat(lambda sample=sample, n=n: sample(*X_RANGE, n), budget_s=config.rep_budget_s,
                                   min_reps=config.min_reps, max_reps=config.max_reps, sync=sync)
                    best.setdefault((n, order, recipe), {})[entry.text] = min(times)
                    if recipe == "naive" and max(times) > config.naive_cap_s:
                        over_cap.add((entry.text, n))
    return [
        _cell(n, order, best, [entry.text for entry in entries], agreement[order], fusing[order])
        for n in config.sizes
        for order in config.orders
    ]


def _cell(n: int, order: int, best, texts: list[str], agreement: dict[str, float],
          fusing: dict[str, dict[str, object]]) -> dict[str, object]:
    engine = best[(n, order, "engine")]
    eager = best[(n, order, "engine-eager")]
    naive = best.get((n, order, "naive"), {})
    numpy_times = best[(n, order, "sympy-numpy")]
    over_naive = {text: engine[text] / naive[text] for text in naive}
    over_numpy = {text: engine[text] / numpy_times[text] for text in texts}
    return {
        "n": n,
        "order": order,
        "engine_s": engine,
        "engine_eager_s": eager,
        "naive_s": naive,
        "sympy_numpy_s": numpy_times,
        "naive_skipped": [text for text in texts if text not in naive],
        "engine_over_naive": over_naive,
        "engine_over_naive_geomean": geomean(over_naive.values()),
        "engine_eager_over_naive_geomean": geomean(eager[text] / naive[text] for text in naive),
        "fused": {text: f["fused"] for text, f in fusing.items()},
        "fuse_s": {text: f["seconds"] for text, f in fusing.items()},
        "engine_over_sympy_numpy": over_numpy,
        "engine_over_sympy_numpy_geomean": geomean(over_numpy.values()),
        "engine_vs_sympy_max_difference": agreement,
    }


def _max_difference(engine: np.ndarray, reference: np.ndarray) -> float:
    """max |engine − reference| / (1 + |reference|) where both are finite: a fast wrong engine shows here."""
    both = np.isfinite(engine) & np.isfinite(reference)
    if not both.any():
        return math.nan
    return float(np.max(np.abs(engine[both] - reference[both]) / (1 + np.abs(reference[both]))))
