"""An estimate of the radius of convergence from a Taylor polynomial's coefficients.

The radius is the distance from x₀ to f's nearest singularity in the complex plane; the
coefficients only approach it as the degree grows, so what this gives is an estimate with a caveat.
The ratio c_k / c_{k−s} of an algebraic or logarithmic singularity is A + B/k to first order
(Domb–Sykes): a straight line in 1/k whose intercept A is 1/Rˢ. A line fitted to the last ratios
therefore gives R from 20 coefficients much better than c_k / c_{k−1} alone (ln(1+x) at 0: 1,
where the last ratio says 20/19). s = 2 for series with every other coefficient zero (tan, atan at
0). Ratios that keep shrinking mean no finite radius shows (eˣ, sin: entire); ratios that fit no
line (two complex singularities, 1/(1+x²) at 1) fall back on the root test |c_n|^(−1/n), rougher.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from explorer.model.taylor.result import Radius

#: Fewer coefficients than this past c₀ give no estimate worth showing.
MIN_DEGREE = 6
#: Below this degree a root test says too little to show.
ROOT_TEST_DEGREE = 12
#: How far the last ratios may stray from the fitted line (relative) for the fit to be believed.
FIT_TOLERANCE = 0.02
CAVEAT = "an estimate from the coefficients up to the degree shown; the series may converge further or less far"


def estimate_radius(coefficients: Sequence[float]) -> Radius:
    c = np.asarray(coefficients, dtype=float)
    n = len(c) - 1
    if not np.isfinite(c).all():
        return Radius(None, "no estimate: a coefficient is beyond double precision")
    if n < MIN_DEGREE:
        return Radius(None, f"no estimate below degree {MIN_DEGREE}: too few coefficients")
    if not c[-3:].any():
        return Radius(math.inf, "a polynomial: Tₙ is f itself, everywhere")
    fits = [fit for step in (1, 2) if (fit := _ratio_fit(c, step)) is not None]
    if any(shrinking for _, _, shrinking in fits):
        return Radius(math.inf, "no finite radius shows: the coefficients fall faster than any geometric rate "
                                "(an entire function, as far as the degree shown can tell)")
    for intercept, step, _ in fits:
        if intercept is not None:
            return Radius(float(abs(intercept) ** (-1.0 / step)), CAVEAT)
    if n < ROOT_TEST_DEGREE:
        return Radius(None, "no estimate: the coefficients follow no clear pattern at this degree")
    return _root_test(c, CAVEAT + " (rough: the ratios of the coefficients follow no clear pattern)")


def _ratio_fit(c: np.ndarray, step: int) -> tuple[float | None, int, bool] | None:
    """(intercept of c_k / c_{k−step} fitted as A + B/k, or None if the ratios fit no line; step;
    whether the ratios keep shrinking), over the upper two thirds of the coefficients; None where fewer
    than three ratios exist."""
    n = len(c) - 1
    ks = [k for k in range(max(step + 1, n // 3), n + 1) if c[k - step] != 0 and abs(c[k]) > 1e-9 * abs(c[k - step])]
    if len(ks) < 3:
        return None
    k = np.array(ks, dtype=float)
    ratios = np.array([c[j] / c[j - step] for j in ks])
    magnitudes = np.abs(ratios)
    shrinking = bool(magnitudes[-1] < 0.7 * magnitudes[0] and (np.diff(magnitudes) < 0).all())
    design = np.stack([np.ones_like(k), 1.0 / k], axis=1)
    fit = np.linalg.lstsq(design, ratios, rcond=None)[0]
    spread = np.abs(design @ fit - ratios).max()
    good = spread <= FIT_TOLERANCE * magnitudes.max() and abs(fit[0]) > 1e-12
    return (float(fit[0]) if good else None), step, shrinking


def _root_test(c: np.ndarray, failure: str) -> Radius:
    """R ≈ 1 / max |c_k|^(1/k) over the upper half of the coefficients (Cauchy–Hadamard, truncated)."""
    n = len(c) - 1
    roots = [abs(c[k]) ** (1.0 / k) for k in range(max(1, n // 2), n + 1) if c[k] != 0]
    if not roots:
        return Radius(None, failure)
    return Radius(float(1.0 / max(roots)), CAVEAT + " (rough: from the size of the last coefficients)")
