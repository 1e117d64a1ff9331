"""Point analysis on plain numbers: one-sided limits, what the derivative does at a point, y-ranges.

Autograd returns *a* number at a kink or a domain edge (0 for |x|′ at 0, NaN for ∛x′ at 0); this
module decides what is really there from values sampled at x₀ ± h for a geometric sequence of h:
a side converges to a limit, diverges to ±∞, or has no limit (outside the domain, oscillating).
"""

from __future__ import annotations

import math

import numpy as np

from explorer.model.readings import PointKind

#: Relative size below which a change between successive samples is rounding noise.
NOISE = 1e-13


def one_sided_limits(sequences: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Limit and its uncertainty for each sequence along the last axis (ordered far -> near).

    A sequence converges when its steps shrink monotonically (down to rounding noise) and the
    last is at most half the first: the limit is then its last value, uncertain by about that
    last step. It diverges to ±∞ when its magnitude grows monotonically with a fixed sign (log,
    poles), and has no limit (NaN) otherwise (outside the domain, sin(1/h), cos(1/h)/h).
    """
    with np.errstate(invalid="ignore", over="ignore"):
        seq = np.asarray(sequences, dtype=float)
        last = seq[..., -1]
        noise = NOISE * np.abs(seq).max(axis=-1, initial=0.0)
        raw_steps = np.abs(np.diff(seq, axis=-1))
        steps = np.maximum(raw_steps, noise[..., None])
        shrinking = (np.diff(steps, axis=-1) <= 0).all(axis=-1)
        last_step = steps[..., -1]
        all_finite = np.isfinite(seq).all(axis=-1)
        converges = all_finite & shrinking & ((last_step <= 0.5 * steps[..., 0]) | (last_step <= noise))
        magnitude = np.abs(seq)
        grows = (~np.isnan(seq).any(axis=-1) & (np.diff(magnitude, axis=-1) > 0).all(axis=-1)
                 & (magnitude[..., -1] >= 2 * magnitude[..., 0])
                 & (np.sign(seq) == np.sign(last)[..., None]).all(axis=-1))  # cos(1/h)/h has no limit
        limit = np.where(converges, last, np.where(grows & ~converges, np.sign(last) * np.inf, np.nan))
        uncertainty = np.where(converges, raw_steps[..., -1], np.nan)
    return limit, uncertainty


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
    left_lim, left_spread = one_sided_limits(left)
    right_lim, right_spread = one_sided_limits(right)
    # A side where f itself has no limit has no slope either (ln x at −1).
    left_slope = float(left_lim[1]) if not math.isnan(left_lim[0]) else math.nan
    right_slope = float(right_lim[1]) if not math.isnan(right_lim[0]) else math.nan
    f0 = float(at_point[0])
    if not math.isfinite(f0) or math.isinf(left_lim[0]) or math.isinf(right_lim[0]):
        return nan_values, PointKind.UNDEFINED, left_slope, right_slope
    sides = [(lim, spread) for lim, spread in ((left_lim, left_spread), (right_lim, right_spread))
             if math.isfinite(lim[0])]
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
            values.append(value)
    values += [math.nan] * (count - len(values))
    if kind is PointKind.SMOOTH and math.isfinite(values[1]):
        # The limits approach f′ only up to the last h; the agreed value is the better reading.
        left_slope, right_slope = (values[1] if not math.isnan(s) else s for s in (left_slope, right_slope))
    return tuple(values), kind, left_slope, right_slope


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


def robust_y_range(values, central: float = 0.90) -> tuple[float, float]:
    """A y-window for curves drawn together, that one huge value cannot ruin.

    `values` is one curve's samples, or one row per curve drawn in the same plot with f's first
    (NaN/±inf ignored). Each curve's window (`_curve_window`) shows the central `central` share of
    its values, and its tails in full where they stay near (x³, eˣ: the curve's own shape); a long
    tail is a pole's and is cut. The plot's window is f's: a derivative widens it to show what it
    reaches without a pole (x² with f′ = 2x shows both), and its poles only until the window reaches
    as far from the x-axis on their side as on the other. So 1/x with f′ = −1/x² keeps the window
    1/x has alone, symmetric as its values are, instead of one stretched down after f′'s pole (the
    curves' values pooled gave −11.7 to 4.5), while 1/x² with f′ = −2/x³ shows f′ below the axis as
    far as 1/x² reaches above it. 5% margins on both sides.
    """
    data = np.asarray(values, dtype=float)
    rows = np.atleast_2d(data).reshape(-1, data.shape[-1] if data.ndim else 1)
    windows = [window for window in (_curve_window(row[np.isfinite(row)], central) for row in rows)
               if window is not None]
    if not windows:
        return -1.0, 1.0
    lo, hi = _widened(windows[0], windows[1:])
    if hi == lo:
        pad = max(1.0, 0.1 * abs(hi))
    else:
        pad = 0.05 * (hi - lo)
    return lo - pad, hi + pad


def _curve_window(data: np.ndarray, central: float) -> tuple[float, float, bool, bool] | None:
    """(low, high, whether low cuts a pole, whether high does) for one curve's finite values, or
    None for none. A tail is shown in full when it reaches at most two central spans beyond the
    central band; a longer one is a pole's (tan x) and is cut a quarter span beyond it."""
    if data.size == 0:
        return None
    tail = (1 - central) / 2
    (q_lo, q_hi), lo, hi = _quantiles_and_ends(data, (tail, 1 - tail))
    span = q_hi - q_lo
    low_pole, high_pole = lo < q_lo - 2 * span, hi > q_hi + 2 * span
    if low_pole:
        lo = q_lo - 0.25 * span
    if high_pole:
        hi = q_hi + 0.25 * span
    return lo, hi, low_pole, high_pole


def _widened(first: tuple[float, float, bool, bool], others: list) -> tuple[float, float]:
    """f's window, widened to each other curve's pole-free ends, then towards its poles until the
    window is as far from the x-axis on their side as on the other (and no further than the window
    that curve would have alone)."""
    lo, hi = first[:2]
    for other_lo, other_hi, low_pole, high_pole in others:
        lo = lo if low_pole else min(lo, other_lo)
        hi = hi if high_pole else max(hi, other_hi)
    reach_down = min((other[0] for other in others if other[2]), default=lo)
    reach_up = max((other[1] for other in others if other[3]), default=hi)
    return min(lo, max(reach_down, -hi)), max(hi, min(reach_up, -lo))


def _quantiles_and_ends(data: np.ndarray, qs: tuple[float, ...]) -> tuple[list[float], float, float]:
    """np.quantile(data, qs) (linear interpolation, to the last bit), data.min() and data.max(), from
    one partial sort: a window's y-range is chosen on every keystroke, and np.quantile's generality
    cost 0.1 ms a row."""
    n = data.size
    positions = [q * (n - 1) for q in qs]
    below = [int(np.floor(p)) for p in positions]
    above = [min(b + 1, n - 1) for b in below]
    ordered = np.partition(data, sorted({0, n - 1, *below, *above}))
    quantiles = []
    for p, b, a in zip(positions, below, above):
        t, low, high = p - b, ordered[b], ordered[a]
        # numpy's lerp: exact at both ends, computed from the nearer one
        quantiles.append(float(high - (high - low) * (1 - t) if t >= 0.5 else low + (high - low) * t))
    return quantiles, float(ordered[0]), float(ordered[n - 1])
