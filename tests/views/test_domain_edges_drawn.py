"""Curves are drawn up to their domain's edge, on the real window and engine.

Truth: √0 = 0, so √x starts at the origin; ln x → −∞ as x → 0⁺, so its curve leaves any view
through the bottom; √(1 − x²) meets the x-axis at ±1; (√x)′ = 1/(2√x) → +∞ at 0⁺.
"""

import numpy as np
import pytest

from explorer.app.state import DocumentState
from explorer.model import Engine
from explorer.model.parsing import parse

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _joined_points(item) -> tuple[np.ndarray, np.ndarray]:
    """The points of the curve item that a stroked segment touches."""
    x, y = item.getData()
    connect = np.asarray(item.opts["connect"], dtype=bool)
    touched = np.zeros(len(x), dtype=bool)
    touched[:-1] |= connect[:-1]
    touched[1:] |= connect[:-1]
    return x[touched], y[touched]


def test_square_root_starts_at_the_origin_and_its_slope_climbs_off_the_plot(open_window):
    window = open_window(DocumentState(text="sqrt x", orders=(1,)))
    x, y = _joined_points(window.plot_view.curve_item(0))
    start = np.argmin(x)
    assert abs(x[start]) < 1e-12 and abs(y[start]) < 1e-6
    x1, y1 = _joined_points(window.plot_view.curve_item(1))
    y_top = window.plot_view.main_plot.getViewBox().viewRange()[1][1]
    assert x1.min() < 1e-12 and y1.max() > y_top


def test_logarithm_runs_down_off_the_bottom_of_the_view(open_window):
    window = open_window(DocumentState(text="ln x", y_range=(-10.0, 3.0)))
    x, y = _joined_points(window.plot_view.curve_item(0))
    assert y.min() <= -10.0
    assert x[np.argmin(y)] < 1e-12  # at the edge, x → 0⁺


def test_half_circle_meets_the_axis_at_both_ends(open_window):
    window = open_window(DocumentState(text="sqrt(1 - x^2)"))
    x, y = _joined_points(window.plot_view.curve_item(0))
    left, right = np.argmin(x), np.argmax(x)
    assert x[left] == pytest.approx(-1.0, abs=1e-12) and abs(y[left]) < 1e-6
    assert x[right] == pytest.approx(1.0, abs=1e-12) and abs(y[right]) < 1e-6


def test_the_grid_stays_as_it_was():
    """The edge points come beside the grid: x[i] = x_min + i·Δx for every other consumer."""
    curves = Engine(device="cpu").sample(parse("sqrt x"), -4, 4, 3600, 1)
    plain = Engine(device="cpu").sample(parse("x"), -4, 4, 3600, 1)
    assert np.array_equal(curves.x, plain.x) and len(curves.x) == 3600
    assert curves.edges.x.tolist() == [0.0] and curves.edges.values[0].tolist() == [0.0]
