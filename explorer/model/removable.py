"""f and its derivatives near a removable singularity, from the power series about the hole.

Near a hole the typed formula divides two numbers that both vanish: sin(x)/x at 10⁻⁵ is fine, but
its f‴ by autograd is off by a factor 5·10⁵, and (x − sin x)/x³ has lost every digit already in f.
Every order of the derivative costs as many digits as the point is close to the hole, so no
rewriting of the formula helps at every order; the power series about the hole does:
f(a + h) = Σ c_j h^j, and f⁽ᵏ⁾(a + h) = Σ j!/(j − k)! c_j h^(j−k), with no cancellation at all.

The coefficients are read by Taylor mode (model/taylor/) at the hole itself, one side at a time,
where the quotient of two vanishing series cancels their common power of h exactly (sin x / x at 0
is (1 − x²/6 + …)/(1 − …)): they are as exact as float64 allows, need no sympy, and cost a few
milliseconds once per function and slider values. A hole is where both sides have a series and
the two agree; a pole has none. Where the hole is no double (x − π), h = (x − place) − rest keeps
its digits (program/holes.py).

The series is used where it converges fast: within a fifth of its radius of convergence, estimated
from its last coefficients (the root test), and only as far as it agrees with the typed formula
itself (a kink of |x − 0.1| next to a hole at 0 is no term of the series). The hole itself stays a
hole: it is undefined, as the text typed says, with the series' c₀ as both its one-sided limits.
"""

from __future__ import annotations

import math
import weakref
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import torch

from explorer.model.program import Program
from explorer.model.program.compiling import compile_body, compile_function
from explorer.model.taylor.expansion import one_side

#: Coefficients read about each hole: enough for f⁽⁶⁾ within a fifth of the radius (5⁻²⁶·32⁶ ≈ 10⁻⁹).
TERMS = 32
#: Where the series is used: |h| up to this fraction of its estimated radius of convergence.
RADIUS_FRACTION = 0.2
#: The two sides' coefficients must agree this closely (relative to the largest) to make a hole.
AGREEMENT = 1e-9
#: The series and the typed formula agree this closely (relative) where the series may replace it.
CONSISTENT = 1e-7
#: The typed formula is compared with the series at radius·2^-j for j below this, each side.
CHECKS = 12
#: The series is trusted out to the first of those steps from which the formula agrees at this many
#: in a row: further in, the formula itself may lose digits (that is why the series is there).
AGREEING = 3
#: Slider values whose holes are kept per program (a drag of a slider reads each once).
KEPT = 16


@dataclass(frozen=True)
class HoleSeries:
    """f about one removable singularity: f(place + rest + h) = Σ coefficients[j]·h^j for |h| ≤ radius."""

    place: float
    rest: float
    coefficients: tuple[float, ...]
    radius: float

    def offsets(self, x: np.ndarray) -> np.ndarray:
        """h = x − hole, with the hole's digits beyond the double `place` kept."""
        return (x - self.place) - self.rest

    def rows(self, h: np.ndarray, order: int) -> np.ndarray:
        """f … f^(order) at the offsets h, (order + 1, len(h)), by Horner's rule per order."""
        c = np.asarray(self.coefficients)
        out = np.empty((order + 1, len(h)))
        for k in range(order + 1):
            # f⁽ᵏ⁾ = Σ_{j≥k} j!/(j−k)! c_j h^(j−k)
            weights = c[k:] * np.array([math.perm(j, k) for j in range(k, len(c))], dtype=float)
            acc = np.zeros(len(h))
            for w in weights[::-1]:
                acc = acc * h + w
            out[k] = acc
        return out

    def at_hole(self, x: np.ndarray) -> np.ndarray:
        """Where x is the hole itself as far as its float can tell (the engine's SPECIAL_ULPS test)."""
        return np.abs(self.offsets(x)) <= 4 * np.spacing(np.abs(x))


_cache: weakref.WeakKeyDictionary[Program, dict[tuple, tuple[HoleSeries, ...]]] = weakref.WeakKeyDictionary()


def hole_series(program: Program, params: Mapping[str, float], dtype: torch.dtype = torch.float64,
                device: str = "cpu") -> tuple[HoleSeries, ...]:
    """The removable singularities among the program's candidates, each with its series (cached
    per program and slider values). Empty for most functions, at no cost."""
    if not program.holes or dtype != torch.float64:
        return ()
    kept = _cache.setdefault(program, {})
    key = tuple(sorted(params.items()))
    found = kept.get(key)
    if found is None:
        found = tuple(s for s in (_series_at(program, place, rest, params, device)
                                  for place, rest in program.holes) if s is not None)
        if len(kept) >= KEPT:
            kept.pop(next(iter(kept)))
        kept[key] = found
    return found


def _series_at(program: Program, place, rest: float, params: Mapping[str, float], device: str) -> HoleSeries | None:
    if not isinstance(place, float):  # a hole a slider moves: its place for these values
        point = torch.zeros(1, dtype=torch.float64, device=device)
        tensors = {name: torch.full_like(point, value) for name, value in params.items()}
        with torch.no_grad():
            place = float(compile_body(place)(point, tensors)[0])
    if not math.isfinite(place):
        return None
    # A pole has no series on either side: found with a few coefficients before reading many.
    if one_side(program.body, place, params, 3, 1, device=device) is None:
        return None
    left, right = (one_side(program.body, place, params, TERMS - 1, side, device=device) for side in (-1, 1))
    if left is None or right is None:
        return None
    scale = max(map(abs, right[:4]), default=0.0)
    if any(abs(a - b) > AGREEMENT * max(abs(a), abs(b), scale) for a, b in zip(left, right)):
        return None  # a jump or a corner at the candidate: no one series about it
    coefficients = tuple((a + b) / 2 for a, b in zip(left, right))
    radius = RADIUS_FRACTION * _convergence_radius(coefficients)
    series = HoleSeries(place, rest, coefficients, radius)
    return _trusted(program, series, params, device)


def _convergence_radius(c: tuple[float, ...]) -> float:
    """The root test on the last half of the coefficients, against the largest of the first few."""
    scale = max(map(abs, c[:4]), default=0.0)
    if scale == 0.0:
        return 0.0
    estimates = [(scale / abs(c[j])) ** (1.0 / j) for j in range(len(c) // 2, len(c)) if c[j] != 0.0]
    return min(estimates, default=math.inf)


def _trusted(program: Program, series: HoleSeries, params: Mapping[str, float], device: str) -> HoleSeries | None:
    """The series with its radius cut to where the typed formula agrees with it, at points far
    enough from the hole for the formula to be right (another special point nearby, a kink, ends
    the series' stretch of validity)."""
    radius = min(series.radius, 1e3 * max(1.0, abs(series.place)))
    if not radius > 0:
        return None
    steps = radius * 0.5 ** np.arange(CHECKS)
    h = np.concatenate([steps, -steps])
    x = series.place + series.rest + h
    points = torch.as_tensor(x, dtype=torch.float64, device=device)
    tensors = {name: torch.full_like(points, value) for name, value in params.items()}
    with torch.no_grad():
        typed = compile_function(program).evaluate(points, tensors).cpu().numpy()
    mine = series.rows(series.offsets(x), 0)[0]
    scale = max(map(abs, series.coefficients[:4]))
    with np.errstate(invalid="ignore"):
        agree = np.abs(typed - mine) <= CONSISTENT * np.maximum(np.abs(mine), scale)
    agree = agree.reshape(2, CHECKS)
    for j in range(CHECKS - AGREEING + 1):
        if agree[:, j:j + AGREEING].all():  # from this step inwards the formula agrees on both sides
            return HoleSeries(series.place, series.rest, series.coefficients, float(steps[j]))
    return None


def patch_rows(holes: tuple[HoleSeries, ...], x: np.ndarray, rows: np.ndarray, limits: bool = False) -> np.ndarray:
    """`rows` (order + 1, len(x)), in place, with every point near a hole (but not on it) read from
    the hole's series: where the typed formula leaves f undefined (NaN: outside a condition of the
    domain as typed) it stays undefined. With `limits` the points are a sequence closing in on the
    hole to judge its one-sided limits, and one that rounds onto the hole itself reads c₀ … there."""
    for hole in holes:
        h = hole.offsets(x)
        on = hole.at_hole(x)
        near = (np.abs(h) <= hole.radius) & ((~np.isnan(rows[0]) | on) if limits else (~np.isnan(rows[0]) & ~on))
        if near.any():
            rows[:, near] = hole.rows(h[near], rows.shape[0] - 1)
    return rows


def hole_at(holes: tuple[HoleSeries, ...], x: float) -> HoleSeries | None:
    """The hole that x is, as far as its float can tell, if any."""
    for hole in holes:
        if hole.at_hole(np.array([x]))[0]:
            return hole
    return None
