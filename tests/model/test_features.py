"""The feature search's promises beyond the battery: stretches, sign charts at the features, exact
forms, the window's own samples and a lowered Program as input."""

from __future__ import annotations

import math

import pytest
import sympy

from explorer.model import Engine, parse
from explorer.model.features.result import FeatureKind as K
from explorer.model.features.result import Sign
from explorer.model.features.search import find_features


@pytest.fixture(scope="module")
def engine():
    return Engine(device="cpu", threads=1)


def test_a_constant_stretch_is_one_stretch_not_extrema(engine):
    found = find_features(engine, parse("abs(x) + abs(x - 2)"), -1, 3)
    assert [(s.x_start, s.x_end, s.y) for s in found.stretches] == [(0.0, 2.0, pytest.approx(2.0))]
    assert [(f.x, f.kinds) for f in found.features] == [(0.0, (K.CORNER,)), (2.0, (K.CORNER,))]
    assert [c.sign for c in found.first] == [Sign.NEGATIVE, Sign.ZERO, Sign.POSITIVE]


def test_sign_charts_change_exactly_at_the_features(engine):
    found = find_features(engine, parse("x^3 - 3x"), -3, 3)
    assert [(c.x_start, c.x_end, c.sign) for c in found.first] == [
        (-3.0, -1.0, Sign.POSITIVE), (-1.0, 1.0, Sign.NEGATIVE), (1.0, 3.0, Sign.POSITIVE)]
    assert [(c.x_start, c.x_end, c.sign) for c in found.second] == [
        (-3.0, 0.0, Sign.NEGATIVE), (0.0, 3.0, Sign.POSITIVE)]


def test_a_corner_ends_a_cell_where_the_slope_does_not_exist(engine):
    found = find_features(engine, parse("abs(x)"), -2, 2)
    assert [(c.sign, c.ends_undefined) for c in found.first] == [(Sign.NEGATIVE, True), (Sign.POSITIVE, False)]
    undefined = find_features(engine, parse("ln(x)"), -1, 4)
    assert undefined.first[0].sign is Sign.UNDEFINED


def test_exact_forms_where_sympy_confirms_them(engine):
    cases = {"abs(3x - 1)": "1/3", "3x^2 + 6x - 2": "-1 + sqrt(15)/3", "tan(x)": "pi/2"}
    for text, form in cases.items():
        exact = [f.exact for f in find_features(engine, parse(text), 0, 2).features]
        assert form in exact, (text, exact)
        x = next(f.x for f in find_features(engine, parse(text), 0, 2).features if f.exact == form)
        assert x == float(sympy.sympify(form))


def test_a_hole_is_not_a_zero_and_an_asymptote_is_never_an_extremum(engine):
    hole = find_features(engine, parse("sin(x)^2/x"), -1, 1).features
    assert [(f.x, f.kinds, f.y, f.limit) for f in hole] == [(0.0, (K.HOLE,), None, pytest.approx(0.0, abs=1e-12))]
    pole = find_features(engine, parse("1/x^2"), -1, 1).features
    assert [(f.x, f.kinds) for f in pole] == [(0.0, (K.ASYMPTOTE,))]


def test_the_windows_samples_and_a_program_give_the_same_features(engine):
    function = parse("x^3 - 3x + sin(4x)")
    curves = engine.sample(function, -2, 2, 1200, 2)
    own = find_features(engine, function, -2, 2, exact=False)
    given = find_features(engine, function.program, -2, 2, curves=curves)
    assert [(f.x, f.kinds) for f in given.features] == pytest.approx([(f.x, f.kinds) for f in own.features])
    assert all(f.exact is None for f in given.features)


def test_a_zero_at_the_end_of_the_interval_is_an_endpoint(engine):
    found = find_features(engine, parse("x - 1"), 1, 3).features
    assert [(f.x, f.endpoint) for f in found] == [(1.0, True)]


def test_parameters_move_the_features(engine):
    found = find_features(engine, parse("a sin(x)"), -1, 4, params={"a": -2.0}).features
    top = next(f for f in found if K.MINIMUM in f.kinds)
    assert top.x == pytest.approx(math.pi / 2, abs=1e-12) and top.y == pytest.approx(-2.0)


def test_bad_intervals_are_refused(engine):
    with pytest.raises(ValueError):
        find_features(engine, parse("x"), 2, 1)


def test_zeros_closer_than_the_grid_and_a_minimum_below_the_axis(engine):
    found = find_features(engine, parse("x^2 - 10^(-14)"), -1, 1).features
    assert [(f.x, f.kinds) for f in found] == [
        (pytest.approx(-1e-7, rel=1e-12), (K.ZERO,)), (0.0, (K.MINIMUM,)), (pytest.approx(1e-7, rel=1e-12), (K.ZERO,))]
