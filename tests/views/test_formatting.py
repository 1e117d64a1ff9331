"""Readout text: numbers as a student reads them, and an honest sentence for every kind of point."""

import math

import numpy as np
import pytest

from explorer.model.readings import PointKind, PointReading
from explorer.views.formatting import caption_text, readout_summary, slope_sentence, tangent_equation, tangent_sentence
from explorer.views.tangent_tool import tangent_path


@pytest.mark.parametrize("x0, y0, m, text", [
    (2, 145, 233, "\u2113(x) = 233x \u2212 321"), (1, -2, 0, "\u2113(x) = \u22122"), (0, 0, 1, "\u2113(x) = x"),
    (1, 1, -1, "\u2113(x) = \u2212x + 2"), (0, 0, 0, "\u2113(x) = 0"),
])
def test_tangent_equation(x0, y0, m, text):
    assert tangent_equation(x0, y0, m) == text


def reading(kind, x=0.0, values=(0.0, math.nan), left=math.nan, right=math.nan, partials=None):
    return PointReading(x, tuple(values), kind, left, right, partials or {})


def test_every_kind_of_point_gets_its_own_sentence_and_never_a_made_up_slope():
    corner = reading(PointKind.CORNER, left=-1.0, right=1.0)
    assert slope_sentence(corner) == "f\u2032(0) does not exist: left \u22121, right 1"
    assert tangent_sentence(corner).startswith("Half-tangents: \u2113(x) = \u2212x (left), \u2113(x) = x (right)")
    assert "vertical tangent x = 0" in slope_sentence(reading(PointKind.VERTICAL, left=math.inf, right=math.inf))
    assert "cusp" in slope_sentence(reading(PointKind.CUSP, left=-math.inf, right=math.inf))
    assert tangent_sentence(reading(PointKind.CUSP)) == "Tangent: x = 0"
    undefined = reading(PointKind.UNDEFINED, x=-1.0, values=(math.nan, math.nan))
    assert slope_sentence(undefined) == "f(\u22121) is undefined: no tangent here"
    assert tangent_sentence(undefined) == "Tangent: none"
    f_there_slope_not = reading(PointKind.UNDEFINED, x=-1.0, values=(2.0, math.nan))
    assert slope_sentence(f_there_slope_not) == "f\u2032(\u22121) is undefined: no tangent here"
    assert "jumps" in slope_sentence(reading(PointKind.DISCONTINUOUS, x=1.0, values=(1.0, math.nan)))
    smooth = reading(PointKind.SMOOTH, x=2.0, values=(145.0, 233.0))
    assert slope_sentence(smooth) == "f\u2032(2) = 233"
    assert readout_summary(smooth) == "x\u2080 = 2   f(2) = 145   f\u2032(2) = 233"


def test_tangent_paths_cross_the_view_and_follow_the_engine_s_verdict():
    view = ((-4.0, 4.0), (-10.0, 10.0))
    xs, ys = tangent_path(reading(PointKind.SMOOTH, x=1.0, values=(-2.0, 3.0)), *view)
    assert xs[0] < -4 and xs[-1] > 4
    np.testing.assert_allclose(ys, -2.0 + 3.0 * (xs - 1.0))
    xs, ys = tangent_path(reading(PointKind.CORNER, left=-1.0, right=2.0), *view)
    assert list(xs[1:2]) == [0.0] and ys[0] == pytest.approx(-xs[0]) and ys[2] == pytest.approx(2 * xs[2])
    xs, ys = tangent_path(reading(PointKind.VERTICAL, left=math.inf, right=math.inf), *view)
    assert list(xs) == [0.0, 0.0] and ys[0] < -10 and ys[1] > 10
    for kind in (PointKind.UNDEFINED, PointKind.DISCONTINUOUS):
        assert len(tangent_path(reading(kind, values=(1.0, math.nan)), *view)[0]) == 0


def test_caption_text_names_the_function_parameters_and_slope():
    reading = PointReading(x=1.0, values=(math.tan(1.0), 1 / math.cos(1.0) ** 2), kind=PointKind.SMOOTH)
    text = caption_text("a tan x", reading, {"a": 2.0})
    assert "f(x) = a tan x" in text and "a = 2" in text and "1.55741" in text and "3.42552" in text


def test_a_partial_is_said_like_the_slope():
    from explorer.views.formatting import partial_sentence

    ordinary = PointReading(x=1.0, values=(1.0, 1.0), kind=PointKind.SMOOTH, partials={"a": 2.5})
    assert partial_sentence(ordinary, "a") == "\u2202f/\u2202a = 2.5"
    corner = PointReading(x=1.0, values=(0.0, 0.0), kind=PointKind.SMOOTH, partials={"a": math.nan},
                          partial_kinds={"a": PointKind.CORNER}, partial_sides={"a": (-1.0, 1.0)})
    assert partial_sentence(corner, "a") == "\u2202f/\u2202a does not exist here (left \u22121, right 1)"
    cusp = PointReading(x=1.0, values=(0.0, 0.0), kind=PointKind.SMOOTH, partials={"a": math.nan},
                        partial_kinds={"a": PointKind.CUSP}, partial_sides={"a": (-math.inf, math.inf)})
    assert partial_sentence(cusp, "a") == "\u2202f/\u2202a does not exist here (left \u2212\u221e, right \u221e)"


def test_an_undecided_slope_is_said_to_be_undecided():
    undecided = PointReading(x=0.0, values=(0.0, math.nan), kind=PointKind.SMOOTH, undecided="too slow")
    assert slope_sentence(undecided) == "f\u2032(0) could not be decided: too slow"


def test_a_value_beyond_double_precision_is_said_to_be_so_not_undefined():
    """e^x at 800 is 2.72637×10³⁴⁷ (mpmath), f′ too: the readout says how large, never "undefined"."""
    import mpmath

    from explorer.views.formatting import value_line

    with mpmath.workdps(30):
        text = mpmath.nstr(mpmath.exp(800), 6)
    reading = PointReading(x=800.0, values=(math.nan, math.nan), kind=PointKind.UNDEFINED,
                           beyond={0: text, 1: text})
    large = "\u2248 2.72637\u00d710\u00b3\u2074\u2077 (beyond double precision)"
    assert value_line("f(800)", reading, 0) == f"f(800) {large}"
    assert slope_sentence(reading) == f"f\u2032(800) {large}"
    far = PointReading(x=1e-300, values=(1e300, math.nan), kind=PointKind.SMOOTH, beyond={1: "-1.0e+600"})
    assert slope_sentence(far).endswith("\u2248 \u22121\u00d710\u2076\u2070\u2070 (beyond double precision)")
    nowhere = PointReading(x=0.0, values=(math.nan,), kind=PointKind.UNDEFINED)
    assert value_line("f(0)", nowhere, 0) == "f(0) = undefined"
