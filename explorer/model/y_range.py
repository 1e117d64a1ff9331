"""The automatic y-window of curves drawn together, chosen from their samples alone.

Plain numpy, apart from the special points: the engine's process picks it for every job (app/jobs.py)
from the curves it has just sampled, whatever computed them.
"""

from __future__ import annotations

import numpy as np


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
