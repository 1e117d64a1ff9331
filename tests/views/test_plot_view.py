"""PlotView draws the plain data it is handed, with no window around it (the headless exporter's case)."""

import math

import numpy as np
import pyqtgraph as pg

from explorer.model.readings import CurveSet, PointKind, PointReading
from explorer.views.plot_view import PlotView, drawable


def test_drawable_cuts_lines_at_breaks_and_undefined_samples():
    y = np.array([1.0, 2.0, np.nan, 4.0, 5.0, 6.0])
    connected = np.array([True, True, True, False, True, False])
    safe_y, connect = drawable(np.arange(6.0), y, connected)
    assert list(connect) == [True, False, False, False, True, False]
    assert np.isfinite(safe_y).all()


def hand_made_curves():
    x = np.linspace(-2, 2, 5)
    values = np.stack([x ** 2, 2 * x, np.full_like(x, 2.0)])
    connected = np.ones_like(values, dtype=bool)
    connected[:, -1] = False
    connected[0, 1] = False  # a break the engine found
    return CurveSet(x, values, connected)


def test_plot_view_draws_what_it_is_given_without_a_window(qtbot):
    view = PlotView()
    qtbot.addWidget(view)
    view.set_display((1, 2), "overlay")
    curves = hand_made_curves()
    view.show_curves(curves, {-1: (-5.0, 5.0), 0: (0.0, 4.0), 1: (-4.0, 4.0), 2: (1.0, 3.0)})
    view.set_view((-2.0, 2.0), None)
    for order in (0, 1, 2):
        x, y = view.curve_item(order).getData()
        np.testing.assert_array_equal(y, curves.values[order])
    assert not view.curve_item(0).opts["connect"][1]
    assert view.main_plot.getViewBox().viewRange()[1] == [-5.0, 5.0]  # the overlay's automatic range
    view.show_reading(PointReading(1.0, (1.0, 2.0, 2.0), PointKind.SMOOTH))
    assert view.point.isVisible() and (view.point.pos().x(), view.point.pos().y()) == (1.0, 1.0)
    assert [view.markers[k].pos().y() for k in (1, 2)] == [2.0, 2.0]
    assert isinstance(view.export_item(), pg.GraphicsLayout)
    assert [label.text for _, label in view.legend.items] == ["f(x)", "f\u2032(x)", "f\u2033(x)", "tangent at x\u2080"]


def test_stacked_layout_gets_one_plot_per_derivative_with_its_own_range(qtbot):
    view = PlotView()
    qtbot.addWidget(view)
    view.set_display((1, 2), "stacked")
    view.show_curves(hand_made_curves(), {-1: (-5.0, 5.0), 0: (0.0, 4.0), 1: (-4.0, 4.0), 2: (1.0, 3.0)})
    view.set_view((-2.0, 2.0), None)
    plots = view.plots()
    assert len(plots) == 3
    assert [p.getViewBox().viewRange()[1] for p in plots] == [[0.0, 4.0], [-4.0, 4.0], [1.0, 3.0]]
    view.show_reading(PointReading(1.0, (1.0, 2.0, 2.0), PointKind.SMOOTH))
    assert view.markers[2].isVisible() and view.markers[2].pos().y() == 2.0
    assert view.markers[2].scene() is view.plots()[2].scene()
    assert view.markers[2].parentItem() is view.plots()[2].getViewBox().childGroup


def test_an_undefined_point_hides_the_point_and_the_tangent(qtbot):
    view = PlotView()
    qtbot.addWidget(view)
    view.show_curves(hand_made_curves(), {})
    view.show_reading(PointReading(-1.0, (math.nan, math.nan), PointKind.UNDEFINED))
    assert not view.point.isVisible()
    assert view.tangent_item.getData()[0] is None or view.tangent_item.getData()[0].size == 0
