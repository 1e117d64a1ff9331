"""Grid lines drawn opaque, mixed with the background beforehand; translucent on a transparent export.
The axis works out the same ticks, pens and labels as pyqtgraph's own AxisItem."""

import itertools

import numpy as np

import pyqtgraph as pg
import pytest
from PySide6.QtCore import QLineF
from PySide6.QtGui import QColor, QPainter, QPicture

from explorer.views.grid_axis import OpaqueGridAxis, mixed


def test_mixing_a_translucent_colour_over_a_background():
    assert mixed(QColor(0, 0, 0, 51), QColor(255, 255, 255)).getRgb() == (204, 204, 204, 255)
    assert mixed(QColor(10, 20, 30), QColor(200, 200, 200)).getRgb() == (10, 20, 30, 255)


def _specs(axis, generate=None):
    picture = QPicture()  # kept alive while the painter is open
    painter = QPainter(picture)
    try:
        return (generate or axis.generateDrawSpecs)(painter)
    finally:
        painter.end()


def _tick_alphas(axis) -> set[int]:
    _, ticks, _ = _specs(axis)
    return {pen.color().alpha() for pen, _ in ticks}


@pytest.fixture
def plot(qtbot):
    widget = pg.GraphicsLayoutWidget()
    qtbot.addWidget(widget)
    plot = widget.addPlot(axisItems={name: OpaqueGridAxis(name, QColor("white")) for name in ("left", "bottom")})
    plot.showGrid(x=True, y=True, alpha=0.2)
    widget.resize(400, 300)
    widget.show()
    qtbot.waitExposed(widget)
    return widget, plot


def test_grid_pens_are_opaque_on_screen_and_translucent_on_a_transparent_export(plot):
    axis = plot[1].getAxis("left")
    assert _tick_alphas(axis) == {255}
    axis.setExportMode(True, {"background": QColor(0, 0, 0, 0)})
    assert min(_tick_alphas(axis)) < 255
    axis.setExportMode(False)
    assert _tick_alphas(axis) == {255}


def _pyqtgraphs(axis):
    """pyqtgraph's own specs for this axis, its pens mixed as this axis mixes them, in this axis's form."""
    axis_spec, ticks, texts = _specs(axis, lambda painter: pg.AxisItem.generateDrawSpecs(axis, painter))
    lines, pens = {}, {}
    for pen, start, end in ticks:
        lines.setdefault(id(pen), []).append(QLineF(start, end))
        pens[id(pen)] = axis._opaque(pen)
    return axis_spec, [(pens[key], lines[key]) for key in lines], texts


def _plain(specs):
    """Specs as comparable values: coordinates, pen colours and widths, label rectangles and texts."""
    (pen, start, end), ticks, texts = specs
    return ((pen.color().getRgb(), start.x(), start.y(), end.x(), end.y()),
            [(pen.color().getRgb(), pen.widthF(), [line.toTuple() for line in batch]) for pen, batch in ticks],
            [(rect.getRect(), int(flags), text) for rect, flags, text in texts])


RANGES = [(-4.0, 4.0), (-1.1, 1.1), (-0.0031, 0.0047), (-1234.5, 98765.0), (2.5, 2.5000001), (-5e7, 3e8),
          (0.1, 0.35), (-13.0, -12.0)]


@pytest.mark.parametrize("name", ["left", "bottom"])
def test_the_axis_draws_what_pyqtgraph_would(plot, qtbot, name):
    """Over many ranges and two sizes: the same tick lines and pens, the same labels in the same
    places, and the same room reserved for them."""
    widget, plot = plot
    axis = plot.getAxis(name)
    box = plot.getViewBox()
    compared = 0
    for size, (low, high) in itertools.product([(400, 300), (900, 700)], RANGES):
        widget.resize(*size)
        qtbot.wait(1)
        if name == "left":
            box.setYRange(low, high, padding=0)
        else:
            box.setXRange(low, high, padding=0)
        theirs = _plain(_pyqtgraphs(axis))
        room = (axis.textWidth, axis.textHeight)
        ours = _plain(_specs(axis))
        assert ours == theirs, (size, low, high)
        assert (axis.textWidth, axis.textHeight) == room
        compared += len(ours[1]) > 0 and len(ours[2]) > 0
    assert compared >= len(RANGES)  # most had labels (too wide a label is left out by both)


def test_tick_values_are_pyqtgraphs(plot):
    axis = plot[1].getAxis("left")
    rng = np.random.default_rng(7)
    for _ in range(400):
        low = float(rng.normal(0, 10.0 ** rng.integers(-4, 8)))
        high = low + float(10.0 ** rng.uniform(-6, 9))
        size = float(rng.uniform(20, 2000))
        assert axis.tickValues(low, high, size) == pg.AxisItem.tickValues(axis, low, high, size), (low, high, size)
