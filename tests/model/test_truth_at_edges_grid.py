"""Grid points that should be round numbers are exactly those numbers (issue family 10).

torch.linspace put the middle sample of (−4, 4) at −9.6·10⁻¹⁷ and "1" of (0, 2) at
0.9999999999999998; beside a hole, (1 − cos x)/x² there cancelled to 0 and was drawn as a spike.
Truth: each grid point is the double nearest x_min + i·(x_max − x_min)/(n − 1), computed exactly
with Python's fractions, and the curve near a hole is mpmath's at 40 digits.
"""

import math
from fractions import Fraction

import mpmath
import pytest

from explorer.model.parsing import parse

mpmath.mp.dps = 40


@pytest.mark.parametrize(("x_min", "x_max", "n"), [(-4, 4, 801), (-4, 4, 1201), (0, 2, 201), (-10, 10, 3601),
                                                    (-1, 1, 4001), (-3, 5, 17), (-0.5, 0.5, 11)])
def test_every_grid_point_is_the_nearest_double(engine, x_min, x_max, n):
    x = engine.sample(parse("x"), x_min, x_max, n, 0).x
    exact = [float(Fraction(x_min) + i * (Fraction(x_max) - Fraction(x_min)) / (n - 1)) for i in range(n)]
    assert x.tolist() == exact


@pytest.mark.parametrize("text, formula", [
    ("(1-cos x)/x^2", lambda x: (1 - mpmath.cos(x)) / x**2),
    ("(e^x-1)/x", lambda x: mpmath.expm1(x) / x),
    ("sin(x)/x", lambda x: mpmath.sin(x) / x),
])
@pytest.mark.parametrize("n", [801, 1201, 3601])
def test_no_sample_next_to_a_hole_is_garbage(engine, text, formula, n):
    """On an odd plot width the middle sample is the hole itself (missing), and its neighbours are right."""
    curves = engine.sample(parse(text), -4, 4, n, 1)
    middle = n // 2
    assert curves.x[middle] == 0.0
    assert math.isnan(curves.values[0, middle])
    for i in [*range(middle - 20, middle), *range(middle + 1, middle + 21)]:
        assert curves.values[0, i] == pytest.approx(float(formula(mpmath.mpf(curves.x[i]))), rel=1e-12)
    assert not curves.connected[0, middle - 1] and not curves.connected[0, middle]  # no line through the gap
