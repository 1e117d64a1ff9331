"""The feature search against independent truth on a battery of functions: every feature found, to
1e-12 (relative, absolute near 0), with exactly its kinds; nothing else reported.

Smooth features come from sympy/mpmath (feature_truth.py); special points are written here by hand,
with their exact x, from the mathematics of each function.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pytest
import sympy

from explorer.model import Engine, parse
from explorer.model.features.search import find_features
from tests.model.feature_truth import X, smooth_features

pi = sympy.pi


@dataclass(frozen=True)
class Case:
    text: str
    source: str                 # the same function in sympy's syntax, for the truth
    interval: tuple[float, float]
    #: exact x (sympy) -> kinds, for the special points (and anything the automatic truth cannot see)
    special: dict = field(default_factory=dict)
    params: dict = field(default_factory=dict)
    #: False where every feature is written in `special` (stretches, floor: no solve to speak of)
    smooth: bool = True


CASES = [
    # polynomials: close, repeated and touching roots
    Case("x^2", "x**2", (-3, 3)),
    Case("x^3 - 3x", "x**3 - 3*x", (-3, 3)),
    Case("x^4", "x**4", (-2, 2)),
    Case("x^3", "x**3", (-2, 2)),
    Case("(x - 1)^2 (x + 2)", "(x - 1)**2*(x + 2)", (-4, 4)),
    Case("(x - 1)(x - 1.001)", "(x - 1)*(x - Rational(1001, 1000))", (-4, 4)),
    Case("3x^2 + 6x - 2", "3*x**2 + 6*x - 2", (-4, 4)),
    Case("x^5 - 4x^3 + x", "x**5 - 4*x**3 + x", (-3, 3)),
    Case("(x + 1)^3 (x - 2)", "(x + 1)**3*(x - 2)", (-3, 3)),
    Case("x^4 - 2x^2", "x**4 - 2*x**2", (-2, 2)),
    Case("(2x - 1)^2", "(2*x - 1)**2", (-1, 2)),
    Case("(x - 0.3)(x - 0.3005)(x + 2)", "(x - Rational(3, 10))*(x - Rational(601, 2000))*(x + 2)", (-3, 2)),
    # trigonometry, with asymptotes
    Case("sin(x)", "sin(x)", (-4, 4)),
    Case("cos(2x)", "cos(2*x)", (-3, 3)),
    Case("tan(x)", "tan(x)", (-3, 3), {-pi / 2: {"asymptote"}, pi / 2: {"asymptote"}}),
    Case("sin(x)^2", "sin(x)**2", (-1, 4)),
    Case("x sin(x)", "x*sin(x)", (-5, 5)),
    Case("sec(x)", "sec(x)", (-3, 3), {-pi / 2: {"asymptote"}, pi / 2: {"asymptote"}}),
    Case("sin(x) + cos(x)", "sin(x) + cos(x)", (-4, 4)),
    Case("cot(x)", "cot(x)", (0.5, 6), {pi: {"asymptote"}}),
    # exponentials and logarithms
    Case("e^(-x^2)", "exp(-x**2)", (-3, 3)),
    Case("x e^(-x)", "x*exp(-x)", (-1, 5)),
    Case("ln(x)", "log(x)", (-1, 4), {0: {"asymptote"}}),
    Case("x ln(x)", "x*log(x)", (-1, 3), {0: {"domain_edge"}}),
    Case("ln(x^2 + 1)", "log(x**2 + 1)", (-3, 3)),
    Case("e^x - 2", "exp(x) - 2", (-2, 2)),
    Case("x^2 e^(-x)", "x**2*exp(-x)", (-1, 6)),
    # rational functions: holes and poles
    Case("1/x", "1/x", (-4, 4), {0: {"asymptote"}}),
    Case("sin(x)/x", "sin(x)/x", (-4, 4), {0: {"hole"}}),
    Case("(x^2 - 2x)/(x - 2)", "(x**2 - 2*x)/(x - 2)", (-4, 4), {2: {"hole"}}),
    Case("x/(x - 2)", "x/(x - 2)", (-4, 4), {2: {"asymptote"}}),
    Case("(x^2 - 1)/(x^2 + 1)", "(x**2 - 1)/(x**2 + 1)", (-3, 3)),
    Case("1/(x^2 - 1)", "1/(x**2 - 1)", (-3, 3), {-1: {"asymptote"}, 1: {"asymptote"}}),
    Case("(x^2 - 1)/(x - 1)", "(x**2 - 1)/(x - 1)", (-3, 3), {1: {"hole"}}),
    Case("1/(1 + x^2)", "1/(1 + x**2)", (-3, 3)),
    Case("1/(x - 1)^2", "1/(x - 1)**2", (-1, 3), {1: {"asymptote"}}),
    # roots and kinks
    Case("abs(x)", "Abs(x)", (-3, 3), {0: {"zero", "minimum", "corner"}}),
    Case("abs(3x - 1)", "Abs(3*x - 1)", (-2, 2), {sympy.Rational(1, 3): {"zero", "minimum", "corner"}}),
    # concave down between −2 and 2, up outside: the corners are inflections too
    Case("abs(x^2 - 4)", "Abs(x**2 - 4)", (-3, 3),
         {-2: {"zero", "minimum", "corner", "inflection"}, 2: {"zero", "minimum", "corner", "inflection"}}),
    Case("x^(1/3)", "cbrt(x)", (-2, 2), {0: {"zero", "inflection", "vertical_tangent"}}, smooth=False),
    Case("x^(2/3)", "cbrt(x)**2", (-2, 2), {0: {"zero", "minimum", "cusp"}}, smooth=False),
    Case("sqrt(x)", "sqrt(x)", (-1, 4), {0: {"zero", "minimum", "vertical_tangent", "domain_edge"}}),
    Case("sqrt(1 - x^2)", "sqrt(1 - x**2)", (-2, 2),
         {-1: {"zero", "minimum", "vertical_tangent", "domain_edge"},
          1: {"zero", "minimum", "vertical_tangent", "domain_edge"}}),
    Case("x abs(x)", "x*Abs(x)", (-2, 2), {0: {"zero", "inflection"}}, smooth=False),
    Case("abs(x) + abs(x - 2)", "Abs(x) + Abs(x - 2)", (-1, 3), {0: {"corner"}, 2: {"corner"}}, smooth=False),
    # floor
    Case("floor(x) + 0.5", "floor(x) + 1/2", (-2.5, 2.5), {k: {"jump"} for k in (-2, -1, 0, 1, 2)}, smooth=False),
    # a parameter
    Case("a x^2 + b x + c", "x**2 - 2*x + 1", (-2, 3), params={"a": 1.0, "b": -2.0, "c": 1.0}),
]


@pytest.fixture(scope="module")
def engine():
    return Engine(device="cpu", threads=1)


def _truth(case: Case) -> dict[float, set[str]]:
    expected = {float(x): set(kinds) for x, kinds in case.special.items()}
    if case.smooth:
        expr = sympy.parse_expr(case.source, local_dict={"x": X})
        for x, kinds in smooth_features(expr, *case.interval, list(expected)).items():
            expected.setdefault(x, set()).update(kinds)
    return expected


def test_the_battery_is_big_enough():
    assert len(CASES) >= 40


@pytest.mark.parametrize("case", CASES, ids=[c.text for c in CASES])
def test_every_feature_found_and_nothing_else(engine, case):
    expected = _truth(case)
    found = find_features(engine, parse(case.text), *case.interval, params=case.params or None).features
    assert [f.x for f in found] == sorted(f.x for f in found)
    got = {f.x: {k.value for k in f.kinds} for f in found}
    missed = [x for x in expected if not any(abs(x - y) <= 1e-12 * max(1.0, abs(x)) for y in got)]
    spurious = [y for y in got if not any(abs(x - y) <= 1e-12 * max(1.0, abs(x)) for x in expected)]
    assert not missed and not spurious, (missed, spurious, got)
    for x, kinds in expected.items():
        y = next(y for y in got if abs(x - y) <= 1e-12 * max(1.0, abs(x)))
        assert got[y] == kinds, (x, got[y], kinds)


def test_values_and_slopes_where_f_exists(engine):
    corner = find_features(engine, parse("abs(3x - 1)"), -2, 2).features[0]
    assert corner.y == pytest.approx(0.0, abs=1e-15)
    assert (corner.left_slope, corner.right_slope) == pytest.approx((-3.0, 3.0))
    hole = find_features(engine, parse("sin(x)/x"), -4, 4).features
    at_zero = next(f for f in hole if abs(f.x) < 1e-12)
    assert at_zero.y is None and at_zero.limit == pytest.approx(1.0)
    cusp = find_features(engine, parse("x^(2/3)"), -2, 2).features[0]
    assert (cusp.left_slope, cusp.right_slope) == (-math.inf, math.inf)
