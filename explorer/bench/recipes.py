"""The three samplers the bench compares, behind one call so every figure is taken the same way."""

from __future__ import annotations

from functools import cache

from explorer.bench.baselines import Sampler, naive_torch, sympy_numpy
from explorer.model.function import Function

RECIPES = ("engine", "naive", "sympy-numpy")


@cache
def engine_for(device: str):
    """One engine per device, as the app keeps one: its caches are part of what is measured."""
    from explorer.model import Engine

    return Engine(device=device)


def prepare(recipe: str, fn: Function, order: int, params: dict[str, float], device: str) -> Sampler:
    """A sampler for f…f^(order) of `fn`; building it is not part of the timed call."""
    if recipe == "engine":
        engine = engine_for(device)

        def sample(x_min: float, x_max: float, n: int):
            curves = engine.sample(fn, x_min, x_max, n, order, params=params or None)
            return curves.x, curves.values

        return sample
    if recipe == "naive":
        return naive_torch(fn, order, params, device)
    if recipe == "sympy-numpy":
        return sympy_numpy(fn, order, params)
    raise ValueError(f"unknown recipe {recipe!r}; expected one of {', '.join(RECIPES)}")
