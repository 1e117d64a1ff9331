"""One-sided slopes are reported only once they have converged (issue family 4).

At h = 10⁻⁹ the slope of x^(1/3)·|x| is still (4/3)·h^(1/3) ≈ 0.0013, and |x|^1.01 has slope
1.01·h^0.01 ≈ 0.82: the last value of the sequence is not the limit. Truth: sympy's limit of
the one-sided difference quotient.
"""

import math

import pytest
import sympy

from explorer.model.engine import Engine
from explorer.model.function import X
from explorer.model.parsing import parse
from explorer.model.readings import PointKind
from tests.model.edge_truth import one_sided_slope

third = sympy.Rational(1, 3)
CASES = [
    ("x^(1/3)*|x|", sympy.sign(X) * sympy.Abs(X) ** third * sympy.Abs(X), PointKind.SMOOTH),
    ("sqrt(|x|)*x", sympy.sqrt(sympy.Abs(X)) * X, PointKind.SMOOTH),
    ("|x| + x^(4/3)", sympy.Abs(X) + sympy.Abs(X) ** sympy.Rational(4, 3), PointKind.CORNER),
    ("x^2 + |x|^1.01", X**2 + sympy.Abs(X) ** sympy.Rational(101, 100), PointKind.SMOOTH),
    ("|x|^(3/2)", sympy.Abs(X) ** sympy.Rational(3, 2), PointKind.SMOOTH),
    ("|x| + |x|^(1.5)", sympy.Abs(X) + sympy.Abs(X) ** sympy.Rational(3, 2), PointKind.CORNER),
    ("2x + |x|^(5/4)", 2 * X + sympy.Abs(X) ** sympy.Rational(5, 4), PointKind.SMOOTH),
]


@pytest.fixture(scope="module")
def engine():
    return Engine(device="cpu", fuse=False)


@pytest.mark.parametrize(("text", "expr", "kind"), CASES, ids=[c[0] for c in CASES])
def test_slopes_are_the_limits_of_the_difference_quotients(engine, text, expr, kind):
    left, right = one_sided_slope(expr, 0, "-"), one_sided_slope(expr, 0, "+")
    assert (kind is PointKind.SMOOTH) == (left == right)
    reading = engine.probe(parse(text), 0.0, order=1)
    assert reading.kind is kind
    assert reading.left_slope == pytest.approx(left, abs=1e-9)
    assert reading.right_slope == pytest.approx(right, abs=1e-9)
    if kind is PointKind.SMOOTH:
        assert reading.slope == pytest.approx(left, abs=1e-9)
    else:
        assert math.isnan(reading.slope)
