"""∂f/∂p at points that are not smooth in the parameter (issue family 7).

|a x| at a = 0 has ∂f/∂a = −1 for a < 0 and 1 for a > 0, and none at 0; autograd says 0 there.
A partial is reported only where it exists; elsewhere it is NaN with its one-sided values along the
parameter. Truth: sympy's limits of the one-sided difference quotients in the parameter alone.
"""

import math

import mpmath
import pytest
import sympy

from explorer.model.function import X, parameter_symbol
from explorer.model.parsing import parse
from explorer.model.readings import PointKind
from tests.model.edge_truth import one_sided_partial

A = parameter_symbol("a")
half = sympy.Rational(1, 2)

#: (text, its formula for sympy, x, a, the kind of ∂f/∂a there along a)
CASES = [
    ("|a x|", sympy.Abs(A * X), 1, 0, PointKind.CORNER),
    ("|a x|", sympy.Abs(A * X), 2, 0, PointKind.CORNER),
    ("|a x|", sympy.Abs(A * X), -1, 0, PointKind.CORNER),
    ("|x - a|", sympy.Abs(X - A), 1, 1, PointKind.CORNER),
    ("|x - a|", sympy.Abs(X - A), -2, -2, PointKind.CORNER),
    ("|x - a|^3", sympy.Abs(X - A) ** 3, 1, 1, PointKind.SMOOTH),
    ("sqrt(|x - a|)", sympy.sqrt(sympy.Abs(X - A)), 1, 1, PointKind.CUSP),
    ("floor(a x)", sympy.floor(A * X), 1, 1, PointKind.DISCONTINUOUS),
    ("floor(a x)", sympy.floor(A * X), 2, 1, PointKind.DISCONTINUOUS),
    ("floor(a x)", sympy.floor(A * X), half, 2, PointKind.DISCONTINUOUS),
    # smooth in a though a guard is at its special point: the partial exists
    # 0^a = 0 for every a > 0, so ∂f/∂a = 0 at x = 0: sympy leaves 0^(2 − h) unevaluated, so the
    # truth here is the quotient evaluated by mpmath at 40 digits (None below)
    ("x^a", None, 0, 2, PointKind.SMOOTH),
    ("x^a", None, 0, half, PointKind.SMOOTH),
    ("a |x|", A * sympy.Abs(X), 0, 0, PointKind.SMOOTH),
    ("|a x|", sympy.Abs(A * X), 0, 1, PointKind.SMOOTH),
]


def _power_quotient(x, a, step: str) -> float:
    """(x^(a+h) − x^a)/h for x^a, with mpmath's 40 digits (tests/model/edge_truth.py sets them)."""
    h = mpmath.mpf(step)
    return float((mpmath.power(x, a + h) - mpmath.power(x, a)) / h)


@pytest.mark.parametrize(("text", "expr", "x", "a", "kind"), CASES,
                         ids=[f"{c[0]} at x={c[2]}, a={c[3]}" for c in CASES])
def test_a_partial_is_reported_only_where_it_exists(engine, text, expr, x, a, kind):
    if expr is None:
        left, right = (_power_quotient(mpmath.mpf(x), mpmath.mpf(a), step) for step in ("-1e-20", "1e-20"))
    else:
        point = {X: sympy.nsimplify(x), A: sympy.nsimplify(a)}
        left, right = (one_sided_partial(expr, A, point, side) for side in "-+")
    exists = math.isfinite(left) and left == right
    assert exists == (kind is PointKind.SMOOTH)
    reading = engine.probe(parse(text), float(x), order=1, params={"a": float(a)})
    assert reading.partial_kinds["a"] is kind
    if exists:
        assert reading.partials["a"] == pytest.approx(left, abs=1e-12)
        return
    assert math.isnan(reading.partials["a"])
    if kind is not PointKind.DISCONTINUOUS:
        # f is continuous along a: the one-sided partials are the difference quotients' limits
        assert reading.partial_sides["a"] == pytest.approx((left, right), abs=1e-9)


@pytest.mark.parametrize(("text", "expr", "x", "a"), [
    ("|a x|", sympy.Abs(A * X), 1.0, 0.5),
    ("|x - a|", sympy.Abs(X - A), 1.0, 0.25),
    ("x^a", X**A, 0.5, 2.0),
    ("floor(a x) + a^2 x", sympy.floor(A * X) + A**2 * X, 1.0, 0.7),
])
def test_away_from_special_points_the_partial_is_autograds(engine, text, expr, x, a):
    """Away from every guard's special point nothing changes: the partial is the derivative's value
    (sympy's ∂f/∂a at 40 digits; floor's is 0 between its jumps) and no one-sided judgement is listed."""
    truth = sympy.diff(expr, A).replace(lambda e: isinstance(e, sympy.Subs), lambda e: 0)
    truth = truth.subs({X: sympy.Rational(x), A: sympy.Rational(a)}).evalf(40)
    reading = engine.probe(parse(text), x, order=1, params={"a": a})
    assert reading.partials["a"] == pytest.approx(float(truth), rel=1e-13)
    assert reading.partial_kinds == {} and reading.partial_sides == {}


def test_each_parameter_is_judged_in_its_own_direction(engine):
    """|a x| + b x at a = 0: ∂f/∂a does not exist, ∂f/∂b = x does."""
    reading = engine.probe(parse("|a x| + b x"), 3.0, order=1, params={"a": 0.0, "b": 2.0})
    assert math.isnan(reading.partials["a"])
    assert reading.partial_sides["a"] == (-3.0, 3.0)
    assert reading.partials["b"] == 3.0


def test_partials_in_a_batch_of_points(engine):
    """probe_many (a drag's read-ahead, the value table) judges each point as probe does."""
    readings = engine.probe_many(parse("|x - a|"), [0.5, 1.0, 1.5], order=1, params={"a": 1.0})
    assert [r.partials["a"] for r in readings][::2] == [1.0, -1.0]  # a − x, then x − a
    assert math.isnan(readings[1].partials["a"])
    assert readings[1].partial_sides["a"] == (-1.0, 1.0)
