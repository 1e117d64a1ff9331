"""Taylor polynomials at points, as the engine asks for them: the Program walked as series (walk.py)
at all points at once, points on a critical set read again one side at a time, the kind of point
taken from the engine's own reading (so the Taylor tool and the tangent readout never disagree
about what x₀ is), and the radius estimate.

At a smooth point c₀ and c₁ are the reading's f and f′ themselves (both are exact to rounding, by
two routes): T₁ is then the tangent the readout describes, to the bit.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np
import torch

from explorer.model.program import Op
from explorer.model.readings import PointKind, PointReading
from explorer.model.taylor.radius import estimate_radius
from explorer.model.taylor.result import Radius, TaylorExpansion, TaylorKind
from explorer.model.taylor.walk import NoSeries, Walk

if TYPE_CHECKING:  # removable.py reads its holes' series with one_side, below
    from explorer.model.removable import HoleSeries

#: Extra coefficients a one-sided reading starts with, for those that shifts by powers of h lose
#: (sin x / x at 0 loses one); doubled while still too few come out right.
PADDING = 4
#: Coefficients from the two sides agree when they differ by less than this, relative.
AGREEMENT = 1e-9
#: The largest relative error a re-centred hole series may leave in a coefficient (_beside_hole).
TRUNCATION = 1e-13


def expand(body: Op, xs: Sequence[float], params: Mapping[str, float], degree: int,
           readings: Sequence[PointReading], dtype: torch.dtype = torch.float64,
           device: str = "cpu", holes: Sequence[HoleSeries] = ()) -> list[TaylorExpansion]:
    """Tₙ of the program `body` at each of `xs` (finite), given the engine's readings there; beside
    one of `holes` (removable singularities, model/removable.py) from the hole's series."""
    length = degree + 1
    x0 = torch.tensor(list(xs), dtype=dtype, device=device)
    tensors = {name: torch.full_like(x0, value) for name, value in params.items()}
    walk = Walk(x0, tensors, length)
    with torch.no_grad():
        coefficients, _ = walk.run(body)
    rows = coefficients.cpu().numpy()
    critical = walk.critical.cpu().numpy() | ~np.isfinite(rows).all(axis=1)
    out = []
    for i, (x, reading) in enumerate(zip(xs, readings, strict=True)):
        near = _beside_hole(holes, x, degree) if reading.kind is PointKind.SMOOTH else None
        if near is not None:
            out.append(_smooth(x, degree, near, reading))
        elif reading.kind is PointKind.SMOOTH and not critical[i]:
            out.append(_smooth(x, degree, rows[i], reading))
        else:
            out.append(_not_smooth(body, x, params, degree, reading, dtype, device))
    return out


def _beside_hole(holes: Sequence[HoleSeries], x: float, degree: int) -> np.ndarray | None:
    """c₀ … c_degree at x re-centred from a hole's series, where x is close enough to the hole for
    all of them (the typed quotient's own series cancels there: sin(x)/x at 10⁻³ had c₈ = −4·10⁷):
    the terms the hole's series leaves out bound c_k's error by C(L−1, k)·(|d|/R)^(L−1−k) relative,
    R = 5·radius (the radius is a fifth of the series' own), d = x − hole; kept below TRUNCATION."""
    for hole in holes:
        d = float(hole.offsets(np.array([x]))[0])
        length = len(hole.coefficients)
        if d == 0.0 or degree >= length:
            continue
        ratio = abs(d) / (5 * hole.radius)
        if ratio < 1 and math.comb(length - 1, degree) * ratio ** (length - 1 - degree) <= TRUNCATION:
            derivatives = hole.rows(np.array([d]), degree)[:, 0]
            return derivatives / np.array([math.factorial(k) for k in range(degree + 1)], dtype=float)
    return None


def _smooth(x: float, degree: int, row: np.ndarray, reading: PointReading) -> TaylorExpansion:
    values = (row + 0.0).tolist()
    for k in range(min(2, len(values), len(reading.values))):
        if math.isfinite(reading.values[k]):
            values[k] = reading.values[k]
    values = tuple(values)
    return TaylorExpansion(x, degree, TaylorKind.SMOOTH, values, smooth_degree=degree, radius=estimate_radius(values))


def _not_smooth(body: Op, x: float, params: Mapping[str, float], degree: int, reading: PointReading,
                dtype: torch.dtype, device: str) -> TaylorExpansion:
    left, right = (one_side(body, x, params, degree, side, dtype, device) for side in (-1, 1))
    agreed = _agreed(left, right)
    if reading.kind is PointKind.SMOOTH and agreed == degree:
        return TaylorExpansion(x, degree, TaylorKind.SMOOTH, right, smooth_degree=degree,
                               radius=estimate_radius(right))
    kind = TaylorKind(reading.kind.value) if reading.kind is not PointKind.SMOOTH else TaylorKind.HIGHER_CORNER
    if kind is TaylorKind.HIGHER_CORNER and (left is None or right is None):
        kind = TaylorKind.UNDEFINED if left is None and right is None else kind
    return TaylorExpansion(x, degree, kind, None, left, right, agreed,
                           Radius(None, "no estimate: f is not smooth at x₀"))


def one_side(body: Op, x: float, params: Mapping[str, float], degree: int, side: int,
             dtype: torch.dtype = torch.float64, device: str = "cpu") -> tuple[float, ...] | None:
    """The coefficients of f(x₀ + h) for h on one side (`side` −1 or +1), or None where that side has
    no power series."""
    padding = PADDING
    x0 = torch.tensor([x], dtype=dtype, device=device)
    tensors = {name: torch.full_like(x0, value) for name, value in params.items()}
    while padding <= 8 * PADDING:
        walk = Walk(x0, tensors, degree + 1 + padding, side)
        try:
            with torch.no_grad():
                coefficients, known = walk.run(body)
        except NoSeries:
            return None
        if known >= degree + 1:
            row = coefficients[0, :degree + 1].cpu().numpy()
            return tuple((row + 0.0).tolist()) if np.isfinite(row).all() else None  # + 0.0: no −0.0
        padding *= 2
    return None


def _agreed(left: tuple[float, ...] | None, right: tuple[float, ...] | None) -> int:
    """The highest k up to which the two sides' coefficients agree (−1 where a side has none)."""
    if left is None or right is None:
        return -1
    k = -1
    for a, b in zip(left, right):
        if abs(a - b) > AGREEMENT * max(abs(a), abs(b), 1e-300) and abs(a - b) > 1e-15:
            break
        k += 1
    return k
