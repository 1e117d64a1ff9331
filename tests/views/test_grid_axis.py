"""Grid lines drawn opaque, mixed with the background beforehand; translucent on a transparent export.
The axis works out the same ticks, pens and labels as pyqtgraph's own AxisItem, except at a deep
zoom, where its labels are offsets from a value said once beside the axis (tick_labels.py)."""

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


#: Ranges whose labels pyqtgraph writes in full (tick_labels.MAX_LABEL_CHARACTERS or fewer): there
#: the axis draws what pyqtgraph would. Deeper zooms (2.5 … 2.5000001) get offset labels instead,
#: tested below against the values they stand for.
RANGES = [(-4.0, 4.0), (-1.1, 1.1), (-0.0031, 0.0047), (-1234.5, 98765.0), (-5e7, 3e8), (0.1, 0.35),
          (-13.0, -12.0), (1.0, 1.0002), (123.45, 123.47), (-1.25, -1.2)]


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
        assert axis.label_offset() is None
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


@pytest.fixture
def plot_view(qtbot):
    from explorer.views.plot_view import PlotView

    view = PlotView()
    qtbot.addWidget(view)
    view.resize(700, 500)
    view.show()
    qtbot.waitExposed(view)
    return view


def _label_values(axis, texts) -> list[tuple[float, float]]:
    """(what each drawn label says, the value at its centre) on a PlotView's axis."""
    offset = axis.label_offset()
    box = axis.linkedView()
    vertical = axis.orientation in ("left", "right")
    pairs = []
    for rect, _, text in texts:
        said = float(text.replace("\u2212", "-"))
        if offset is not None:
            said = offset.base + said * 10.0 ** offset.exponent
        at = box.mapSceneToView(axis.mapToScene(rect.center()))
        pairs.append((said, at.y() if vertical else at.x()))
    return pairs


DEEP_ZOOMS = [((0.999995, 1.000005), (1.99999, 2.00001)),          # the span of 10⁻⁵
              ((1e6, 1e6 + 10), (-1234.5678912, -1234.5678902)),  # pyqtgraph: "1e+06" under every tick
              ((-3e-9, 7e-9), (5e-13, 9e-13))]                    # tiny values: pyqtgraph's own labels fit


@pytest.mark.parametrize("x_range, y_range", DEEP_ZOOMS)
def test_at_a_deep_zoom_every_axis_labels_its_ticks_with_the_values_under_them(plot_view, qtbot, x_range, y_range):
    """Both axes of the real plot show several labels, each reading the value at its place to
    within a pixel (with the offset note, where there is one)."""
    plot_view.set_view(x_range, y_range)
    qtbot.wait(1)
    for name, (low, high) in (("bottom", x_range), ("left", y_range)):
        axis = plot_view.main_plot.getAxis(name)
        _, _, texts = _specs(axis)
        pixel = (high - low) / (axis.linkedView().width() if name == "bottom" else axis.linkedView().height())
        pairs = _label_values(axis, texts)
        assert len(pairs) >= 3, (name, [text for _, _, text in texts])
        for said, at in pairs:
            assert abs(said - at) <= pixel, (name, said, at)


def test_the_offset_note_is_painted_beside_the_axis(plot_view, qtbot):
    plot_view.set_view((0.999995, 1.000005), (1.99999, 2.00001))
    qtbot.wait(1)
    image = plot_view.grab().toImage()
    background = plot_view.theme.background.rgb()
    for name, note in (("left", "\u00d710\u207b\u2076 + 2"), ("bottom", "\u00d710\u207b\u2076 + 1")):
        axis = plot_view.main_plot.getAxis(name)
        assert axis.label_offset().note() == note
        rect = _specs(axis, lambda painter, axis=axis, note=note: axis._note_rect(painter, note))
        where = plot_view.graphics.mapFromScene(axis.mapRectToScene(rect)).boundingRect()
        where.translate(plot_view.graphics.pos())
        inked = sum(image.pixel(x, y) != background for x in range(where.left(), where.right())
                    for y in range(where.top(), where.bottom()))
        assert inked > 40, name  # the note's glyphs, not an empty strip
