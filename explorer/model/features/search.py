"""The feature search: every zero, extremum, inflection, corner, cusp, vertical tangent, hole,
asymptote, jump and domain edge of f on [x_min, x_max], with constant stretches and sign charts.

How (docs/maths.md, "Features of the curve", says it for teachers):

1. A grid: the window's own samples of f, f′, f″ when it passes them, else a grid of DEFAULT_POINTS.
2. Special points: each guard's critical points (special_points/), located to a neighbouring double
   and judged from one-sided limits (special.py).
3. Sign changes of f, f′, f″ along the segments the engine drew connected, and exact zeros at
   samples (candidates.py), refined on autograd's exact derivatives to a neighbouring double
   (refine.py); roots the grid cannot separate (two zeros 10⁻³ apart in one cell) from the roots of
   the next derivative inside the cell. An even-order zero of f (x² at 0) is a root of f′ where f
   vanishes.
4. One entry per x: what several steps found at one x is merged; an asymptote or a hole is never a
   zero or an extremum; a stretch of exact zeros of f′ is a constant stretch, not extrema.
5. Sign charts of f′ and f″ with their boundaries at the features (charts.py), and exact forms
   where sympy confirms one (exact.py).
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np

from explorer.model.features.candidates import hidden_brackets, scan_row
from explorer.model.features.charts import FIRST_BOUNDS, SECOND_BOUNDS, boundaries, chart
from explorer.model.features.evaluation import Evaluator
from explorer.model.features.refine import refine_roots
from explorer.model.features.result import Feature, FeatureSet, Stretch
from explorer.model.features.result import FeatureKind as K
from explorer.model.features.special import Found, judge, polish
from explorer.model.special_points.breaks import critical_points

#: Grid points when the caller passes no samples (about a plot's width in pixels, twice over).
DEFAULT_POINTS = 2001
#: A root's change of sign is checked this many grid steps either side of it (at most) …
SIDE_STEPS = 16
#: … where f^(k−1) must change by more than NOISE_ULPS units of its rounding (see _beside).
NOISE_ULPS = 1000
#: Two findings closer than this (relative to max(1, |x|)) are one feature.
MERGE = 1e-9
#: f at an extremum is zero when within this many units of rounding of f's largest value on the grid.
ZERO_ULPS = 64
#: The kinds a hole, an asymptote or a jump keeps: no zero, extremum or inflection at a point where
#: f is undefined or jumps.
_BREAKS = {K.HOLE, K.ASYMPTOTE, K.JUMP}


def find_features(engine, function, x_min: float, x_max: float, params: Mapping[str, float] | None = None,
                  curves=None, exact: bool = True) -> FeatureSet:
    """Every feature of `function` (a parsed Function, or its Program) on [x_min, x_max].

    `curves`, when given, is the CurveSet of f, f′, f″ (order ≥ 2) already sampled on the interval;
    without it a grid of DEFAULT_POINTS is sampled. `exact` asks sympy for exact forms of x (only for
    a Function; a Program has no sympy form). `params` are the parameters' values (missing ones: 1).
    """
    x_min, x_max = float(x_min), float(x_max)
    if not (math.isfinite(x_min) and math.isfinite(x_max) and x_min < x_max):
        raise ValueError(f"the interval must have finite ends with x_min < x_max, not [{x_min}, {x_max}]")
    if curves is None or curves.order < 2 or curves.values.ndim != 2:
        curves = engine.sample(function, x_min, x_max, DEFAULT_POINTS, 2, params)
    evaluator = Evaluator(engine, function, params)
    x, rows, connected = curves.x, curves.values[:3], curves.connected[:3]
    step = (x_max - x_min) / max(1, len(x) - 1)
    finite = np.abs(rows[0][np.isfinite(rows[0])])
    zero_tolerance = ZERO_ULPS * np.finfo(np.float64).eps * (float(finite.max()) if len(finite) else 1.0)

    found = _special(evaluator, x, step, x_min, x_max, zero_tolerance)
    scans = [scan_row(x, rows[k], connected[k], k) for k in range(3)]
    found += _roots(evaluator, x, rows, connected, scans, step, zero_tolerance, np.array([f.x for f in found]))
    features = _merge(found, x_min, x_max)
    stretches = _stretches(evaluator, scans[1].runs, features, step, zero_tolerance, x_min, x_max)
    features = _outside_stretches(features, stretches)
    if exact and hasattr(function, "expr"):
        _exact_forms(function, params, features)
    first, second = _charts(evaluator, x, rows, features, stretches, x_min, x_max)
    return FeatureSet(x_min, x_max, tuple(_feature(f, x_min, x_max) for f in features),
                      tuple(stretches), first, second, _caveat(features, zero_tolerance))


def _special(evaluator: Evaluator, x: np.ndarray, step: float, x_min: float, x_max: float,
             zero_tolerance: float) -> list[Found]:
    """The guards' critical points on the interval, judged (special.py)."""
    points, owners = [], []
    for index, at in enumerate(critical_points(evaluator.compiled, evaluator.tensor(x), evaluator.tensors)):
        at = polish(evaluator, index, at, step)
        at = at[(at >= x_min) & (at <= x_max)]
        points.append(at)
        owners.append(np.full(len(at), index))
    if not points:
        return []
    points, owners = np.concatenate(points), np.concatenate(owners)
    unique, inverse = np.unique(points, return_inverse=True)
    judged = judge(evaluator, unique, zero_tolerance)
    for item, index in zip((judged[i] for i in inverse), owners.tolist()):
        if item is not None:
            item.guards.add(index)
    return [item for item in judged if item is not None]


def _roots(evaluator: Evaluator, x: np.ndarray, rows: np.ndarray, connected: np.ndarray, scans, step: float,
           zero_tolerance: float, special: np.ndarray) -> list[Found]:
    """Zeros of f, extrema (roots of f′ where it changes sign) and inflections (of f″), refined."""
    lo = np.concatenate([np.asarray(s.lo, dtype=float) for s in scans])
    hi = np.concatenate([np.asarray(s.hi, dtype=float) for s in scans])
    level = np.concatenate([np.full(len(s.lo), k) for k, s in enumerate(scans)])

    def values(points: np.ndarray, owners: np.ndarray) -> np.ndarray:
        return np.take_along_axis(evaluator.rows(points, 2), level[owners][None, :, None], axis=0)[0]

    refined = refine_roots(values, lo, hi)
    roots = [np.concatenate([refined[level == k], scans[k].exact]) for k in range(3)]
    # Roots the grid could not separate, seen from the roots of the next derivative in their cell.
    for k in (1, 0):
        below = evaluator.rows(roots[k + 1], k)[k]
        more_lo, more_hi = hidden_brackets(x, rows[k], connected[k], roots[k + 1], below)
        if len(more_lo):
            roots[k] = np.concatenate([roots[k], refine_roots(lambda p, o, k=k: evaluator.rows(p, k)[k],
                                                              more_lo, more_hi)])
    found = []
    obstacles = np.sort(np.concatenate([*roots, special]))
    for k in range(3):
        at, before, after = _beside(evaluator, roots[k], k, _side_steps(roots[k], obstacles, step))
        for r, y, b, a in zip(roots[k].tolist(), at.tolist(), before.tolist(), after.tolist()):
            if not math.isfinite(y) or (k > 0 and not b * a < 0) or (k == 0 and not b * a <= 0):
                continue  # rounding noise, or no change of sign after all
            item = Found(r, y=y, roots_of={k})
            if k == 0:
                item.kinds.add(K.ZERO)
            elif k == 2:
                item.kinds.add(K.INFLECTION)
            else:
                item.kinds.add(K.MINIMUM if b < 0 else K.MAXIMUM)
                if abs(y) <= zero_tolerance:
                    item.kinds.add(K.ZERO)
                    item.roots_of.add(0)
            found.append(item)
    return found


def _side_steps(roots: np.ndarray, obstacles: np.ndarray, step: float) -> np.ndarray:
    """How far either side of each root its change of sign is checked: SIDE_STEPS grid steps, or a
    quarter of the way to the nearest other root or special point (two zeros 10⁻³ apart)."""
    if not len(roots):
        return roots
    index = np.searchsorted(obstacles, roots)
    gap = np.full(len(roots), np.inf)
    for shift in (-2, -1, 0, 1):
        other = obstacles[np.clip(index + shift, 0, len(obstacles) - 1)]
        distance = np.abs(other - roots)
        distance[distance <= MERGE * np.maximum(1.0, np.abs(roots))] = np.inf
        gap = np.minimum(gap, distance)
    return np.minimum(SIDE_STEPS * step, gap / 4)


def _beside(evaluator: Evaluator, roots: np.ndarray, k: int, d: np.ndarray):
    """f at each root, and the sign of f^(k) at root ∓ d, kept only where it is no rounding noise.

    For k ≥ 1 the change of sign must show in f^(k−1) too: it must move the same way, by more than
    NOISE_ULPS units of rounding, from root to either side (an extremum of f^(k−1)). An f″ that is 0
    in truth ((x² − 2x)/(x − 2), whose rounding noise near x = 2 is large) has f′ flat to rounding.
    """
    rows = evaluator.rows(np.stack([roots - d, roots, roots + d], axis=1), k)
    with np.errstate(invalid="ignore"):
        sign = np.sign(rows[k])
        if k:
            below = rows[k - 1]
            noise = NOISE_ULPS * np.finfo(np.float64).eps * np.abs(below).max(axis=1)
            rise = below[:, [0, 2]] - below[:, [1]]
            turns = (np.abs(rise) > noise[:, None]).all(axis=1) & (np.sign(rise[:, 0]) == np.sign(rise[:, 1]))
            # f^(k) goes from − to + where f^(k−1) rises on both sides (a minimum of it), and back
            sign[:, [0, 2]] *= np.where(turns & (np.sign(rise[:, 0]) == -sign[:, 0]), 1.0, 0.0)[:, None]
    return rows[0][:, 1], sign[:, 0], sign[:, 2]


def _merge(found: list[Found], x_min: float, x_max: float) -> list[Found]:
    """One entry per x: findings within MERGE of each other joined, a special point's x and values first."""
    found = sorted((f for f in found if x_min <= f.x <= x_max), key=lambda f: f.x)
    merged: list[Found] = []
    for item in found:
        last = merged[-1] if merged else None
        if last is None or item.x - last.x > MERGE * max(1.0, abs(last.x)):
            merged.append(item)
            continue
        keep, other = (item, last) if item.special and not last.special else (last, item)
        keep.kinds |= other.kinds
        keep.roots_of |= other.roots_of
        keep.guards |= other.guards
        merged[-1] = keep
    for item in merged:
        if item.kinds & _BREAKS:
            item.kinds -= {K.ZERO, K.MAXIMUM, K.MINIMUM, K.INFLECTION}
    return [item for item in merged if item.kinds]


def _stretches(evaluator: Evaluator, runs: list[tuple[float, float]], features: list[Found], step: float,
               zero_tolerance: float, x_min: float, x_max: float) -> list[Stretch]:
    """Runs of exact zeros of f′, cut at the special points inside them, ends moved out to a special
    point within one grid step, kept where f is the same at both ends."""
    stretches = []
    special = [f.x for f in features if f.special]
    for start, end in runs:
        cuts = [s for s in special if start < s < end]
        before = [s for s in special if start - step <= s <= start]
        after = [s for s in special if end <= s <= end + step]
        edges = [before[-1] if before else start, *cuts, after[0] if after else end]
        for a, b in zip(edges, edges[1:]):
            inner = np.array([a + (b - a) * 0.25, a + (b - a) * 0.75])
            f_inner = evaluator.rows(inner, 0)[0]
            if np.isfinite(f_inner).all() and abs(f_inner[0] - f_inner[1]) <= zero_tolerance:
                stretches.append(Stretch(max(a, x_min), min(b, x_max), float(f_inner[0])))
    return stretches


def _outside_stretches(features: list[Found], stretches: list[Stretch]) -> list[Found]:
    """No zeros, extrema or inflections inside a constant stretch (every point of it would be one)."""
    for item in features:
        if any(s.x_start < item.x < s.x_end for s in stretches):
            item.kinds -= {K.ZERO, K.MAXIMUM, K.MINIMUM, K.INFLECTION}
    return [item for item in features if item.kinds]


def _exact_forms(function, params, features: list[Found]) -> None:
    from explorer.model.features.exact import ExactForms

    forms = ExactForms(function, params)
    for item in features:
        if not item.roots_of and not item.guards:
            continue
        confirmed = forms.form(item.x, item.roots_of, item.guards)
        if confirmed is not None:
            item.exact, item.x = confirmed


def _charts(evaluator: Evaluator, x: np.ndarray, rows: np.ndarray, features: list[Found],
            stretches: list[Stretch], x_min: float, x_max: float):
    ends = [(s.x_start, False) for s in stretches] + [(s.x_end, False) for s in stretches]
    first_edges, first_undefined = boundaries(x_min, x_max, ends + [
        (f.x, f.first_undefined) for f in features if f.kinds & FIRST_BOUNDS])
    second_edges, second_undefined = boundaries(x_min, x_max, ends + [
        (f.x, f.second_undefined) for f in features if f.kinds & SECOND_BOUNDS])
    middles = [(first_edges[:-1] + first_edges[1:]) / 2, (second_edges[:-1] + second_edges[1:]) / 2]
    at = evaluator.rows(np.concatenate(middles), 2)
    split = len(middles[0])
    return (chart(first_edges, first_undefined, x, rows[1], at[1, :split]),
            chart(second_edges, second_undefined, x, rows[2], at[2, split:]))


def _feature(item: Found, x_min: float, x_max: float) -> Feature:
    def plain(value):
        return None if value is None or math.isnan(value) else float(value)

    order = list(K)
    return Feature(
        x=float(item.x), y=plain(item.y), kinds=tuple(sorted(item.kinds, key=order.index)),
        left_slope=plain(item.left_slope), right_slope=plain(item.right_slope), exact=item.exact,
        endpoint=any(abs(item.x - end) <= MERGE * max(1.0, abs(end)) for end in (x_min, x_max)),
        limit=plain(item.limit), left_limit=plain(item.left_limit), right_limit=plain(item.right_limit))


def _caveat(features: list[Found], zero_tolerance: float) -> str | None:
    """A sentence where f turns back just short of 0: two zeros closer than the search can tell apart
    would look the same."""
    near = [f for f in features if f.y is not None and K.ZERO not in f.kinds
            and ((K.MINIMUM in f.kinds and f.y > 0) or (K.MAXIMUM in f.kinds and f.y < 0))
            and abs(f.y) <= 1e6 * zero_tolerance]
    if not near:
        return None
    where = ", ".join(f"x ≈ {f.x:.6g}" for f in near[:3])
    return (f"f comes within {max(abs(f.y) for f in near):.1g} of 0 without reaching it at {where}: "
            "two zeros closer together than double precision can separate would look the same")
