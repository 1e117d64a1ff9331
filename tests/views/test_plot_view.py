"""PlotView draws the plain data it is handed, with no window around it (the headless exporter's case)."""

import math

import numpy as np
import pyqtgraph as pg
import pytest

from explorer.app.frame import MAIN, Frame
from explorer.model.readings import CurveSet, PointKind, PointReading
from explorer.views.plot_view import PlotView
from explorer.views.polyline import drawable


def test_drawable_cuts_lines_at_breaks_and_undefined_samples():
    y = np.array([1.0, 2.0, np.nan, 4.0, 5.0, 6.0])
    connected = np.array([True, True, True, False, True, False])
    safe_y, connect = drawable(np.arange(6.0), y, connected)
    assert list(connect) == [True, False, False, False, True, False]
    assert np.isfinite(safe_y).all()


def framed(curves, y_ranges):
    """A frame of the document's function alone, as the session announces one."""
    return Frame(0, {MAIN: curves}, y_ranges)


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
    view.show_frame(framed(curves, {-1: (-5.0, 5.0), 0: (0.0, 4.0), 1: (-4.0, 4.0), 2: (1.0, 3.0)}))
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
    view.show_frame(framed(hand_made_curves(), {-1: (-5.0, 5.0), 0: (0.0, 4.0), 1: (-4.0, 4.0), 2: (1.0, 3.0)}))
    view.set_view((-2.0, 2.0), None)
    plots = view.plots()
    assert len(plots) == 3
    assert [p.getViewBox().viewRange()[1] for p in plots] == [[0.0, 4.0], [-4.0, 4.0], [1.0, 3.0]]
    view.show_reading(PointReading(1.0, (1.0, 2.0, 2.0), PointKind.SMOOTH))
    assert view.markers[2].isVisible() and view.markers[2].pos().y() == 2.0
    assert view.markers[2].scene() is view.plots()[2].scene()
    assert view.markers[2].parentItem() is view.plots()[2].getViewBox().childGroup


def test_switching_curves_and_layouts_leaves_nothing_behind_in_the_main_plot(qtbot):
    view = PlotView()
    qtbot.addWidget(view)
    view.show_frame(framed(hand_made_curves(), {-1: (-5.0, 5.0), 0: (0.0, 4.0), 1: (-4.0, 4.0), 2: (1.0, 3.0)}))
    settled = None
    for _ in range(5):
        for orders, layout in (((1, 2), "overlay"), ((1,), "stacked"), ((2,), "overlay"), ((), "overlay")):
            view.set_display(orders, layout)
        held = (len(view.main_plot.items), len(view.main_plot.getViewBox().addedItems))
        settled = settled or held
        assert held == settled
    assert [label.text for _, label in view.legend.items] == ["f(x)", "tangent at x\u2080"]


def test_an_undefined_point_hides_the_point_and_the_tangent(qtbot):
    view = PlotView()
    qtbot.addWidget(view)
    view.show_frame(framed(hand_made_curves(), {}))
    view.show_reading(PointReading(-1.0, (math.nan, math.nan), PointKind.UNDEFINED))
    assert not view.point.isVisible()
    assert view.tangent_item.getData()[0] is None or view.tangent_item.getData()[0].size == 0


def test_drawable_clamps_to_a_band_around_the_view_and_keeps_what_is_inside():
    y = np.array([-1e13, -30.0, 0.5, 25.0, 1e13])
    safe_y, connect = drawable(np.arange(5.0), y, np.ones(5, dtype=bool), (-10.0, 10.0))
    assert list(safe_y) == [-50.0, -30.0, 0.5, 25.0, 50.0]  # two view heights (20 each) beyond the edges
    assert list(connect) == [True, True, True, True, False]


def pole_curves():
    """f = 1/x⁴ and f″ = 20/x⁶ sampled right up to the pole at 0, where f″ reaches about 1e13."""
    x = np.linspace(-2.0, 2.0, 2001)[np.abs(np.linspace(-2.0, 2.0, 2001)) > 1e-9]
    values = np.stack([x ** -4.0, -4.0 * x ** -5.0, 20.0 * x ** -6.0])
    connected = np.ones_like(values, dtype=bool)
    connected[:, -1] = False
    connected[:, x.size // 2 - 1] = False  # the break at the pole
    return CurveSet(x, values, connected)


def test_a_curve_near_a_pole_stays_a_few_view_heights_tall_in_pixels_and_is_painted(qtbot):
    """Near a pole the raw bounds are ~1e15 px tall, past what Qt's raster engine can draw. Drawn
    data stays within a band around the view."""
    view = PlotView()
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.show()
    qtbot.waitExposed(view)
    view.set_display((2,), "overlay")
    view.show_frame(framed(pole_curves(), {-1: (-1.0, 10.0)}))
    view.set_view((-2.0, 2.0), None)
    box = view.main_plot.getViewBox()
    for order in (0, 2):
        curve = view.curve_item(order)
        height_px = box.mapViewToDevice(curve.boundingRect()).boundingRect().height()
        assert height_px <= (1 + 2 * 2.0) * box.height() + 10
    image = view.graphics.grab().toImage()
    top = box.mapViewToDevice(pg.QtCore.QRectF(-2.0, 9.0, 4.0, 1.0)).boundingRect().toRect()
    for order in (0, 2):  # both curves are painted where they climb out of the top of the view
        colour = view.theme.curve(order)
        assert sum(image.pixelColor(px, py) == colour for px in range(top.left(), top.right())
                   for py in range(top.top(), top.bottom(), 4)) >= 4


def test_curves_are_clamped_again_for_a_y_range_the_user_moves_to(qtbot):
    view = PlotView()
    qtbot.addWidget(view)
    view.show_frame(framed(pole_curves(), {-1: (-1.0, 10.0)}))
    assert view.curve_item(0).getData()[1].max() == 10.0 + 2 * 11.0
    view.set_view((-2.0, 2.0), (0.0, 1e6))
    _, y = view.curve_item(0).getData()
    assert y.max() == 1e6 + 2 * 1e6
    np.testing.assert_array_equal(y[y < 1e6], pole_curves().values[0][y < 1e6])


def test_grid_lines_lie_under_the_curves(qtbot):
    """The grid is opaque (see grid_axis.py): drawn above the curves it would cut them at every line."""
    view = PlotView()
    qtbot.addWidget(view)
    view.set_display((1,), "stacked")
    for plot in view.plots():
        for name in ("left", "bottom"):
            assert plot.getAxis(name).zValue() < plot.getViewBox().zValue()


def wavy_curves(n=2401):
    """sin 3x, and a staircase with jumps (breaks) for f′: dense enough to be drawn through fewer samples."""
    x = np.linspace(-4, 4, n)
    values = np.stack([np.sin(3 * x), np.floor(x) + 0.3 * np.cos(5 * x)])
    connected = np.ones_like(values, dtype=bool)
    connected[:, -1] = False
    connected[1, :-1] = np.floor(x[:-1]) == np.floor(x[1:])
    return CurveSet(x, values, connected)


def _device(box, x, y):
    """View coordinates to device pixels (the view box maps without rotation)."""
    origin = box.mapViewToDevice(pg.QtCore.QPointF(0.0, 0.0))
    unit = box.mapViewToDevice(pg.QtCore.QPointF(1.0, 1.0))
    return origin.x() + x * (unit.x() - origin.x()), origin.y() + y * (unit.y() - origin.y())


def worst_miss_px(view, order, curves) -> float:
    """How far (device pixels) the farthest sample on a line lies from the line drawn for it; inf if
    a sample is left out across a break, or the drawn line joins what the samples do not. A sample
    joined to nothing draws nothing: it need not be drawn."""
    item, box = view.curve_item(order), view.curve_item(order).getViewBox()
    x, y = item.getData()
    connect = item.opts["connect"]
    kept = np.searchsorted(curves.x, x)
    assert np.array_equal(curves.x[kept], x)
    for j in range(len(kept) - 1):  # a drawn join spans only joined samples, and every sample joined is drawn joined
        if connect[j] != curves.connected[order][kept[j]:kept[j + 1]].all():
            return math.inf
    px, py = _device(box, curves.x, curves.values[order])
    dx, dy = _device(box, x, y)
    segment = np.clip(np.searchsorted(kept, np.arange(len(curves.x)), side="right") - 1, 0, len(kept) - 2)
    ax, ay, bx, by = dx[segment], dy[segment], dx[segment + 1], dy[segment + 1]
    vx, vy, qx, qy = bx - ax, by - ay, px - ax, py - ay
    t = np.clip((qx * vx + qy * vy) / np.maximum(vx * vx + vy * vy, 1e-300), 0.0, 1.0)
    on_a_line = curves.connected[order].copy()
    on_a_line[1:] |= curves.connected[order][:-1]
    return float(np.max(np.hypot(qx - t * vx, qy - t * vy)[on_a_line]))


def shown_wavy_view(qtbot, height=400):
    view = PlotView()
    qtbot.addWidget(view)
    view.resize(800, height)
    view.set_display((1,), "overlay")
    view.show()
    qtbot.waitExposed(view)
    curves = wavy_curves()
    view.show_frame(framed(curves, {-1: (-5.0, 5.0)}))
    view.set_view((-4.0, 4.0), (-5.0, 5.0))
    return view, curves


def test_on_screen_curves_are_drawn_through_the_samples_their_pixels_need(qtbot):
    view, curves = shown_wavy_view(qtbot)
    for order in (0, 1):
        assert len(view.curve_item(order).getData()[0]) < len(curves.x) / 4
        assert worst_miss_px(view, order, curves) <= 0.21


def test_a_taller_plot_redraws_its_curves_for_its_new_pixels(qtbot):
    view, curves = shown_wavy_view(qtbot, height=300)
    drawn = len(view.curve_item(0).getData()[0])
    view.resize(800, 900)
    qtbot.waitUntil(lambda: view.main_plot.getViewBox().height() > 700)
    assert len(view.curve_item(0).getData()[0]) > drawn
    assert worst_miss_px(view, 0, curves) <= 0.21


def test_exports_draw_every_sample(qtbot, tmp_path):
    from explorer.export.images import export_image

    view, curves = shown_wavy_view(qtbot)
    with view.full_detail():
        np.testing.assert_array_equal(view.curve_item(0).getData()[1], curves.values[0])
    assert len(view.curve_item(0).getData()[0]) < len(curves.x) / 4
    export_image(view, tmp_path / "plot.svg")
    text = (tmp_path / "plot.svg").read_text()
    assert max(path.count("L") for path in text.split("<path")) >= len(curves.x) - 10
    assert len(view.curve_item(0).getData()[0]) < len(curves.x) / 4


def _drawn(view, order):
    x, y = view.curve_item(order).getData()
    return x, y, view.curve_item(order).opts["connect"]


@pytest.mark.parametrize("layout", ["overlay", "stacked"])
def test_each_curve_is_drawn_for_the_pixels_of_the_plot_it_is_seen_in(qtbot, layout):
    """The view makes its lines from a frame's samples: each through only the samples the pixels of
    its own plot need (overlay: one plot; stacked: f′ in a plot of its own, at its own y-range),
    broken where the samples are."""
    view, curves = shown_wavy_view(qtbot)
    view.set_display((1,), layout)
    view.set_view((-4.0, 4.0), None)
    qtbot.wait(10)  # the stacked plots take their sizes
    view.show_frame(framed(curves, {-1: (-5.0, 5.0), 0: (-1.5, 1.5), 1: (-4.5, 3.5)}))
    boxes = {order: view.curve_item(order).getViewBox() for order in (0, 1)}
    assert (boxes[0] is boxes[1]) == (layout == "overlay")
    for order in (0, 1):
        assert len(view.curve_item(order).getData()[0]) < len(curves.x) / 4
        assert worst_miss_px(view, order, curves) <= 0.21


def test_a_stacked_derivative_is_clamped_around_its_own_plot(qtbot):
    view = PlotView()
    qtbot.addWidget(view)
    view.set_display((2,), "stacked")
    view.show_frame(framed(pole_curves(), {0: (-1.0, 10.0), 2: (0.0, 100.0)}))
    assert view.curve_item(0).getData()[1].max() == 10.0 + 2 * 11.0
    assert view.curve_item(2).getData()[1].max() == 100.0 + 2 * 100.0
    view.set_view((-2.0, 2.0), None, ((2, (0.0, 1e6)),))
    assert view.curve_item(2).getData()[1].max() == 1e6 + 2 * 1e6
