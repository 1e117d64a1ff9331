"""A subexpression undefined at a point makes f undefined there (issue family 3).

IEEE arithmetic turns 1/0 into ∞ and then atan(∞) into π/2, e^(−∞) into 0: a number where the
formula has none. Truth: the formula as typed on mpmath numbers (1/0 raises), and sympy's
one-sided limits, which the reading reports instead.
"""

import math

import mpmath
import pytest
import sympy

from explorer.model.function import X
from explorer.model.parsing import parse
from explorer.model.readings import PointKind
from tests.model.edge_truth import one_sided, typed_value

CASES = [
    ("e^(-1/x)", lambda x: mpmath.exp(-1 / x), sympy.exp(-1 / X)),
    ("atan(1/x)", lambda x: mpmath.atan(1 / x), sympy.atan(1 / X)),
    ("tanh(1/x)", lambda x: mpmath.tanh(1 / x), sympy.tanh(1 / X)),
    ("sign(1/x)", lambda x: mpmath.sign(1 / x), sympy.sign(1 / X)),
    ("1/(1+e^(1/x))", lambda x: 1 / (1 + mpmath.exp(1 / x)), 1 / (1 + sympy.exp(1 / X))),
    ("x*sin(1/x)", lambda x: x * mpmath.sin(1 / x), X * sympy.sin(1 / X)),
    ("atan(1/x^2)", lambda x: mpmath.atan(1 / x**2), sympy.atan(1 / X**2)),
]


@pytest.mark.parametrize(("text", "formula", "expr"), CASES, ids=[c[0] for c in CASES])
def test_undefined_inside_is_undefined_with_its_one_sided_limits(engine, text, formula, expr):
    assert typed_value(formula, 0.0) is None
    reading = engine.probe(parse(text), 0.0, order=1)
    assert reading.kind is PointKind.UNDEFINED
    assert all(math.isnan(v) for v in reading.values)
    for side, seen in (("-", reading.left_value), ("+", reading.right_value)):
        truth = one_sided(expr, 0, side)
        if math.isinf(truth):
            assert seen == truth
        else:
            assert seen == pytest.approx(truth, abs=1e-9)


@pytest.mark.parametrize(("text", "formula", "expr"), CASES, ids=[c[0] for c in CASES])
def test_nearby_points_keep_their_values(engine, text, formula, expr):
    """Only the point itself is lost: a step away the value is the formula's."""
    for x in (-0.5, 0.25, 1e-3):
        truth = typed_value(formula, x)
        assert engine.probe(parse(text), x).value == pytest.approx(truth, rel=1e-12, abs=1e-300)


def test_the_grid_sample_on_the_point_is_missing(engine):
    """A sample exactly at 0 of atan(1/x) is no π/2 drawn as a dot."""
    curves = engine.sample(parse("atan(1/x)"), 0.0, 1.0, 5, 1)
    assert curves.x[0] == 0.0
    assert math.isnan(curves.values[0, 0]) and math.isnan(curves.values[1, 0])
    assert curves.values[0, 2] == pytest.approx(float(sympy.atan(2)), rel=1e-14)
