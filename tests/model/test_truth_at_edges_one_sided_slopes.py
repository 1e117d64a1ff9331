"""One-sided slopes are reported only once they have converged (issue family 4).

At h = 10⁻⁹ the slope of x^(1/3)·|x| is still (4/3)·h^(1/3) ≈ 0.0013, and |x|^1.01 has slope
1.01·h^0.01 ≈ 0.82: the last value of the sequence is not the limit. Truth: sympy's limit of
the one-sided difference quotient.
"""

import math

import pytest
import sympy

from explorer.model.function import X
from explorer.model.parsing import parse
from explorer.model.readings import PointKind
from tests.model.edge_truth import one_sided, one_sided_slope

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


#: f′ tends to its limit like h·ln h: too slowly to extrapolate, still 4·10⁻⁸ from it at h = 10⁻⁹.
#: (text, formula, derivative order probed)
SLOW = [
    ("x^2 ln|x|", X**2 * sympy.log(sympy.Abs(X)), 1),
    ("x^3 ln|x|", X**3 * sympy.log(sympy.Abs(X)), 2),
    ("x^2 ln(x^2)", X**2 * sympy.log(X**2), 1),
    ("x^2 ln|x| + |x|", X**2 * sympy.log(sympy.Abs(X)) + sympy.Abs(X), 1),
    ("x ln|x|", X * sympy.log(sympy.Abs(X)), 1),
]


@pytest.fixture
def patient_sympy(monkeypatch):
    """sympy's limits given all the time they need: what is tested is the answer, not its speed."""
    from explorer.model.special_points import exact_limits

    monkeypatch.setattr(exact_limits, "DEADLINE_S", 120.0)


@pytest.mark.parametrize(("text", "expr", "order"), SLOW, ids=[c[0] for c in SLOW])
def test_slowly_settling_slopes_are_decided_exactly(engine, patient_sympy, text, expr, order):
    """The slopes are the one-sided limits of f′ (sympy), not f′ at the last h."""
    slope = sympy.diff(expr, X)
    left, right = one_sided(slope, 0, "-"), one_sided(slope, 0, "+")
    reading = engine.probe(parse(text), 0.0, order=order)
    assert (reading.left_slope, reading.right_slope) == (left, right)
    assert reading.undecided == ""


@pytest.mark.parametrize(("text", "expr", "order"), SLOW[:4], ids=[c[0] for c in SLOW[:4]])
def test_without_sympy_an_unsettled_slope_is_undecided(engine, text, expr, order):
    """A program alone (the engine's process before it has imported sympy) cannot ask sympy: the
    slopes that had not settled are NaN, with the reason, never the number at the last h."""
    reading = engine.probe(parse(text).program, 0.0, order=order)
    assert math.isnan(reading.left_slope) and math.isnan(reading.right_slope)
    assert "too slowly" in reading.undecided
