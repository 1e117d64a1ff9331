"""Tₙ and |f − Tₙ| on the plot's grid, and the interval around x₀ where |f − Tₙ| < tolerance.

Computed beside the coefficients, in the engine, so the window only draws: on each side of x₀ the
polynomial of that side (one-sided where f is not smooth), NaN where a side has none.
"""

from __future__ import annotations

import numpy as np

from explorer.model.taylor.result import TaylorCurve, TaylorExpansion


def polynomial_values(coefficients, h: np.ndarray) -> np.ndarray:
    """Σ c_k h^k by Horner's rule."""
    values = np.zeros_like(h)
    for c in reversed(coefficients):
        values = values * h + c
    return values


def taylor_curve(expansion: TaylorExpansion, x: np.ndarray, f: np.ndarray, tolerance: float) -> TaylorCurve:
    """The curve of `expansion` on grid `x`, where f's values are `f`."""
    h = x - expansion.x0
    polynomial = np.full_like(x, np.nan)
    for direction, where in ((-1, h < 0), (1, h >= 0)):
        coefficients = expansion.side(direction)
        if coefficients is not None:
            polynomial[where] = polynomial_values(coefficients, h[where])
    with np.errstate(invalid="ignore", over="ignore"):
        error = np.abs(f - polynomial)
    return TaylorCurve(x, polynomial, error, tolerance, _interval(x, error, expansion.x0, tolerance))


def _interval(x: np.ndarray, error: np.ndarray, x0: float, tolerance: float) -> tuple[float, float] | None:
    """The run of grid points around x₀ where the error is below tolerance, as (first, last) x."""
    if len(x) < 2 or not x[0] <= x0 <= x[-1]:
        return None
    good = error < tolerance  # NaN compares False: f or Tₙ missing ends the interval
    right = int(np.searchsorted(x, x0))
    left = right - 1
    lo = hi = x0
    if right < len(x) and good[right]:
        bad = np.flatnonzero(~good[right:])
        hi = float(x[right + bad[0] - 1] if len(bad) else x[-1])
    if left >= 0 and good[left]:
        bad = np.flatnonzero(~good[:left + 1][::-1])
        lo = float(x[left - bad[0] + 1] if len(bad) else x[0])
    return lo, hi
