"""A value that exists and fits in float64 is given, where the typed formula would overflow or cancel
in an intermediate (issue family 9): tanh′ at 30 is 3.5·10⁻²⁶ (1 − tanh² cancels to 0), ln(1 + eˣ)
at 800 is 800 (e⁸⁰⁰ overflows), √(x² + 1) at 10²⁰⁰ is 10²⁰⁰ (x² overflows). Each stable form keeps
the values at ordinary points and the domain of the text as typed.

Truth: sympy's exact derivatives of the text as typed, evaluated with mpmath at 1200 digits, so that
the cancellation which defeats float64 (1 − tanh²(300) = 1.06·10⁻²⁶⁰) is far within its digits.
"""

import math

import mpmath
import pytest
import sympy

from explorer.model.engine import Engine
from explorer.model.function import X
from explorer.model.parsing import parse
from explorer.model.readings import PointKind

LARGEST = 1.7976931348623157e308


def exact_values(text: str, x0: float, order: int) -> list[float]:
    """f … f^(order) of `text` at the exact double x0, as floats (±inf beyond double precision)."""
    rows = [parse(text).expr]
    for _ in range(order):
        rows.append(sympy.diff(rows[-1], X))
    with mpmath.workdps(1200):
        return [float(sympy.lambdify(X, row, modules="mpmath")(mpmath.mpf(x0))) for row in rows]


def assert_exact(reading, text, x0, order=3):
    assert reading.kind is PointKind.SMOOTH, reading
    for k, exact in enumerate(exact_values(text, x0, order)):
        got = reading.values[k]
        if abs(exact) <= LARGEST:
            message = f"{text}: f^({k}) at {x0!r}: {got!r}, not {exact!r}"
            assert got == pytest.approx(exact, rel=1e-12, abs=1e-305), message
        else:
            assert math.isnan(got), f"{text}: f^({k}) at {x0!r} is {got!r}, beyond double precision"


STABLE = [
    # tanh: its derivatives from products of e^(−2|x|), not from 1 − tanh²
    ("tanh x", [20.0, 30.0, -30.0, 300.0, -300.0, 1.0, -0.999, 0.5, 1e-10, 0.0]),
    ("tanh(2x)", [15.0, -150.0]),
    ("coth x", [30.0, -40.0]),
    # ln(1 + e^u) as softplus: e^u never overflows
    ("ln(1 + e^x)", [800.0, -800.0, 30.0, -30.0, 0.0, 0.5, 40.0]),
    ("ln(e^x + 1)", [710.0, -710.0]),
    ("ln(1 + e^(2x))", [400.0, -3.0]),
    ("ln(1 + 2^x)", [2000.0, -5.0]),
    # √(u² + c) without u²
    ("sqrt(x^2 + 1)", [1e200, -1e200, 1e10, 0.0, 0.5, -3.0, 1e300]),
    ("sqrt(x^2 + 4)", [1e200, -1e200, 1e8, 1.0, -1.9]),
    ("sqrt(4x^2 + 1)", [1e200, -0.1]),
    ("1/sqrt(x^2 + 1)", [1e200, 2.0]),
    ("(x^2 + 1)^(3/2)", [1e100, -2.0]),
    ("sqrt((x - 1)^2 + 1)", [1e200, 1.0]),
]
CASES = [(text, x0) for text, points in STABLE for x0 in points]


@pytest.mark.parametrize("text, x0", CASES, ids=[f"{t} at {x!r}" for t, x in CASES])
def test_stable_forms_give_the_exact_values(engine, text, x0):
    assert_exact(engine.probe(parse(text), x0, order=3), text, x0)


@pytest.mark.parametrize("text", ["tanh x", "ln(1 + e^x)", "sqrt(x^2 + 1)", "sqrt(x^2 + 4)", "1/sqrt(x^2 + 1)"])
def test_ordinary_grids_keep_their_values(engine, text):
    """On a grid students look at, the stable forms agree with the exact values to rounding."""
    curves = engine.sample(parse(text), -6.0, 6.0, 241, order=2)
    for i in range(0, 241, 8):
        x0 = float(curves.x[i])
        for k, exact in enumerate(exact_values(text, x0, 2)):
            assert curves.values[k, i] == pytest.approx(exact, rel=4e-16 * (1 + 3 * k), abs=1e-300), (text, x0, k)


@pytest.mark.parametrize(("text", "x0"), [
    ("ln(1 + e^(sqrt x))", -1.0),
    ("sqrt(ln(x)^2 + 1)", -1.0),
    ("tanh(sqrt x)", -4.0),
    ("sqrt(asin(x)^2 + 1)", 2.0),
])
def test_a_stable_form_defines_nothing_the_typed_text_leaves_undefined(engine, text, x0):
    reading = engine.probe(parse(text), x0, order=2)
    assert reading.kind is PointKind.UNDEFINED
    assert all(math.isnan(v) for v in reading.values)


def test_beyond_double_precision_only_the_derivative_is_missing():
    """ln x at 10⁻³⁰⁰: f and f′ exist in float64, f″ = −10⁶⁰⁰ and f‴ do not fit; f itself is defined
    (issue family 12)."""
    reading = Engine(device="cpu", fuse=False).probe(parse("ln x"), 1e-300, order=3)
    assert reading.kind is PointKind.SMOOTH
    assert_exact(reading, "ln x", 1e-300)


OVERFLOWING = [
    ("x^3/(x^3 + 1)", [1e110, -1e110, 1e200]),
    ("x^2/(x^2 + 1)", [1e110, 1e160, -1e160]),
    ("(x^3 - 1)/(x^3 + 1)", [1e110]),
    ("x^5/(x^3 + 1)", [1e70]),
    ("x^3/(x^3 + 1) + sin x", [1e110]),
]
OVERFLOW_CASES = [(text, x0) for text, points in OVERFLOWING for x0 in points]


@pytest.mark.parametrize("text, x0", OVERFLOW_CASES, ids=[f"{t} at {x!r}" for t, x in OVERFLOW_CASES])
def test_an_overflowing_intermediate_is_read_again_at_higher_precision(engine, text, x0):
    """x³ overflows float64 at 10¹¹⁰, x³/(x³ + 1) does not: the probe reads the point again in mpmath."""
    assert_exact(engine.probe(parse(text), x0, order=3), text, x0)


@pytest.mark.parametrize(("text", "x0"), [
    ("ln(x^3/(x^3 + 1) - 1)", 1e110),  # the argument is −1/(x³ + 1) < 0: no value, however precise
    ("sqrt(x^3/(x^3 + 1) - 1)", 1e110),
    ("x^4", 1e100),  # 10⁴⁰⁰: beyond double precision, so no value to give
    ("ln x", -1.0),
])
def test_reading_again_invents_no_value(engine, text, x0):
    reading = engine.probe(parse(text), x0, order=2)
    assert reading.kind is PointKind.UNDEFINED
    assert all(math.isnan(v) for v in reading.values)


@pytest.mark.parametrize(("text", "expr", "x", "first"), [
    ("e^x", sympy.exp(X), 800, 0),
    ("x^4", X**4, 10**100, 0),
    ("1/x", 1 / X, 1e-300, 1),
    ("e^(x^2)", sympy.exp(X**2), 26.62, 1),
])
def test_values_beyond_double_precision_are_reported_with_their_size(engine, text, expr, x, first):
    """A value that exists but lies beyond double precision is NaN in `values` (the contract), with its
    decimal text to 6 digits in `beyond`, from the first one beyond up (a missing f⁽ᵏ⁾ hides those
    above it); truth: sympy's derivatives at the double x, 40 digits."""
    reading = engine.probe(parse(text), float(x), order=2)
    assert sorted(reading.beyond) == list(range(first, 3))
    at = sympy.Float(float(x), 40)
    for k in range(3):
        true = sympy.diff(expr, X, k).subs(X, at).evalf(40)
        if k < first:
            assert reading.values[k] == pytest.approx(float(true), rel=1e-12)
        else:
            assert math.isnan(reading.values[k])
            mantissa, exponent = reading.beyond[k].split("e")
            assert abs(sympy.Float(mantissa, 40) * sympy.Integer(10) ** int(exponent) / true - 1) < 1e-5
