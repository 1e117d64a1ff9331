"""Wall-clock measurement with repetitions capped by time, and the statistics the report uses."""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterable

import numpy as np
import torch


def synchronizer(device: str) -> Callable[[], None]:
    """What to call before reading the clock: GPU work is asynchronous, so wait for it to finish."""
    if device.startswith("cuda"):
        return torch.cuda.synchronize
    return lambda: None


def repeat(call: Callable[[], object], *, budget_s: float, min_reps: int, max_reps: int,
           sync: Callable[[], None]) -> list[float]:
    """Seconds per call: `min_reps` calls, more while the time budget lasts, at most `max_reps`."""
    times: list[float] = []
    deadline = time.perf_counter() + budget_s
    while len(times) < min_reps or (len(times) < max_reps and time.perf_counter() < deadline):
        sync()
        start = time.perf_counter()
        call()
        sync()
        times.append(time.perf_counter() - start)
    return times


def percentile(values: Iterable[float], q: float) -> float:
    return float(np.percentile(np.fromiter(values, dtype=float), q))


def geomean(values: Iterable[float]) -> float:
    values = list(values)
    return math.exp(sum(math.log(v) for v in values) / len(values)) if values else math.nan
