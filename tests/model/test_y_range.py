"""The automatic y-range of curves drawn together: poles cut, smooth curves whole, f's shape kept."""

import math

import numpy as np
import pytest

from explorer.model.y_range import robust_y_range


def test_y_range_of_tan_ignores_the_poles():
    x = np.linspace(-5, 5, 4000)
    lo, hi = robust_y_range(np.tan(x))
    assert -40 < lo < -5 and 5 < hi < 40


def test_y_range_shows_all_of_a_smooth_curve():
    x = np.linspace(-4, 4, 801)
    for values in (x**3, np.exp(x), x**10 / 100):
        lo, hi = robust_y_range(values)
        assert lo < values.min() and hi > values.max()
        assert hi - lo < 1.2 * (values.max() - values.min())


def test_y_range_ignores_nan_and_infinities():
    lo, hi = robust_y_range(np.array([np.nan, -np.inf, 0.0, 1.0, 2.0, np.inf]))
    assert lo < 0 < 2 < hi and hi - lo < 3


def test_y_range_of_a_constant_and_of_nothing():
    assert robust_y_range(np.full(10, 5.0)) == (4.0, 6.0)
    assert robust_y_range(np.full(3, np.nan)) == (-1.0, 1.0)


def test_y_range_takes_several_rows():
    x = np.linspace(-1, 1, 201)
    lo, hi = robust_y_range(np.stack([x, 10 * x]))
    assert lo < -10 and hi > 10


def test_the_quantiles_behind_the_y_range_are_numpys_to_the_last_bit():
    from explorer.model.y_range import _quantiles_and_ends

    rng = np.random.default_rng(3)
    for n in [1, 2, 3, 7, 20, 801, 2268, 6804]:
        for data in (rng.normal(size=n), np.tan(rng.uniform(-5, 5, n)), np.round(rng.normal(size=n), 1)):
            quantiles, lo, hi = _quantiles_and_ends(data, (0.05, 0.95))
            assert quantiles == np.quantile(data, [0.05, 0.95]).tolist()
            assert (lo, hi) == (data.min(), data.max())


# The default view and its grids: a 756 px plot samples 2268 points, an odd width an odd count
# (the grid then has a sample at x = 0, or within rounding of it).
DEFAULT_VIEW_GRIDS = (2268, 801)


@pytest.fixture(scope="module")
def engine():
    from explorer.model import Engine

    return Engine()


def _samples(engine, text: str, samples: int = 2268) -> np.ndarray:
    """f and f′ on the default view (−4, 4): one row each."""
    from explorer.model import parse

    return engine.sample(parse(text), -4.0, 4.0, samples, 1).values


def _overlay_range(engine, text: str, samples: int = 2268) -> tuple[float, float]:
    """The automatic range of f and f′ drawn together, as the window asks for it (explorer/app/jobs.py)."""
    return robust_y_range(_samples(engine, text, samples)[[0, 1]])


@pytest.mark.parametrize("samples", DEFAULT_VIEW_GRIDS)
@pytest.mark.parametrize("text", ["1/x", "tan x"])
def test_an_odd_function_with_poles_gets_a_symmetric_range_beside_its_derivative(engine, text, samples):
    """f′ (−1/x², sec²x) runs off to one side only; pooled with f it pulled the window to that side
    (1/x: −11.7 to 4.4, tan x: −12.8 to 40). f's own window holds, symmetric as f's values are."""
    lo, hi = _overlay_range(engine, text, samples)
    assert abs(lo + hi) <= 0.02 * (hi - lo), (lo, hi)
    assert 3 < hi < 10


@pytest.mark.parametrize("samples", DEFAULT_VIEW_GRIDS)
def test_a_derivatives_pole_shows_it_as_far_below_the_axis_as_f_reaches_above(engine, samples):
    """1/x² (above the axis, one pole) with f′ = −2/x³ (poles both ways): f′'s branch below the
    axis is shown as far down as 1/x² goes up."""
    alone = robust_y_range(_samples(engine, "1/x^2", samples)[0])
    lo, hi = _overlay_range(engine, "1/x^2", samples)
    assert alone[0] > -2 and hi == pytest.approx(alone[1], rel=0.05)
    assert lo == pytest.approx(-hi, rel=0.02)


@pytest.mark.parametrize("text, low, high", [("x^3", -64, 64), ("e^x", math.exp(-4), math.exp(4)), ("x^2", -8, 16)])
def test_curves_without_poles_are_shown_whole_with_their_derivative(engine, text, low, high):
    """x³, eˣ and x² with f′: every value of both curves is in the window, with 5% margins at most."""
    lo, hi = _overlay_range(engine, text)
    assert lo < low and hi > high
    assert hi - lo < 1.11 * (high - low) + 1e-9


def test_ln_keeps_its_shape_and_its_derivative_is_seen_above_it(engine):
    """ln x runs off downwards: cut there, whole above (ln 4); 1/x (f′) then reaches up as far as
    ln x reaches down, as a curve with a pole of its own would."""
    (lo_f, hi_f), (lo, hi) = robust_y_range(_samples(engine, "ln x")[0]), _overlay_range(engine, "ln x")
    assert -10 < lo_f < -4 and math.log(4) < hi_f < 2
    assert lo == pytest.approx(lo_f, rel=0.05) and 4 < hi <= -lo


def test_one_huge_value_cannot_ruin_the_range_of_curves_drawn_together():
    x = np.linspace(-4, 4, 801)
    rows = np.stack([np.sin(x), np.cos(x)])
    rows[1, 400] = 1e300
    lo, hi = robust_y_range(rows)
    assert -1.2 < lo < -0.9 and 0.9 < hi < 1.2
