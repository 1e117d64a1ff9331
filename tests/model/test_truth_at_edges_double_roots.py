"""An even root of a radicand with a double root is a corner, not "undefined" (issue family 2).

√(x² − 2x + 1) is |x − 1|: defined at 1 with slopes −1 and 1. The typed radicand cancels to
rounding noise (even negative) beside its root, so the one-sided analysis must evaluate a form
that keeps its digits. Truth: sympy's one-sided limits of f′ and the value at the point.
"""

import math

import pytest
import sympy

from explorer.model.function import X
from explorer.model.parsing import parse
from explorer.model.readings import PointKind
from tests.model.edge_truth import one_sided

CASES = [
    ("sqrt(x^2-2x+1)", sympy.sqrt(X**2 - 2 * X + 1), 1),
    ("sqrt(1-cos x)", sympy.sqrt(1 - sympy.cos(X)), 0),
    ("arccos(1-x^2)", sympy.acos(1 - X**2), 0),
    ("sqrt(x^4-2x^2+1)", sympy.sqrt(X**4 - 2 * X**2 + 1), 1),
    ("sqrt(x^4-2x^2+1)", sympy.sqrt(X**4 - 2 * X**2 + 1), -1),
    ("arcsin(1-x^2)", sympy.asin(1 - X**2), 0),
    ("sqrt(4x^2+12x+9)", sympy.sqrt(4 * X**2 + 12 * X + 9), sympy.Rational(-3, 2)),
    ("sqrt(2+2cos x)", sympy.sqrt(2 + 2 * sympy.cos(X)), sympy.pi),
]


@pytest.mark.parametrize(("text", "expr", "at"), CASES, ids=[f"{c[0]} at {c[2]}" for c in CASES])
def test_a_double_root_under_an_even_root_is_a_corner(engine, text, expr, at):
    slope = sympy.diff(expr, X)
    left, right = one_sided(slope, at, "-"), one_sided(slope, at, "+")
    assert math.isfinite(left) and math.isfinite(right) and left != right
    reading = engine.probe(parse(text), float(at), order=1)
    assert reading.kind is PointKind.CORNER
    assert reading.value == pytest.approx(float(expr.subs(X, at)), abs=1e-12)
    assert reading.left_slope == pytest.approx(left, rel=1e-9)
    assert reading.right_slope == pytest.approx(right, rel=1e-9)


@pytest.mark.parametrize(("text", "expr", "at"), CASES, ids=[f"{c[0]} at {c[2]}" for c in CASES])
def test_values_and_slopes_beside_the_root_keep_their_digits(engine, text, expr, at):
    """Beside the root, where the typed radicand cancels, f and f′ are right to 1e-9."""
    slope = sympy.diff(expr, X)
    for offset in (-1e-7, 1e-6, 3e-9):
        x = float(at) + offset
        reading = engine.probe(parse(text), x, order=1)
        truth_f = float(expr.subs(X, sympy.Float(x, 40)).evalf(40))
        truth_slope = float(slope.subs(X, sympy.Float(x, 40)).evalf(40))
        assert reading.value == pytest.approx(truth_f, rel=1e-9, abs=1e-300)
        assert reading.slope == pytest.approx(truth_slope, rel=1e-9)
