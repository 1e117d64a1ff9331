"""Special points judged on plain numbers: one-sided limits and the kind of point."""

import math

import numpy as np
import pytest

from explorer.model.readings import PointKind
from explorer.model.special_points.classification import classify_point, one_sided_limits

H = 10.0 ** -np.arange(2, 10)


def test_converging_sequence_gives_its_limit():
    limit, spread = one_sided_limits(1 + H)
    assert limit == pytest.approx(1.0, abs=1e-8) and spread < 1e-8


def test_constant_sequence_converges_exactly():
    limit, spread = one_sided_limits(np.full(8, -1.0))
    assert limit == -1.0 and spread == 0.0


def test_slow_root_still_converges():
    limit, _ = one_sided_limits(H ** (1 / 9))
    assert math.isfinite(limit) and abs(limit) < 0.2


@pytest.mark.parametrize("sequence, expected", [(1 / H, math.inf), (-1 / H**2, -math.inf), (np.log(H), -math.inf)],
                         ids=["1/h", "-1/h^2", "log h"])
def test_diverging_sequences(sequence, expected):
    assert one_sided_limits(sequence)[0] == expected


def test_oscillating_and_undefined_sequences_have_no_limit():
    assert math.isnan(one_sided_limits(np.sin(1 / H))[0])
    assert math.isnan(one_sided_limits(np.cos(1 / H) / H)[0])  # unbounded, but no sign to diverge to
    assert math.isnan(one_sided_limits(np.full(8, np.nan))[0])


def test_limits_are_vectorised_over_leading_axes():
    stacked = np.stack([1 + H, 1 / H, np.full(8, np.nan)])
    limit, _ = one_sided_limits(stacked)
    assert limit[0] == pytest.approx(1.0) and limit[1] == math.inf and math.isnan(limit[2])


def test_classify_corner_from_sequences():
    # |x| at 0: f → 0 from both sides, f′ is −1 on the left and +1 on the right.
    left = np.stack([H, -np.ones(8)])
    right = np.stack([H, np.ones(8)])
    values, kind, left_slope, right_slope = classify_point(np.array([0.0, 0.0]), left, right)
    assert kind is PointKind.CORNER and (left_slope, right_slope) == (-1.0, 1.0) and math.isnan(values[1])


def test_classify_jump_from_sequences():
    left = np.stack([np.zeros(8), np.zeros(8)])
    right = np.stack([np.ones(8), np.zeros(8)])
    values, kind, *_ = classify_point(np.array([1.0, 0.0]), left, right)
    assert kind is PointKind.DISCONTINUOUS and values[0] == 1.0
