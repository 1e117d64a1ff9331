"""A curve that changes faster than the grid can follow is drawn as the band it really fills, with a
note saying so, on the real window and the real engine.

Truth: every pixel column of sin x on [−6×10⁷, 6×10⁷] spans ~10⁵, thousands of periods, so the curve
takes every value of [−1, 1] in it; the samples alone trace a smooth false wave instead.
"""

import math

import numpy as np
import pytest
from PySide6.QtCore import QPointF

from explorer.app.state import DocumentState
from explorer.views.unresolved_band import NOTE_TEXT

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _drawn_segments(item) -> int:
    """Segments the curve item strokes: pairs of finite points joined by its connect array."""
    x, y = item.getData()
    if x is None or len(x) < 2:
        return 0
    connect = item.opts.get("connect")
    joins = np.ones(len(x) - 1, dtype=bool) if isinstance(connect, str) else np.asarray(connect[:-1], dtype=bool)
    return int(joins.sum())


def test_sin_zoomed_far_out_is_the_band_of_its_values(open_window):
    window = open_window(DocumentState(text="sin x", x_range=(-6e7, 6e7), orders=(1,)))
    view = window.plot_view
    for order in (0, 1):  # cos x: the same truth
        band = view.band_item(order)
        assert band.shown()
        path = band.path()
        for x in np.linspace(-5.9e7, 5.9e7, 301):
            for y in (-0.9, -0.5, 0.0, 0.5, 0.9):
                assert path.contains(QPointF(x, y)), (order, x, y)
        assert not path.contains(QPointF(0.0, 1.2)) and not path.contains(QPointF(0.0, -1.2))
        assert _drawn_segments(view.curve_item(order)) == 0  # no false wave
    note = view.note()
    assert note.isVisible() and note.text() == NOTE_TEXT


def test_steep_branches_closer_than_a_pixel_are_one_band(open_window):
    """tan 1000x on [−4, 4]: a pole every π/1000, ~2.5 branches per pixel column, each through every y."""
    window = open_window(DocumentState(text="tan(1000x)"))
    view = window.plot_view
    (x_min, x_max), (y_min, y_max) = view.main_plot.getViewBox().viewRange()
    path = view.band_item(0).path()
    for x in np.linspace(x_min + 0.05, x_max - 0.05, 200):
        assert path.contains(QPointF(x, 0.5 * (y_min + y_max)))
        assert path.contains(QPointF(x, y_min + 0.1 * (y_max - y_min)))
        assert path.contains(QPointF(x, y_max - 0.1 * (y_max - y_min)))
    assert _drawn_segments(view.curve_item(0)) < 20  # not thousands of near-vertical strokes
    assert view.note().isVisible()


@pytest.mark.parametrize("text", ["x^3 - 3x", "1/x", "tan x", "floor x", "sqrt x", "sin(20x)"])
def test_curves_the_grid_follows_stay_lines(open_window, text):
    window = open_window(DocumentState(text=text, orders=(1,)))
    view = window.plot_view
    assert not view.band_item(0).shown() and not view.band_item(1).shown()
    assert not view.note().isVisible()
    assert _drawn_segments(view.curve_item(0)) > 0


def test_a_peak_narrower_than_a_pixel_keeps_its_tip_and_needs_no_note(open_window):
    """exp(−x²/10⁻⁴) reaches 1 at 0, between two samples; its line alone would stop short of it."""
    window = open_window(DocumentState(text="exp(-x^2/0.0001)", y_range=(-0.2, 1.2)))
    view = window.plot_view
    assert not view.note().isVisible()
    assert _drawn_segments(view.curve_item(0)) > 0
    x, y = view.curve_item(0).getData()
    tip = max(y.max(), view.band_item(0).path().boundingRect().bottom())  # data y grows upward
    assert tip == pytest.approx(1.0, abs=0.005)


def test_zooming_in_gives_the_curve_back(open_window, qtbot):
    window = open_window(DocumentState(text="sin x", x_range=(-6e7, 6e7)))
    view = window.plot_view
    assert view.band_item(0).shown()
    window.session.set_view((-2 * math.pi, 2 * math.pi), None)
    qtbot.waitUntil(lambda: not window.session.busy and not view.band_item(0).shown())
    assert not view.note().isVisible()
    assert _drawn_segments(view.curve_item(0)) > 0
