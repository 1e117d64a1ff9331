"""Grid lines drawn opaque, mixed with the background beforehand; translucent on a transparent export."""

import pyqtgraph as pg
from PySide6.QtGui import QColor, QPainter, QPicture

from explorer.views.grid_axis import OpaqueGridAxis, mixed


def test_mixing_a_translucent_colour_over_a_background():
    assert mixed(QColor(0, 0, 0, 51), QColor(255, 255, 255)).getRgb() == (204, 204, 204, 255)
    assert mixed(QColor(10, 20, 30), QColor(200, 200, 200)).getRgb() == (10, 20, 30, 255)


def _tick_alphas(axis) -> set[int]:
    picture = QPicture()  # kept alive while the painter is open
    painter = QPainter(picture)
    try:
        _, ticks, _ = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    return {pen.color().alpha() for pen, _, _ in ticks}


def test_grid_pens_are_opaque_on_screen_and_translucent_on_a_transparent_export(qtbot):
    widget = pg.GraphicsLayoutWidget()
    qtbot.addWidget(widget)
    axis = OpaqueGridAxis("left", QColor("white"))
    plot = widget.addPlot(axisItems={"left": axis})
    plot.showGrid(x=True, y=True, alpha=0.2)
    widget.resize(400, 300)
    widget.show()
    qtbot.waitExposed(widget)
    assert _tick_alphas(axis) == {255}
    axis.setExportMode(True, {"background": QColor(0, 0, 0, 0)})
    assert min(_tick_alphas(axis)) < 255
    axis.setExportMode(False)
    assert _tick_alphas(axis) == {255}
