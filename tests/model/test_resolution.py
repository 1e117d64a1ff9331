"""Which segments of a sampled curve change faster than the grid can follow, and the band each
spans (model/resolution.py), checked against what the functions truly do."""

import math

import mpmath
import numpy as np
import pytest

from explorer.model import Engine
from explorer.model.parsing import parse


@pytest.fixture(scope="module")
def engine():
    return Engine(device="cpu")


def test_sin_far_out_spans_minus_one_to_one_in_every_segment(engine):
    """Every grid step of [−6×10⁷, 6×10⁷] at 3,600 samples holds ~5,300 periods: the range is [−1, 1]."""
    curves = engine.sample(parse("sin x"), -6e7, 6e7, 3600, 1)
    assert curves.unresolved is not None
    assert curves.unresolved[:, :-1].all()
    for k in (0, 1):
        assert np.nanmax(curves.low[k, :-1]) <= -0.99 and np.nanmin(curves.high[k, :-1]) >= 0.99
        assert np.nanmin(curves.low[k]) >= -1 - 1e-12 and np.nanmax(curves.high[k]) <= 1 + 1e-12


@pytest.mark.parametrize("n", [2217, 2218, 2190, 2268, 3000, 3333, 1109])
def test_sin_far_out_spans_minus_one_to_one_at_any_grid(engine, n):
    """Every step of [−6×10⁷, 6×10⁷] at n ≤ 3,600 samples is over 5,000 periods long, so sin x and cos x
    take every value of [−1, 1] in it, at any n. At 2,217 samples (a 739 px plot) a step is 17,237π less
    0.0026π, an odd multiple of π: for stretches of a few dozen samples they sit on alternate crests
    and troughs, spanning ±0.99 already, and the waves hidden between them are still the band's."""
    curves = engine.sample(parse("sin x"), -6e7, 6e7, n, 1)
    assert curves.unresolved is not None and curves.unresolved[:, :-1].all()
    for k in (0, 1):
        assert np.nanmax(curves.low[k, :-1]) <= -0.95 and np.nanmin(curves.high[k, :-1]) >= 0.95


def test_dense_poles_make_the_band_reach_far_beyond_any_view(engine):
    """tan 1000x: a pole every π/1000 ≈ 1.4 grid steps of [−4, 4] at 3,600 samples."""
    curves = engine.sample(parse("tan(1000x)"), -4, 4, 3600, 1)
    inner = curves.unresolved[0, 10:-10]
    assert inner.all()
    assert np.nanmax(curves.low[0, 10:-10]) < -1e3 and np.nanmin(curves.high[0, 10:-10]) > 1e3


def test_sin_of_one_over_x_is_unresolved_near_zero_only(engine):
    """sin(1/x) has periods of about 2πx² near x: the line through the samples misses its turns by
    more than a pixel of a 400 px plot only where a period holds fewer than ~40 grid steps."""
    x = np.linspace(-4, 4, 3600)
    curves = engine.sample(parse("sin(1/x)"), -4, 4, 3600, 1)
    marked = x[np.flatnonzero(curves.unresolved[0])]
    step = x[1] - x[0]
    assert len(marked) and np.abs(marked).max() < math.sqrt(40 * step / (2 * math.pi))
    # within the stretch where periods are shorter than a tenth of a step, the band is [−1, 1]
    deep = np.abs(x[:-1]) < math.sqrt(step / 10 / (2 * math.pi))
    assert curves.unresolved[0, :-1][deep].all()
    assert np.nanmax(curves.low[0, :-1][deep]) < -0.95 and np.nanmin(curves.high[0, :-1][deep]) > 0.95


@pytest.mark.parametrize("text", ["x^3 - 3x", "1/x", "tan x", "floor x", "sqrt x", "ln x", "abs(x)",
                                  "sin(20x)", "x^(1/3)"])
def test_curves_the_grid_follows_have_no_band(engine, text):
    assert engine.sample(parse(text), -4, 4, 3600, 2).unresolved is None


def test_a_grid_one_period_and_a_fiftieth_apart_is_no_wave_of_fifty_steps(engine):
    """sin(1000x) sampled every 1.02 periods: the samples alone trace a smooth wave 50 steps long.
    Each step holds a whole period, so each segment's true range is [−1, 1] (mpmath's sin at the
    samples and at the true extremes inside lies in it)."""
    step = 2 * math.pi / 1000 * (1 + 1 / 50)
    curves = engine.sample(parse("sin(1000x)"), 0, 299 * step, 300, 1)
    assert curves.unresolved[0, :-1].all()
    assert np.nanmax(curves.low[0, :-1]) <= -0.98 and np.nanmin(curves.high[0, :-1]) >= 0.98
    truth = np.array([float(mpmath.sin(1000 * mpmath.mpf(float(v)))) for v in curves.x])
    assert (curves.low[0, :-1] <= truth[:-1] + 1e-12).all() and (truth[:-1] - 1e-12 <= curves.high[0, :-1]).all()
