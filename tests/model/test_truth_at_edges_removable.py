"""Issue #19, family 6: near a removable singularity f and its derivatives keep the accuracy bar.

The classic functions of a limits lesson (sin(x)/x, (x − sin x)/x³, (eˣ − 1)/x, (1 − cos x)/x², ln(1 + x)/x,
(x³ − 8)/(x − 2) …) divide two vanishing numbers near their hole, and the typed formula cancels its digits
away there. Truth: sympy's exact derivatives of the formula as typed, evaluated with mpmath at a
working precision (120 digits) that leaves 40 after the formula's own cancellation at 10⁻⁹ from the hole;
the hole's limits from sympy.limit. The bar is the project's (tests/model/test_exact_derivatives.py):
relative 10⁻⁹ for f and f′, 10⁻⁷ above, with an absolute floor where the true value is about 0.
"""

from __future__ import annotations

import math

import mpmath
import numpy as np
import pytest
import sympy

from explorer.model.function import X
from explorer.model.parsing import parse

RTOL = (1e-9, 1e-9, 1e-7, 1e-7, 1e-7, 1e-7, 1e-7)
ATOL = (1e-12, 1e-12, 1e-11, 1e-9, 1e-9, 1e-9, 1e-9)
ORDER = 6
WORKING_DIGITS = 120

a = sympy.Symbol("a", real=True)

#: (text, the same function in sympy, its hole)
FAMILY = [
    ("sin(x)/x", sympy.sin(X) / X, 0),
    ("(x - sin x)/x^3", (X - sympy.sin(X)) / X**3, 0),
    ("(e^x - 1)/x", (sympy.exp(X) - 1) / X, 0),
    ("(1 - cos x)/x^2", (1 - sympy.cos(X)) / X**2, 0),
    ("ln(1 + x)/x", sympy.log(1 + X) / X, 0),
    ("(x^3 - 8)/(x - 2)", (X**3 - 8) / (X - 2), 2),
    ("sin(x - 1)/(x - 1)", sympy.sin(X - 1) / (X - 1), 1),
    ("x/sin(x)", X / sympy.sin(X), 0),
    ("x/(e^x - 1)", X / (sympy.exp(X) - 1), 0),
    ("(x^2 - 4)/(x^2 - 3x + 2)", (X**2 - 4) / (X**2 - 3 * X + 2), 2),
]
DISTANCES = (1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8, 1e-9)


def exact_derivatives(expr: sympy.Expr, order: int = ORDER):
    rows = [expr]
    for _ in range(order):
        rows.append(sympy.diff(rows[-1], X))
    return [sympy.lambdify(X, row, modules="mpmath") for row in rows]


def truth(functions, x: float) -> list[float]:
    with mpmath.workdps(WORKING_DIGITS):
        return [float(f(mpmath.mpf(x))) for f in functions]


def assert_within_bar(values, exact, where: str):
    for k, (value, true) in enumerate(zip(values, exact)):
        allowed = RTOL[k] * abs(true) + ATOL[k]
        assert abs(value - true) <= allowed, f"{where}: f^({k}) = {value!r}, truth {true!r}"


@pytest.mark.parametrize(("text", "expr", "hole"), FAMILY, ids=[case[0] for case in FAMILY])
def test_probe_beside_the_hole_keeps_the_bar_at_every_order(engine, text, expr, hole):
    function, exact = parse(text), exact_derivatives(expr)
    for distance in DISTANCES:
        for x in (hole + distance, hole - distance):
            reading = engine.probe(function, x, order=ORDER)
            assert reading.kind == "smooth", f"{text} at {x!r}: {reading.kind}"
            assert_within_bar(reading.values, truth(exact, x), f"{text} at {x!r}")


@pytest.mark.parametrize(("text", "expr", "hole"), FAMILY, ids=[case[0] for case in FAMILY])
def test_the_hole_stays_a_hole_with_its_limits(engine, text, expr, hole):
    reading = engine.probe(parse(text), float(hole), order=3)
    assert reading.kind == "undefined"
    assert all(math.isnan(v) for v in reading.values)
    limit = float(sympy.limit(expr, X, hole))
    slope = float(sympy.limit(sympy.diff(expr, X), X, hole))
    assert reading.left_value == pytest.approx(limit, rel=1e-12, abs=1e-15)
    assert reading.right_value == pytest.approx(limit, rel=1e-12, abs=1e-15)
    assert reading.left_slope == pytest.approx(slope, rel=1e-9, abs=1e-12)
    assert reading.right_slope == pytest.approx(slope, rel=1e-9, abs=1e-12)


def test_a_hole_at_no_double_is_read_from_its_true_place(engine):
    """sin(x)/(x − π): the typed formula divides by x − (the double nearest π), 1.2·10⁻¹⁶ off; beside
    the hole the series about π itself is used, with x − π kept to all its digits."""
    expr = sympy.sin(X) / (X - sympy.pi)
    function, exact = parse("sin(x)/(x - pi)"), exact_derivatives(expr)
    for distance in DISTANCES:
        for x in (math.pi + distance, math.pi - distance):
            assert_within_bar(engine.probe(function, x, order=ORDER).values, truth(exact, x), f"at {x!r}")
    at_pi = engine.probe(function, math.pi, order=1)
    assert at_pi.kind == "undefined" and at_pi.left_value == at_pi.right_value == pytest.approx(-1.0, abs=1e-15)


def test_a_hole_that_a_slider_moves(engine):
    expr = sympy.sin(X - a) / (X - a)
    exact = exact_derivatives(expr.subs(a, sympy.Rational(3, 2)))
    function = parse("sin(x - a)/(x - a)")
    for distance in (1e-4, 1e-7, -1e-9):
        x = 1.5 + distance
        assert_within_bar(engine.probe(function, x, order=ORDER, params={"a": 1.5}).values, truth(exact, x),
                          f"at {x!r}")
    scaled = exact_derivatives(sympy.sin(3 * X) / X)
    assert_within_bar(engine.probe(parse("sin(a x)/x"), 1e-6, order=ORDER, params={"a": 3.0}).values,
                      truth(scaled, 1e-6), "sin(3x)/x at 1e-6")


@pytest.mark.parametrize(("text", "expr", "hole"), FAMILY, ids=[case[0] for case in FAMILY])
@pytest.mark.parametrize("n", [400, 401, 777])
@pytest.mark.parametrize("half_width", [1e-2, 1e-5])
def test_grid_samples_beside_the_hole_are_never_garbage(engine, text, expr, hole, n, half_width):
    """On a window about the hole (an odd plot width puts the hole on a sample, an even one between
    two): every sample that is drawn keeps the bar, the sample on the hole is missing, and a hole
    between two samples does not break the curve."""
    curves = engine.sample(parse(text), hole - half_width, hole + half_width, n, 3)
    exact = exact_derivatives(expr, 3)
    on_hole = curves.x == hole
    assert np.isnan(curves.values[:, on_hole]).all()
    for i in np.flatnonzero(~on_hole):
        assert_within_bar(curves.values[:, i], truth(exact, float(curves.x[i])), f"{text} at {curves.x[i]!r}")
    if not on_hole.any():
        assert curves.connected[:, :-1].all(), f"{text}: the curve breaks at a hole between samples"


@pytest.mark.parametrize(("text", "expr", "hole"), FAMILY, ids=[case[0] for case in FAMILY])
@pytest.mark.parametrize(("lo", "hi", "n"), [(-4, 4, 1001), (-3e-6, 3e-6, 741), (-1e-3, 1e-3, 999)])
def test_the_curve_drawn_up_to_a_hole_on_a_sample_ends_at_the_limit(engine, text, expr, hole, lo, hi, n):
    """The curve is drawn up to each side of a hole that falls on a sample, from a point just beside
    it (the domain edge's points): those keep the bar too. They were read from the cancelling
    formula: (x − sin x)/x³ dropped to 0 there, (e^x − 1)/x had f′ = 9·10²⁴, drawn as spikes."""
    lo, hi = lo + hole, hi + hole
    curves = engine.sample(parse(text), lo, hi, n, 2)
    if not (curves.x == hole).any():
        pytest.skip("no sample on the hole in this window")
    exact = exact_derivatives(expr, 2)
    beside = np.abs(curves.edges.x - hole) < 1e-6 * max(1.0, abs(hole))
    assert beside.sum() == 2
    for j in np.flatnonzero(beside):
        x = float(curves.edges.x[j])
        assert_within_bar(curves.edges.values[:, j], truth(exact, x), f"{text} beside its hole at {x!r}")


def test_the_series_is_not_used_past_a_kink_beside_the_hole(engine):
    """|x − 0.1| is no term of sin(x)/x's series: beyond 0.1 the typed formula holds."""
    expr = sympy.sin(X) / X + sympy.Abs(X - sympy.Rational(1, 10))
    function, exact = parse("sin(x)/x + |x - 0.1|"), exact_derivatives(expr, 1)
    for x in (0.05, 0.2, 0.5, -0.5, 1e-6):
        assert_within_bar(engine.probe(function, x, order=1).values, truth(exact, x), f"at {x}")


@pytest.mark.parametrize("text", ["1/x", "x/(x - 2)", "1/x^2"])
def test_a_pole_is_no_hole(engine, text):
    expr = parse(text).expr
    point = 2.0 if "2)" in text else 0.0
    exact = exact_derivatives(expr, 3)
    for x in (point + 1e-6, point - 1e-3):
        assert_within_bar(engine.probe(parse(text), x, order=3).values, truth(exact, x), f"{text} at {x}")
    assert engine.probe(parse(text), point, order=1).kind == "undefined"


def taylor_truth(expr, x0: float, degree: int) -> list[float]:
    """c_k = f⁽ᵏ⁾(x0)/k!, from sympy's exact derivatives evaluated at WORKING_DIGITS."""
    rows = exact_derivatives(expr, degree)
    with mpmath.workdps(WORKING_DIGITS):
        return [float(row(mpmath.mpf(x0)) / mpmath.factorial(k)) for k, row in enumerate(rows)]


@pytest.mark.parametrize(("text", "expr", "hole"), FAMILY[:7], ids=[case[0] for case in FAMILY[:7]])
@pytest.mark.parametrize("distance", [1e-3, -1e-5, 1e-7])
@pytest.mark.parametrize("degree", [8, 12])
def test_the_taylor_polynomial_beside_a_hole_keeps_every_coefficient(engine, text, expr, hole, distance, degree):
    """Tₙ at x₀ beside the hole: the typed quotient's own series cancels there (sin(x)/x at 10⁻³ had
    c₈ = −4·10⁷, truth 2.8·10⁻⁶); each coefficient is sympy's f⁽ᵏ⁾(x₀)/k!."""
    x0 = hole + distance
    got = engine.taylor(parse(text), x0, degree).coefficients
    for k, (value, true) in enumerate(zip(got, taylor_truth(expr, x0, degree), strict=True)):
        assert abs(value - true) <= 1e-9 * abs(true) + 1e-15, f"{text} at {x0!r}: c{k} = {value!r}, truth {true!r}"
