"""The domain of what was typed survives sympy's folding (issue family 1).

x/x is 1 to sympy, but a student typed a quotient, which does not exist where its denominator is 0;
√x·√x is x to sympy, but √(−1) does not exist. Truth: the formula as typed, evaluated with mpmath
at 40 digits (nothing folded), and sympy's one-sided limits at the holes.
"""

import math

import mpmath
import numpy as np
import pytest
import sympy

from explorer.model.function import X
from explorer.model.parsing import parse
from explorer.model.readings import PointKind
from tests.model.edge_truth import acos, asin, log, one_sided, sqrt, typed_value

#: (text, the formula as typed on mpmath numbers, a point where it does not exist, a point where it does)
CASES = [
    ("x/x", lambda x: x / x, 0.0, 0.5),
    ("(x+1)/(x+1)", lambda x: (x + 1) / (x + 1), -1.0, 2.0),
    ("|x|/|x|", lambda x: abs(x) / abs(x), 0.0, -3.0),
    ("x^2/x", lambda x: x**2 / x, 0.0, 1.5),
    ("x^3/x^2", lambda x: x**3 / x**2, 0.0, -2.0),
    ("1/(1/x)", lambda x: 1 / (1 / x), 0.0, 0.25),
    ("1/(x^-2)", lambda x: 1 / (1 / x**2), 0.0, 3.0),
    ("sqrt(x)sqrt(x)", lambda x: sqrt(x) * sqrt(x), -1.0, 2.0),
    ("(sqrt x)^4", lambda x: sqrt(x) ** 4, -1.0, 2.0),
    ("ln(x) - ln(x)", lambda x: log(x) - log(x), -1.0, 2.0),
    ("0*ln(x)", lambda x: 0 * log(x), -1.0, 2.0),
    ("sin(arcsin x)", lambda x: mpmath.sin(asin(x)), 2.0, 0.5),
    ("cos(arccos(x))", lambda x: mpmath.cos(acos(x)), -1.5, -0.5),
    ("sin(x)/sin(x)", lambda x: mpmath.sin(x) / mpmath.sin(x), 0.0, 1.0),
]


@pytest.mark.parametrize(("text", "formula", "outside", "inside"), CASES, ids=[c[0] for c in CASES])
def test_typed_domain_is_kept_at_the_probe(engine, text, formula, outside, inside):
    assert typed_value(formula, outside) is None  # the truth: the formula as typed does not exist there
    truth = typed_value(formula, inside)
    function = parse(text)
    missing = engine.probe(function, outside, order=2)
    assert missing.kind is PointKind.UNDEFINED
    assert all(math.isnan(v) for v in missing.values)
    present = engine.probe(function, inside, order=2)
    assert present.kind is PointKind.SMOOTH
    assert present.value == pytest.approx(truth, rel=1e-12, abs=1e-12)


@pytest.mark.parametrize(("text", "hole"), [("x/x", 0), ("(x+1)/(x+1)", -1), ("x^2/x", 0), ("x^3/x^2", 0),
                                            ("1/(1/x)", 0), ("|x|/|x|", 0)])
def test_a_hole_is_reported_with_its_one_sided_limits(engine, text, hole):
    """A hole is undefined, and the readout can say what f approaches from each side."""
    reading = engine.probe(parse(text), float(hole), order=1)
    folded = sympy.sympify(text.replace("^", "**").replace("|x|", "Abs(x)"), locals={"x": X})
    assert reading.kind is PointKind.UNDEFINED
    assert reading.left_value == pytest.approx(one_sided(folded, hole, "-"), abs=1e-9)
    assert reading.right_value == pytest.approx(one_sided(folded, hole, "+"), abs=1e-9)
    slope = sympy.diff(folded, X)
    assert reading.left_slope == pytest.approx(one_sided(slope, hole, "-"), abs=1e-9)
    assert reading.right_slope == pytest.approx(one_sided(slope, hole, "+"), abs=1e-9)


def test_zero_to_the_zero_is_undefined(engine):
    """x⁰ is 1 wherever x ≠ 0; 0⁰ is left undefined, as the student typed a power of 0."""
    function = parse("x^0")
    assert engine.probe(function, 0.0).kind is PointKind.UNDEFINED
    reading = engine.probe(function, 2.0)
    assert reading.kind is PointKind.SMOOTH and reading.values[:2] == (1.0, 0.0)


def test_a_hole_at_a_transcendental_point_is_seen_to_within_rounding(engine):
    """sin(x)/sin(x) at the double nearest π: sin is 1.2·10⁻¹⁶ there, but π, where sympy says sin
    is 0, is as near as x can be told apart."""
    assert sympy.sin(sympy.pi) == 0
    reading = engine.probe(parse("sin(x)/sin(x)"), math.pi, order=1)
    assert reading.kind is PointKind.UNDEFINED
    assert reading.left_value == pytest.approx(1.0) and reading.right_value == pytest.approx(1.0)


@pytest.mark.parametrize(("text", "formula"), [
    ("x/x", lambda x: x / x),
    ("sqrt(x)sqrt(x)", lambda x: sqrt(x) * sqrt(x)),
    ("ln(x) - ln(x)", lambda x: log(x) - log(x)),
    ("sin(arcsin x)", lambda x: mpmath.sin(asin(x))),
    ("x^2/x", lambda x: x**2 / x),
])
def test_the_sampled_curve_keeps_the_typed_domain(engine, text, formula):
    curves = engine.sample(parse(text), -2.0, 2.0, 9, 1)  # samples −2, −1.5, …, 2
    for x, value, slope in zip(curves.x, curves.values[0], curves.values[1]):
        truth = typed_value(formula, float(x))
        if truth is None:
            assert np.isnan(value) and np.isnan(slope), (text, x)
        else:
            assert value == pytest.approx(truth, rel=1e-12, abs=1e-12), (text, x)


def test_a_parameter_in_a_folded_denominator_keeps_its_condition(engine):
    """a/a·x is x for a ≠ 0 and nothing at all for a = 0."""
    function = parse("a/a*x")
    assert engine.probe(function, 1.0, params={"a": 0.0}).kind is PointKind.UNDEFINED
    assert engine.probe(function, 1.0, params={"a": 2.0}).value == 1.0
