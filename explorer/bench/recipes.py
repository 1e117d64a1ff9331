"""The samplers the bench compares, behind one call so every figure is taken the same way."""

from __future__ import annotations

import time
from functools import cache

from explorer.bench.baselines import Sampler, naive_torch, sympy_numpy
from explorer.model.function import Function

#: "engine" is the engine in its steady state, with the fused kernel a function gets once it has
#: stayed a while (built in the background; see explorer/model/fusion.py); "engine-eager" never fuses.
RECIPES = ("engine", "engine-eager", "naive", "sympy-numpy")


def engine_for(device: str, fuse: bool = True):
    """One engine per device and path, as the app keeps one: its caches are part of what is measured."""
    return _engine(device, fuse)


@cache
def _engine(device: str, fuse: bool):
    from explorer.model import Engine

    return Engine(device=device, fuse=fuse)


def fuse(fn: Function, order: int, device: str) -> dict[str, object]:
    """Build the fused kernel of f…f^(order) and wait for it: {"seconds", "fused"} (False where
    torch.compile could not build it, `unavailable` saying why where it cannot work here)."""
    engine = engine_for(device)
    start = time.perf_counter()
    fused = engine.fuse(fn, order).result()
    return {"seconds": time.perf_counter() - start, "fused": fused, "unavailable": engine.fusion_unavailable}


def prepare(recipe: str, fn: Function, order: int, params: dict[str, float], device: str) -> Sampler:
    """A sampler for f…f^(order) of `fn`; building it (and the engine's fused kernel) is not part of
    the timed call."""
    if recipe in ("engine", "engine-eager"):
        engine = engine_for(device, fuse=recipe == "engine")
        if recipe == "engine":
            fuse(fn, order, device)

        def sample(x_min: float, x_max: float, n: int):
            curves = engine.sample(fn, x_min, x_max, n, order, params=params or None)
            return curves.x, curves.values

        return sample
    if recipe == "naive":
        return naive_torch(fn, order, params, device)
    if recipe == "sympy-numpy":
        return sympy_numpy(fn, order, params)
    raise ValueError(f"unknown recipe {recipe!r}; expected one of {', '.join(RECIPES)}")
