"""Colouring f by the sign of a derivative only cuts the line already drawn at the given boundaries."""

import numpy as np

from explorer.model.features.result import Sign, SignInterval
from explorer.views.sign_colouring import pieces_by_sign, split_at


def test_a_boundary_between_samples_gets_a_point_on_the_chord():
    x, y, connect = split_at([0.0, 1.0, 2.0], [0.0, 10.0, 0.0], [True, True, False], [0.25, 1.0, 5.0])
    np.testing.assert_array_equal(x, [0.0, 0.25, 1.0, 2.0])  # 1.0 is a sample already; 5 is off the line
    np.testing.assert_array_equal(y, [0.0, 2.5, 10.0, 0.0])
    np.testing.assert_array_equal(connect, [True, True, True, False])


def test_a_boundary_in_a_gap_adds_nothing():
    x, y, connect = split_at([0.0, 1.0, 2.0], [1.0, 2.0, 3.0], [False, True, False], [0.5])
    np.testing.assert_array_equal(x, [0.0, 1.0, 2.0])
    np.testing.assert_array_equal(connect, [False, True, False])


def test_each_sign_joins_exactly_the_segments_of_its_intervals():
    xs = np.linspace(-2, 2, 9)
    intervals = (SignInterval(-2.0, -0.7, Sign.POSITIVE), SignInterval(-0.7, 2.0, Sign.NEGATIVE))
    pieces = pieces_by_sign(xs, xs ** 2, np.ones(9, bool), intervals)
    x, _, plus = pieces[Sign.POSITIVE]
    _, _, minus = pieces[Sign.NEGATIVE]
    assert -0.7 in x
    cut = int(np.flatnonzero(x == -0.7)[0])
    assert plus[:cut].all() and not plus[cut:].any()
    assert minus[cut:-1].all() and not minus[:cut].any()
    assert not (plus & minus).any()
