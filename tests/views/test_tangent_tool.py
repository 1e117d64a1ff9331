"""The tangent tool as the window draws it: at a corner, half-tangents that can be told from the curve."""

import numpy as np
import pytest
from window_driving import plot_to_widget, settle

from explorer.app.state import DocumentState
from explorer.model.readings import PointKind, PointReading
from explorer.views.tangent_tool import half_tangent_continuations


def _near(colour, target, tolerance=60) -> bool:
    return sum((a - b) ** 2 for a, b in zip(colour.getRgb()[:3], target.getRgb()[:3])) <= tolerance ** 2


def _tangent_pixels_along(window, image, points) -> float:
    """The share of these data points with the tangent's colour painted within 2 px of them."""
    plot, view = window.plot_view.main_plot, window.plot_view
    colour = view.theme.tangent
    hits = 0
    for x, y in points:
        at = view.graphics.mapTo(view, plot_to_widget(plot, x, y))
        hits += any(_near(image.pixelColor(at.x() + dx, at.y() + dy), colour)
                    for dx in range(-2, 3) for dy in range(-2, 3))
    return hits / len(points)


def test_the_half_tangents_of_abs_at_its_corner_can_be_seen_off_the_curve(open_window):
    """|x| at 0: the half-tangents y = −x (left) and y = x (right) lie on the curve, where drawn over
    it they read as the curve. Each one's line goes on past x₀, so below the corner two lines cross
    where the curve has nothing."""
    window = open_window(DocumentState(text="abs(x)", x0=0.0, orders=(), x_range=(-2.0, 2.0), y_range=(-2.0, 2.0)))
    settle(window)
    assert window.session.last_reading.kind is PointKind.CORNER
    image = window.plot_view.grab().toImage()
    below = np.linspace(0.2, 1.6, 15)
    assert _tangent_pixels_along(window, image, [(x, -x) for x in below]) >= 0.8  # the left one's line
    assert _tangent_pixels_along(window, image, [(-x, -x) for x in below]) >= 0.8  # the right one's
    assert _tangent_pixels_along(window, image, [(x, -x / 2) for x in below[4:]]) == 0  # between them: nothing


@pytest.mark.parametrize("kind, slopes", [(PointKind.SMOOTH, (1.0, 1.0)), (PointKind.CORNER, (float("inf"), 1.0))])
def test_only_a_corner_with_two_finite_half_tangents_has_continuations(kind, slopes):
    reading = PointReading(0.0, (0.0, 1.0), kind, *slopes)
    assert len(half_tangent_continuations(reading, (-1.0, 1.0))[0]) == 0


def test_each_continuation_carries_its_half_tangent_across_x0():
    xs, ys = half_tangent_continuations(PointReading(1.0, (2.0, float("nan")), PointKind.CORNER, -1.0, 3.0), (0.0, 2.0))
    (left_from, left_to), (right_from, right_to) = zip(xs[:2], ys[:2]), zip(xs[2:], ys[2:])
    assert left_from == (1.0, 2.0) and left_to == (4.0, 2.0 - 3.0)    # slope −1, to the right of x₀
    assert right_to == (1.0, 2.0) and right_from == (-2.0, 2.0 - 9.0)  # slope 3, to the left of x₀
