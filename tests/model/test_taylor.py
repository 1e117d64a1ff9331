"""Taylor polynomials by Taylor-mode arithmetic (model/taylor/): coefficients against sympy's series,
evaluated at 40 digits, against the engine's own nested autograd for orders up to 6; non-smooth
points with their one-sided polynomials; the radius estimate; Tₙ and the tolerance interval."""

import math

import mpmath
import numpy as np
import pytest
import sympy

from explorer.model import Engine, parse
from explorer.model.program.lowering import lower
from explorer.model.taylor import TaylorKind, TaylorRequest
from explorer.model.taylor.curve import taylor_curve

X = sympy.Symbol("x")
DEGREE = 20


@pytest.fixture(scope="module")
def engine():
    return Engine(device="cpu")


def truth(expr, x0, degree=DEGREE):
    """c_k = f⁽ᵏ⁾(x₀)/k!: from sympy's series at 0, each coefficient evaluated at 40 digits; elsewhere
    (sympy's series of tan about 1/2 takes minutes) from mpmath's Taylor coefficients at 60 digits."""
    if x0 == 0:
        series = sympy.series(expr, X, 0, degree + 1).removeO()
        return [float(sympy.N(series.coeff(X, k), 40)) for k in range(degree + 1)]
    with mpmath.workdps(60):
        f = sympy.lambdify(X, expr, "mpmath")
        return [float(c) for c in mpmath.taylor(f, mpmath.mpf(sympy.Rational(x0).p) / sympy.Rational(x0).q, degree)]


def assert_coefficients(got, expected, rel=1e-12):
    scale = max(abs(c) for c in expected)
    for k, (a, b) in enumerate(zip(got, expected, strict=True)):
        assert a == pytest.approx(b, rel=rel, abs=1e-15 * scale), f"c_{k}: {a} vs {b}"


CASES = [
    ("e^x", sympy.exp(X)),
    ("sin x", sympy.sin(X)),
    ("cos x", sympy.cos(X)),
    ("1/(1-x)", 1 / (1 - X)),
    ("ln(1+x)", sympy.log(1 + X)),
    ("atan x", sympy.atan(X)),
    ("tan x", sympy.tan(X)),
]
POINTS = [sympy.Integer(0), sympy.Rational(1, 2), sympy.Rational(-3, 10)]


@pytest.mark.parametrize("text, expr", CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("x0", POINTS, ids=str)
def test_coefficients_match_sympy_series_to_degree_20(engine, text, expr, x0):
    expansion = engine.taylor(parse(text), float(x0), DEGREE)
    assert expansion.kind is TaylorKind.SMOOTH and expansion.left is expansion.right is None
    assert_coefficients(expansion.coefficients, truth(expr, x0))


def test_the_quartic_at_two():
    expansion = Engine(device="cpu").taylor(parse("5x^4 + 3x^3 + 7x^2 + 9x - 5"), 2.0, DEGREE)
    c = expansion.coefficients
    assert c[1] == 233 and c[:5] == tuple(truth(5 * X**4 + 3 * X**3 + 7 * X**2 + 9 * X - 5, 2, 4))
    assert c[5:] == (0.0,) * 16
    assert expansion.radius.value == math.inf


@pytest.mark.parametrize("text, expr, x0", [
    ("sqrt(1 + x^2) * e^(-x)", sympy.sqrt(1 + X**2) * sympy.exp(-X), 0.7),
    ("asin(x/2) + acos(x/3)", sympy.asin(X / 2) + sympy.acos(X / 3), 0.4),
    ("sinh(x) / cosh(2x) + tanh(x)", sympy.sinh(X) / sympy.cosh(2 * X) + sympy.tanh(X), -0.6),
    ("x^x", X**X, 1.5),
    ("2^x + sec(x) + cot(x)", 2**X + sympy.sec(X) + sympy.cot(X), 1.1),
    ("acot(x) + asinh(x) + atanh(x/2)", sympy.acot(X) + sympy.asinh(X) + sympy.atanh(X / 2), 0.8),
])
def test_compositions_match_sympy(engine, text, expr, x0):
    x0 = sympy.Rational(str(x0))
    assert_coefficients(engine.taylor(parse(text), float(x0), 12).coefficients, truth(expr, x0, 12), rel=1e-11)


@pytest.mark.parametrize("text", ["sin(x)^2 * ln(x + 3)", "e^(-x^2) / (2 + cos x)", "x^(5/3) + abs(x - 4)",
                                  "atan(2x) * sqrt(x + 2)", "x^3 - 3x"])
@pytest.mark.parametrize("x0", [0.37, -1.2, 1.9])
def test_orders_to_six_agree_with_nested_autograd(engine, text, x0):
    function = parse(text)
    reading = engine.probe(function, x0, order=6)
    coefficients = engine.taylor(function, x0, 6).coefficients
    for k in range(7):
        assert coefficients[k] == pytest.approx(reading.values[k] / math.factorial(k), rel=1e-10, abs=1e-12)


def test_program_alone_gives_the_same_coefficients(engine):
    function = parse("a sin(b x) + x^2")
    params = {"a": 2.0, "b": 3.0}
    from_program = engine.taylor(lower(function), 0.4, DEGREE, params)
    assert from_program.coefficients == engine.taylor(function, 0.4, DEGREE, params).coefficients
    assert_coefficients(from_program.coefficients, truth((2 * sympy.sin(3 * X) + X**2), sympy.Rational(2, 5)))


def test_linear_term_is_the_tangent_readouts_slope_to_the_bit(engine):
    for text, x0 in [("sin x", 0.3), ("e^(x^2) / (1 + x)", 0.77), ("tan x", 1.2), ("x ln x", 2.5)]:
        function = parse(text)
        reading = engine.probe(function, x0, order=1)
        expansion = engine.taylor(function, x0, 1)
        assert expansion.coefficients[1] == reading.slope and expansion.coefficients[0] == reading.value


@pytest.mark.parametrize("text, x0, kind, left, right", [
    ("abs(x)", 0.0, TaylorKind.CORNER, [0, -1], [0, 1]),
    ("abs(x - 1) + x^2", 1.0, TaylorKind.CORNER, [1, 1, 1], [1, 3, 1]),
    ("sign(x)", 0.0, TaylorKind.DISCONTINUOUS, [-1], [1]),
    ("floor(x)", 2.0, TaylorKind.DISCONTINUOUS, [1], [2]),
    ("sqrt(x)", 0.0, TaylorKind.VERTICAL, None, None),
    ("x^(1/3)", 0.0, TaylorKind.VERTICAL, None, None),
    ("x^(2/3)", 0.0, TaylorKind.CUSP, None, None),
    ("ln(x)", -1.0, TaylorKind.UNDEFINED, None, None),
    ("1/x", 0.0, TaylorKind.UNDEFINED, None, None),
    ("sqrt(x^2)", 0.0, TaylorKind.CORNER, [0, -1], [0, 1]),
])
def test_non_smooth_points_give_one_sided_polynomials(engine, text, x0, kind, left, right):
    expansion = engine.taylor(parse(text), x0, 8)
    assert expansion.kind is kind and expansion.coefficients is None
    for got, expected in ((expansion.left, left), (expansion.right, right)):
        if expected is None:
            assert got is None
        else:
            assert list(got) == pytest.approx(expected + [0] * (9 - len(expected)), abs=1e-14)


def test_a_higher_derivative_breaking_is_said(engine):
    expansion = engine.taylor(parse("abs(x)^3"), 0.0, 5)
    assert expansion.kind is TaylorKind.HIGHER_CORNER and expansion.smooth_degree == 2
    assert expansion.left == (0, 0, 0, -1, 0, 0) and expansion.right == (0, 0, 0, 1, 0, 0)


def test_removable_hole_has_the_same_polynomial_from_both_sides(engine):
    expansion = engine.taylor(parse("sin(x)/x"), 0.0, 10)
    assert expansion.kind is TaylorKind.UNDEFINED  # f(0) itself does not exist, as the readout says
    assert_coefficients(expansion.left, truth(sympy.sin(X) / X, 0, 10))
    assert expansion.right == expansion.left


def test_near_but_not_at_a_corner_is_smooth(engine):
    expansion = engine.taylor(parse("abs(x)"), 1e-9, 4)
    assert expansion.kind is TaylorKind.SMOOTH and expansion.coefficients == (1e-9, 1.0, 0.0, 0.0, 0.0)


@pytest.mark.parametrize("text, x0, radius", [
    ("ln(1+x)", 0.0, 1.0),
    ("1/(1-x)", 0.5, 0.5),
    ("atan x", 0.0, 1.0),
    ("tan x", 0.0, math.pi / 2),
    ("1/(1+x^2)", 0.0, 1.0),
    ("sqrt(4 - x)", 1.0, 3.0),
])
def test_radius_estimate(engine, text, x0, radius):
    estimate = engine.taylor(parse(text), x0, DEGREE).radius
    assert estimate.value == pytest.approx(radius, rel=2e-2)
    assert "estimate" in estimate.note


@pytest.mark.parametrize("text", ["e^x", "sin x", "cos(2x)"])
def test_entire_functions_show_no_finite_radius(engine, text):
    assert engine.taylor(parse(text), 0.5, DEGREE).radius.value == math.inf


def test_no_radius_estimate_from_few_coefficients(engine):
    radius = engine.taylor(parse("ln(1+x)"), 0.0, 3).radius
    assert radius.value is None and radius.note


def test_degree_is_checked():
    with pytest.raises(ValueError, match="degree"):
        TaylorRequest(21)


def test_curve_and_tolerance_interval(engine):
    request = TaylorRequest(1, x_range=(-1.0, 1.0), samples=4001, tolerance=1e-3)
    reading = engine.probe(parse("sin x"), 0.0, params=None, taylor=request)
    curve = reading.taylor.curve
    assert np.allclose(curve.polynomial, curve.x, atol=1e-15)
    assert np.allclose(curve.error, np.abs(np.sin(curve.x) - curve.x), atol=1e-15)
    edge = float(mpmath.findroot(lambda t: t - mpmath.sin(t) - mpmath.mpf("1e-3"), 0.18))
    lo, hi = curve.interval
    assert hi == pytest.approx(edge, abs=5e-4) and lo == pytest.approx(-edge, abs=5e-4)


def test_curve_at_a_corner_draws_each_side(engine):
    expansion = engine.taylor(parse("abs(x)"), 0.0, 3)
    x = np.linspace(-1, 1, 5)
    curve = taylor_curve(expansion, x, np.abs(x), 1e-3)
    assert list(curve.polynomial) == [1.0, 0.5, 0.0, 0.5, 1.0] and curve.interval == (-1.0, 1.0)


def test_readings_read_ahead_carry_their_polynomials(engine):
    function = parse("cos x")
    readings = engine.probe_many(function, [0.1, 0.2, math.nan, 0.3], order=1, taylor=TaylorRequest(4))
    assert readings[2].taylor is None
    for reading in (readings[0], readings[1], readings[3]):
        assert_coefficients(reading.taylor.coefficients, truth(sympy.cos(X), sympy.Rational(str(reading.x)), 4))
