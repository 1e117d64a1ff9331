"""Difference quotients (model/secant.py) against truth computed with mpmath at 40 digits."""

import math

import mpmath
import numpy as np
import pytest

from explorer.model import Engine, PointKind, parse
from explorer.model.secant import (
    EPSILON,
    ERROR_PLOT_H,
    difference_quotients,
    secant_reading,
    secant_readings,
    theoretical_best_h,
)

mpmath.mp.dps = 40


@pytest.fixture(scope="module")
def engine():
    return Engine(device="cpu", fuse=False, threads=1)


def _loglog_slope(h, values) -> float:
    return float(np.polyfit(np.log10(h), np.log10(values), 1)[0])


def test_forward_error_of_sin_at_1_is_h_sin1_over_2(engine):
    hs = 10.0 ** -np.arange(2, 7)  # 10⁻² … 10⁻⁶
    _, rows = difference_quotients(engine, parse("sin x"), 1.0, hs)
    exact = mpmath.cos(1)
    for row in rows:
        error = abs(mpmath.mpf(row.forward) - exact)
        expected = mpmath.sin(1) * row.h / 2
        assert abs(error / expected - 1) < 0.10, (row.h, error, expected)


def test_central_error_of_sin_at_1_falls_like_h_squared(engine):
    hs = 10.0 ** -np.linspace(1, 4, 13)  # 10⁻¹ … 10⁻⁴
    _, rows = difference_quotients(engine, parse("sin x"), 1.0, hs)
    exact = mpmath.cos(1)
    errors = [float(abs(mpmath.mpf(row.central) - exact)) for row in rows]
    assert _loglog_slope(hs, errors) == pytest.approx(2.0, abs=0.1)


def test_quotients_are_the_plain_formulas_on_floats(engine):
    """forward = (f(A+H) − f(A))/H on the floats A+H the engine evaluates at (truth: mpmath's f there)."""
    x0 = 0.7
    hs = [0.5, 1e-3, -1e-2]
    f0, rows = difference_quotients(engine, parse("exp(x) sin(3x)"), x0, hs)

    def f(x):
        x = mpmath.mpf(x)
        return mpmath.exp(x) * mpmath.sin(3 * x)

    assert f0 == pytest.approx(float(f(x0)), rel=1e-14)
    for h, row in zip(hs, rows, strict=True):
        plus, minus = f(x0 + h), f(x0 - h)  # x0 ± h rounded to a float, as the engine's points are
        assert row.forward == pytest.approx(float((plus - f(x0)) / h), rel=1e-9)
        assert row.backward == pytest.approx(float((f(x0) - minus) / h), rel=1e-9)
        assert row.central == pytest.approx(float((plus - minus) / (2 * h)), rel=1e-9)


def test_best_h_of_sin_at_1_is_within_a_factor_10_of_theory(engine):
    reading = secant_reading(engine, parse("sin x"), 1.0, 1e-3)
    assert reading.best_h_found
    forward, central = reading.best_h
    assert math.sqrt(EPSILON) / 10 <= forward <= math.sqrt(EPSILON) * 10
    assert EPSILON ** (1 / 3) / 10 <= central <= EPSILON ** (1 / 3) * 10


def test_theory_scales_with_x0():
    assert theoretical_best_h(1000.0) == pytest.approx((1000 * math.sqrt(EPSILON), 1000 * EPSILON ** (1 / 3)))
    assert theoretical_best_h(0.001) == theoretical_best_h(1.0)


def test_abs_at_0_is_a_corner_with_quotients_1_and_minus_1(engine):
    _, rows = difference_quotients(engine, parse("abs(x)"), 0.0, ERROR_PLOT_H)
    assert all(row.forward == 1.0 and row.backward == -1.0 and row.central == 0.0 for row in rows)
    reading = secant_reading(engine, parse("abs(x)"), 0.0, 1e-3)
    assert reading.kind is PointKind.CORNER
    assert (reading.left_slope, reading.right_slope) == (-1.0, 1.0)
    assert math.isnan(reading.derivative)
    assert not reading.best_h_found and reading.best_h == theoretical_best_h(0.0)


def test_cube_root_at_0_is_vertical_and_its_quotient_grows_like_h_to_minus_two_thirds(engine):
    _, rows = difference_quotients(engine, parse("x^(1/3)"), 0.0, ERROR_PLOT_H)
    hs = np.array([row.h for row in rows])
    forward = np.array([row.forward for row in rows])
    assert np.all(forward > 0)
    assert _loglog_slope(hs, forward) == pytest.approx(-2 / 3, abs=0.05)
    reading = secant_reading(engine, parse("x^(1/3)"), 0.0, 1e-3)
    assert reading.kind is PointKind.VERTICAL
    assert reading.forward_growth == pytest.approx(-2 / 3, abs=0.05)
    assert reading.backward_growth == pytest.approx(-2 / 3, abs=0.05)


def test_cusp_quotients_grow_with_opposite_signs(engine):
    reading = secant_reading(engine, parse("x^(2/3)"), 0.0, 1e-4)
    assert reading.kind is PointKind.CUSP
    assert reading.quotients.forward > 0 > reading.quotients.backward
    assert reading.forward_growth == pytest.approx(-1 / 3, abs=0.05)


def test_at_a_jump_the_one_sided_quotient_grows_like_one_over_h(engine):
    reading = secant_reading(engine, parse("floor(x)"), 1.0, 1e-3)
    assert reading.kind is PointKind.DISCONTINUOUS
    assert reading.quotients.forward == 0.0 and reading.quotients.backward == pytest.approx(1000.0)
    assert reading.backward_growth == pytest.approx(-1.0, abs=0.01)
    assert math.isnan(reading.forward_growth)


def test_outside_the_domain_every_quotient_is_undefined(engine):
    reading = secant_reading(engine, parse("ln x"), -1.0, 1e-3)
    assert reading.kind is PointKind.UNDEFINED
    q = reading.quotients
    assert all(math.isnan(value) for value in (q.forward, q.backward, q.central, reading.f0))
    assert reading.line(-2.0, 2.0) is None


def test_a_quadratic_central_error_is_exactly_zero_at_h_1(engine):
    reading = secant_reading(engine, parse("x^2"), 1.0, 1.0)
    assert reading.quotients.central == 2.0
    assert reading.central_error[0] == 0.0  # drawn at the plot's floor, not lost
    assert reading.forward_error[0] == pytest.approx(1.0)


def test_error_plot_has_17_points_from_1_to_1e_minus_16(engine):
    reading = secant_reading(engine, parse("sin x"), 1.0, 1e-3)
    assert reading.plot_h == tuple(10.0 ** -k for k in range(17))
    exact = mpmath.cos(1)
    _, rows = difference_quotients(engine, parse("sin x"), 1.0, reading.plot_h)
    for row, error in zip(rows, reading.forward_error, strict=True):
        assert error == pytest.approx(float(abs(mpmath.mpf(row.forward) - exact)), rel=1e-6, abs=1e-17)


def test_secant_line_passes_through_p_and_q(engine):
    reading = secant_reading(engine, parse("x^3"), 1.0, 0.5)
    (xa, ya), (xb, yb) = reading.line(-3.0, 3.0)
    slope = (yb - ya) / (xb - xa)
    assert slope == pytest.approx(float((mpmath.mpf(1.5) ** 3 - 1) / mpmath.mpf(0.5)), rel=1e-12)
    assert ya + slope * (1.0 - xa) == pytest.approx(1.0)
    assert reading.q_point == (1.5, pytest.approx(3.375))


def test_a_batch_answers_as_points_one_by_one(engine):
    function = parse("sin(a x) + abs(x - 1)")
    xs = [0.0, 0.5, 1.0, 2.5]
    params = {"a": 2.0}
    readings = engine.probe_many(function, xs, params=params)
    batch = secant_readings(engine, function, readings, -1e-4, params)
    for x, got in zip(xs, batch, strict=True):
        alone = secant_reading(engine, function, x, -1e-4, params)
        assert repr(got) == repr(alone)  # NaN fields: compared as written
    assert batch[2].kind is PointKind.CORNER


def test_one_point_with_an_h_per_reading_is_a_q_drag_read_ahead(engine):
    """Many h at one x₀ in one batch (a drag of Q read ahead): each reading has its own h and
    quotients (mpmath's), and shares the error plot, which does not depend on h."""
    function = parse("e^x")
    reading = engine.probe(function, 0.5, order=1)
    hs = [0.25, -0.125, 1e-3]
    batch = secant_readings(engine, function, [reading] * len(hs), hs)
    for h, secant in zip(hs, batch, strict=True):
        assert secant.h == secant.quotients.h == h
        exact = (mpmath.exp(mpmath.mpf(0.5) + mpmath.mpf(h)) - mpmath.exp(mpmath.mpf(0.5))) / mpmath.mpf(h)
        assert secant.quotients.forward == pytest.approx(float(exact), rel=1e-12)
        assert secant.q_point[0] == 0.5 + h
        assert secant.forward_error == batch[0].forward_error and secant.best_h == batch[0].best_h
