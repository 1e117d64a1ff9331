"""What the derivative does at a special point, judged on plain numbers from one-sided limits.

Autograd returns *a* number at a kink or a domain edge (0 for |x|′ at 0, NaN for ∛x′ at 0); this
module decides what is really there from values sampled at x₀ ± h for a geometric sequence of h:
a side converges to a limit, diverges to ±∞, or has no limit (outside the domain, oscillating).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np

from explorer.model.readings import PointKind

#: Relative size below which a change between successive samples is rounding noise.
NOISE = 1e-13


def one_sided_limits(sequences: np.ndarray, extrapolate: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Limit and its uncertainty for each sequence along the last axis (ordered far -> near).

    A sequence converges when its steps shrink monotonically (down to rounding noise) and the
    last is at most half the first. With `extrapolate`, where its last steps shrink by a constant
    ratio (a power of h: f′ of x^(1/3)·|x| is (4/3)·h^(1/3), still 0.0013 at h = 10⁻⁹) the limit is
    extrapolated from them (Aitken's Δ²), uncertain by how much the last two extrapolations differ;
    otherwise it is the last value, uncertain by about the last step. Extrapolating needs the
    point itself exactly: a crossing bisected to 10⁻¹² of a grid step would show up as a jump.
    It diverges to ±∞ when its magnitude grows monotonically with a fixed sign (log, poles; an
    overflow to ∞ counts as growing), and has no limit (NaN) otherwise (outside the domain, sin(1/h), cos(1/h)/h).
    """
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        seq = np.asarray(sequences, dtype=float)
        last = seq[..., -1]
        noise = NOISE * np.abs(seq).max(axis=-1, initial=0.0)
        raw_steps = np.abs(np.diff(seq, axis=-1))
        steps = np.maximum(raw_steps, noise[..., None])
        shrinking = (np.diff(steps, axis=-1) <= 0).all(axis=-1)
        last_step = steps[..., -1]
        all_finite = np.isfinite(seq).all(axis=-1)
        converges = all_finite & shrinking & ((last_step <= 0.5 * steps[..., 0]) | (last_step <= noise))
        extrapolated, spread = _extrapolate(seq, noise)
        geometric = converges & np.isfinite(extrapolated) & (last_step > noise) & extrapolate
        magnitude = np.abs(seq)
        rising = np.diff(magnitude, axis=-1) > 0
        rising |= np.isinf(magnitude[..., 1:]) & np.isinf(magnitude[..., :-1])
        grows = (~np.isnan(seq).any(axis=-1) & rising.all(axis=-1)
                 & (magnitude[..., -1] >= 2 * magnitude[..., 0])
                 & (np.sign(seq) == np.sign(last)[..., None]).all(axis=-1))  # cos(1/h)/h has no limit
        limit = np.where(converges, np.where(geometric, extrapolated, last),
                         np.where(grows & ~converges, np.sign(last) * np.inf, np.nan))
        uncertainty = np.where(converges, np.where(geometric, spread, raw_steps[..., -1]), np.nan)
    if extrapolate and seq.shape[-1] > TAIL and np.isnan(limit).any():
        # the first steps may span periods (|sin x| at 1000π: h starts at 31): judge the tail alone
        tail_limit, tail_uncertainty = one_sided_limits(seq[..., -TAIL:], extrapolate=True)
        retry = np.isnan(limit) & np.isfinite(tail_limit)
        limit, uncertainty = np.where(retry, tail_limit, limit), np.where(retry, tail_uncertainty, uncertainty)
    return limit, uncertainty


def unsettled(sequences: np.ndarray) -> np.ndarray:
    """Whether each sequence's limit (one_sided_limits, extrapolated) is only its last value while it
    still moves by more than rounding: a sequence that shrinks too slowly to be extrapolated
    (f′ of x²·ln|x| is 2h·ln h + h, still 4·10⁻⁸ at h = 10⁻⁹, its limit 0). Such a number is no
    limit to full precision, and is never to be reported as one."""
    with np.errstate(invalid="ignore", over="ignore"):
        seq = np.asarray(sequences, dtype=float)
        limit, uncertainty = one_sided_limits(seq, extrapolate=True)
        noise = NOISE * np.abs(seq).max(axis=-1, initial=0.0)
        last_step = np.abs(seq[..., -1] - seq[..., -2])
        read_off_last = np.isfinite(limit) & (limit == seq[..., -1]) & (uncertainty == last_step)
        return read_off_last & (last_step > noise)


def decided_sides(sides: Sequence[float], loose: np.ndarray,
                  exact: Callable[[], tuple[float, float] | None]) -> tuple[float, float]:
    """(left, right) one-sided limits with each `loose` side (its sequence `unsettled`) replaced by
    `exact()`'s limit there, asked only where a side is loose (sympy's, within a deadline; None where
    not known), and NaN where that is not known: undecided, never the last number of the sequence."""
    if not loose.any():
        return tuple(sides)
    found = exact() or (math.nan, math.nan)
    return tuple(f if side_is_loose else s for f, s, side_is_loose in zip(found, sides, loose, strict=True))


#: The last values of a one-sided sequence judged again on their own where the whole has no limit.
TAIL = 5


#: Successive ratios of steps this close (relatively) make a geometric tail, worth extrapolating.
GEOMETRIC_RATIO_AGREEMENT = 1e-2


def _extrapolate(seq: np.ndarray, noise: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Aitken's Δ² limit of each sequence's geometric tail and its uncertainty, NaN where the last
    three steps do not shrink by one ratio (a power law in h does; h·ln h does not)."""
    if seq.shape[-1] < 5:
        nan = np.full(seq.shape[:-1], np.nan)
        return nan, nan
    d = np.diff(seq[..., -5:], axis=-1)   # the last four steps
    ratios = d[..., 1:] / d[..., :-1]
    r0, r1, r2 = ratios[..., 0], ratios[..., 1], ratios[..., 2]
    agree = GEOMETRIC_RATIO_AGREEMENT * np.abs(r2)
    geometric = ((np.abs(r1 - r0) <= agree) & (np.abs(r2 - r1) <= agree) & (r2 > 0) & (r2 < 0.99)
                 & (np.abs(d[..., -1]) > 10 * noise))
    newest = seq[..., -1] - d[..., -1] * r2 / (r2 - 1)
    before = seq[..., -2] - d[..., -2] * r1 / (r1 - 1)
    spread = np.abs(newest - before) + noise
    return np.where(geometric, newest, np.nan), np.where(geometric, spread, np.nan)


def limits_differ(a: np.ndarray, a_spread: np.ndarray, b: np.ndarray, b_spread: np.ndarray) -> np.ndarray:
    """Whether two finite limits differ by more than their combined uncertainty (and rounding)."""
    with np.errstate(invalid="ignore"):
        tolerance = 10 * (a_spread + b_spread) + 1e-12 * (np.abs(a) + np.abs(b))
        return np.abs(a - b) > tolerance


def classify_point(at_point: np.ndarray, left: np.ndarray, right: np.ndarray
                   ) -> tuple[tuple[float, ...], PointKind, float, float]:
    """(values, kind, left slope, right slope) at a special point.

    `at_point[k]` is f^(k) there as autograd computed it; `left[k]` and `right[k]` are f^(k) at
    x₀ − h and x₀ + h for a shrinking sequence of h. The slopes are the one-sided limits of f′.
    """
    count = len(at_point)
    nan_values = (math.nan,) * count
    left_lim, left_spread = one_sided_limits(left, extrapolate=True)
    right_lim, right_spread = one_sided_limits(right, extrapolate=True)
    # A side where f itself has no limit has no slope either (ln x at −1).
    left_slope = _number(left_lim[1]) if not math.isnan(left_lim[0]) else math.nan
    right_slope = _number(right_lim[1]) if not math.isnan(right_lim[0]) else math.nan
    f0 = float(at_point[0])
    if not math.isfinite(f0) or math.isinf(left_lim[0]) or math.isinf(right_lim[0]):
        return nan_values, PointKind.UNDEFINED, left_slope, right_slope
    sides = [(lim, spread) for lim, spread in ((left_lim, left_spread), (right_lim, right_spread))
             if math.isfinite(lim[0])]
    if any(np.isfinite(side[0]).all() and math.isnan(lim[0]) for side, lim in ((left, left_lim), (right, right_lim))):
        # f exists near x₀ on that side but tends to nothing, or to a number only rounding can
        # tell from f(x₀) (floor(sin x) at π/2 is 1, beside it 0): f is not continuous there
        return (f0, *nan_values[1:]), PointKind.DISCONTINUOUS, left_slope, right_slope
    if not sides:
        return (f0, *nan_values[1:]), PointKind.UNDEFINED, left_slope, right_slope
    if any(limits_differ(lim[0], spread[0], f0, 0.0) for lim, spread in sides):
        return (f0, *nan_values[1:]), PointKind.DISCONTINUOUS, left_slope, right_slope

    slopes = [s for s in (left_slope, right_slope) if not math.isnan(s)]
    kind = PointKind.SMOOTH
    if len(slopes) == 2 and all(map(math.isfinite, slopes)):
        if limits_differ(left_lim[1], left_spread[1], right_lim[1], right_spread[1]):
            kind = PointKind.CORNER
    elif len(slopes) == 2 and not any(map(math.isfinite, slopes)):
        kind = PointKind.VERTICAL if slopes[0] == slopes[1] else PointKind.CUSP
    elif len(slopes) == 2:
        kind = PointKind.CORNER  # one side finite, the other vertical: no tangent either way
    elif len(slopes) == 1:
        kind = PointKind.SMOOTH if math.isfinite(slopes[0]) else PointKind.VERTICAL
    else:
        return (f0, *nan_values[1:]), PointKind.UNDEFINED, left_slope, right_slope

    values = [f0]
    if kind is PointKind.SMOOTH:
        for k in range(1, count):
            value = _common_limit(float(at_point[k]), [(lim[k], spread[k]) for lim, spread in sides])
            if math.isnan(value):
                break
            values.append(float(value))
    values += [math.nan] * (count - len(values))
    if kind is PointKind.SMOOTH and math.isfinite(values[1]):
        # The limits approach f′ only up to the last h; the agreed value is the better reading.
        left_slope, right_slope = (values[1] if not math.isnan(s) else s for s in (left_slope, right_slope))
    return tuple(values), kind, left_slope, right_slope


def _number(value: float) -> float:
    """A float, with math.nan itself for NaN: readings holding it compare equal."""
    return math.nan if math.isnan(value) else float(value)


def _common_limit(at_point: float, sides: list[tuple[float, float]]) -> float:
    """The derivative's value if every existing side converges to it, else NaN."""
    if not all(math.isfinite(lim) for lim, _ in sides):
        return math.nan
    (a, a_spread), (b, b_spread) = sides[0], sides[-1]
    if limits_differ(a, a_spread, b, b_spread):
        return math.nan
    if math.isfinite(at_point) and not limits_differ(at_point, 0.0, a, a_spread):
        return at_point
    return (a + b) / 2
