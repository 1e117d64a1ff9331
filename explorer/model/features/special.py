"""What happens at the guards' critical points: holes, asymptotes, jumps, domain edges, corners,
cusps, vertical tangents, and the extrema and inflections that autograd's number there cannot show.

A guard's critical point is first located to a neighbouring double (refine.py), then judged from
one-sided sequences of f, f′, f″ at x ± h, h = max(1, |x|)·10⁻²…10⁻⁹, as the engine's probe does
(special_points/classification.py): f's one-sided limits say hole, asymptote, jump or domain edge;
the slopes' say corner, cusp or vertical tangent; the signs of f′ and f″ just beside the point say
extremum and inflection (the first-derivative test, which holds at corners and cusps too).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from explorer.model.features.evaluation import Evaluator
from explorer.model.features.refine import refine_roots
from explorer.model.features.result import FeatureKind as K
from explorer.model.readings import PointKind
from explorer.model.special_points.classification import (
    classify_point,
    decided_sides,
    limits_differ,
    one_sided_limits,
    unsettled,
)

#: The probe's one-sided sequence: h = max(1, |x|)·10^-j for these j.
EXPONENTS = np.arange(2, 10)
#: The h at which the signs of f′ and f″ beside the point are read (index into EXPONENTS: 10⁻⁷).
SIDE_INDEX = 5


@dataclass
class Found:
    """A feature being assembled: kinds from every source that found something at this x."""

    x: float
    kinds: set[K] = field(default_factory=set)
    y: float | None = None
    left_slope: float | None = None
    right_slope: float | None = None
    limit: float | None = None
    left_limit: float | None = None
    right_limit: float | None = None
    #: Whether f′ (first) or f″ (second) does not exist at x: the sign charts mark it.
    first_undefined: bool = False
    second_undefined: bool = False
    #: Which of f, f′, f″ (0, 1, 2) vanish here, and which guards (by index) are critical: what an
    #: exact form is checked against.
    roots_of: set[int] = field(default_factory=set)
    guards: set[int] = field(default_factory=set)
    special: bool = False
    exact: str | None = None


def polish(evaluator: Evaluator, index: int, points: np.ndarray, step: float) -> np.ndarray:
    """Guard `index`'s critical points, found to ~2⁻⁴⁰ of a grid step, located to a neighbouring
    double: by the guard's sign where it crosses, by its slope's where it touches (1 − cos x)."""
    if not len(points):
        return points
    guard = evaluator.compiled.guards[index]
    width = step * 2.0 ** -30 + 4 * np.spacing(np.abs(points))
    lo, hi = points - width, points + width
    # floor u and ceiling u: where u crosses the integer it is nearest at the point
    level = np.round(evaluator.guard_values(index, points)) if guard.integer else np.zeros(len(points))

    def values(x: np.ndarray, owners: np.ndarray) -> np.ndarray:
        return evaluator.guard_values(index, x) - level[owners][:, None]

    def slope(x: np.ndarray, owners: np.ndarray) -> np.ndarray:
        return evaluator.guard_values(index, x, order=1)

    ends = values(np.stack([lo, hi], axis=1), np.arange(len(points)))
    crosses = ends[:, 0] * ends[:, 1] <= 0
    out = points.copy()
    if crosses.any():
        at = np.flatnonzero(crosses)
        out[at] = refine_roots(lambda x, owners: values(x, at[owners]), lo[at], hi[at])
    if not guard.integer and not crosses.all():
        at = np.flatnonzero(~crosses)
        turns = slope(np.stack([lo[at], hi[at]], axis=1), at)
        at = at[turns[:, 0] * turns[:, 1] <= 0]
        out[at] = refine_roots(slope, lo[at], hi[at])
    return out


def _sign(value: float) -> int:
    return 0 if math.isnan(value) else int(np.sign(value))


def judge(evaluator: Evaluator, points: np.ndarray, zero_tolerance: float) -> list[Found | None]:
    """What each critical point is (None: nothing to report, a smooth point of f)."""
    if not len(points):
        return []
    at = evaluator.rows(points, 2)                                           # (3, M)
    h = np.maximum(1.0, np.abs(points))[:, None] * 10.0 ** -EXPONENTS        # (M, J)
    near = evaluator.rows(np.stack([points[:, None] - h, points[:, None] + h], axis=1), 2)  # (3, M, 2, J)
    f_limit, f_spread = one_sided_limits(near[0])                           # (M, 2)
    shown = _settled(evaluator, points, near[0], f_limit)
    second_limit, second_spread = one_sided_limits(near[2])
    found = []
    for m, x in enumerate(points.tolist()):
        values, kind, left_slope, right_slope = classify_point(at[:, m], near[:, m, 0], near[:, m, 1])
        left, right = float(f_limit[m, 0]), float(f_limit[m, 1])
        f0 = float(at[0, m]) if math.isfinite(at[0, m]) else math.nan
        item = Found(x, special=True)
        if math.isnan(left) and math.isnan(right):
            found.append(None)
            continue
        if math.isinf(left) or math.isinf(right):
            item.kinds.add(K.ASYMPTOTE)
            item.first_undefined = item.second_undefined = True
            found.append(item)
            continue
        item.first_undefined = kind is not PointKind.SMOOTH
        if math.isnan(left) or math.isnan(right):
            item.kinds.add(K.DOMAIN_EDGE)
            item.first_undefined = item.second_undefined = True
            side = 1 if math.isnan(left) else 0
            if math.isnan(f0):
                item.limit = _number(shown[m, side])
            else:
                item.y = f0
                if abs(f0) <= zero_tolerance:
                    item.kinds.add(K.ZERO)
                _edge_extremum(item, near[1, m, side, SIDE_INDEX], side)
                slope = right_slope if side else left_slope
                if math.isinf(slope):
                    item.kinds.add(K.VERTICAL_TANGENT)
                    item.left_slope, item.right_slope = (None, slope) if side else (slope, None)
            found.append(item)
            continue
        if limits_differ(left, f_spread[m, 0], right, f_spread[m, 1]):
            item.kinds.add(K.JUMP)
            item.y = f0 if math.isfinite(f0) else None
            item.left_limit, item.right_limit = _number(shown[m, 0]), _number(shown[m, 1])
            item.first_undefined = item.second_undefined = True
            found.append(item)
            continue
        if math.isnan(f0) or limits_differ(f0, 0.0, left, f_spread[m, 0]):
            item.kinds.add(K.HOLE)
            item.y = f0 if math.isfinite(f0) else None
            item.limit = _number((shown[m, 0] + shown[m, 1]) / 2)
            item.first_undefined = item.second_undefined = True
            found.append(item)
            continue
        item.y = f0
        if kind is PointKind.CORNER:
            item.kinds.add(K.CORNER)
        elif kind is PointKind.CUSP:
            item.kinds.add(K.CUSP)
        elif kind is PointKind.VERTICAL:
            item.kinds.add(K.VERTICAL_TANGENT)
        if kind is not PointKind.SMOOTH:
            item.left_slope, item.right_slope = left_slope, right_slope
        before, after = _sign(near[1, m, 0, SIDE_INDEX]), _sign(near[1, m, 1, SIDE_INDEX])
        if before < 0 < after:
            item.kinds.add(K.MINIMUM)
        elif before > 0 > after:
            item.kinds.add(K.MAXIMUM)
        if _sign(near[2, m, 0, SIDE_INDEX]) * _sign(near[2, m, 1, SIDE_INDEX]) < 0:
            item.kinds.add(K.INFLECTION)
        if abs(f0) <= zero_tolerance:
            item.kinds.add(K.ZERO)
        item.second_undefined = item.first_undefined or not (
            np.isfinite(second_limit[m]).all()
            and not limits_differ(second_limit[m, 0], second_spread[m, 0], second_limit[m, 1], second_spread[m, 1]))
        found.append(item if item.kinds else None)
    return found


def _settled(evaluator: Evaluator, points: np.ndarray, sequences: np.ndarray, limits: np.ndarray) -> np.ndarray:
    """The one-sided limits of f to report, (M, 2): where a side's sequence had not settled (x^x at
    0 is still 1 − 2·10⁻⁸ at h = 10⁻⁹, √x·ln x −6.6·10⁻⁴), sympy's limit within the probe's deadline
    (also put into `limits`, which the judging reads), else NaN: undecided, never the last number."""
    shown = limits.copy()
    loose = unsettled(sequences)
    for m in np.flatnonzero(loose.any(axis=1)):
        shown[m] = decided_sides(limits[m], loose[m], lambda x=float(points[m]): evaluator.exact_limits(x))
        limits[m] = np.where(np.isnan(shown[m]), limits[m], shown[m])
    return shown


def _number(value: float) -> float | None:
    return None if math.isnan(value) else float(value)


def _edge_extremum(item: Found, slope_inside: float, side: int) -> None:
    """At a domain edge where f is defined, the one-sided first-derivative test (√x at 0: a minimum)."""
    rising = _sign(slope_inside) * (1 if side else -1)
    if rising > 0:
        item.kinds.add(K.MINIMUM)
    elif rising < 0:
        item.kinds.add(K.MAXIMUM)
