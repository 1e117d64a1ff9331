"""The error-versus-h plot: |DQ(h) − f′(x₀)| of the forward and central quotients on log–log axes,
h from 1 to 10⁻¹⁶, with the best h of each and the current h marked. It draws a SecantReading's
points (model/secant.py); an exact zero error (a quadratic's central quotient) cannot sit on a log
axis, so it is drawn on the plot's floor, hollow, rather than lost."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt

#: Where an exact zero error is drawn (below every float64 rounding error of a quotient near 1).
FLOOR = 1e-18
#: The y-range shown, in powers of ten.
Y_DECADES = (-18, 2)
#: Below the ViewBox, as the main plots' axes (plot_view.AXIS_Z): the grid lies under the errors, and
#: a drag that paints the axes once into the view's background (plot_canvas.py) looks the same.
AXIS_Z = -200


class ErrorPlot(pg.PlotItem):
    """A small log–log plot of a SecantReading's errors."""

    def __init__(self):
        super().__init__()
        self.setLogMode(x=True, y=True)
        self.setMenuEnabled(False)
        self.hideButtons()
        self.setMouseEnabled(x=False, y=False)
        self.setLabel("bottom", "h")
        self.setLabel("left", "|DQ(h) − f′(x₀)|")
        self.setXRange(-16.3, 0.3, padding=0)
        self.setYRange(*Y_DECADES, padding=0)
        self.showGrid(x=True, y=True, alpha=0.25)
        for name in ("left", "bottom"):
            self.getAxis(name).setZValue(AXIS_Z)
        self.setMaximumHeight(220)
        self.legend = self.addLegend(offset=(-8, -8), labelTextSize="8pt")
        self.forward = self.plot([], [], name="forward", symbol="o", symbolSize=6)
        self.central = self.plot([], [], name="central", symbol="s", symbolSize=6)
        self.forward_floor = self.plot([], [], pen=None, symbol="o", symbolSize=7)
        self.central_floor = self.plot([], [], pen=None, symbol="s", symbolSize=7)
        self.best_forward = pg.InfiniteLine(angle=90)
        self.best_central = pg.InfiniteLine(angle=90)
        self.current = pg.InfiniteLine(angle=90)
        for line in (self.best_forward, self.best_central, self.current):
            self.addItem(line, ignoreBounds=True)
        self.message = pg.TextItem(anchor=(0.5, 0.5))
        self.message.setPos(-8, -8)
        self.addItem(self.message, ignoreBounds=True)

    def data_items(self) -> list:
        """What changes from reading to reading (a drag repaints only these)."""
        return [self.forward, self.central, self.forward_floor, self.central_floor, self.best_forward,
                self.best_central, self.current, self.message]

    def set_colours(self, forward, central, foreground) -> None:
        for item, colour in ((self.forward, forward), (self.central, central)):
            item.setPen(pg.mkPen(colour, width=1.5))
            item.setSymbolBrush(pg.mkBrush(colour))
            item.setSymbolPen(pg.mkPen(colour))
        for item, colour in ((self.forward_floor, forward), (self.central_floor, central)):
            item.setSymbolBrush(None)
            item.setSymbolPen(pg.mkPen(colour, width=1.5))
        self.best_forward.setPen(pg.mkPen(forward, width=1, style=Qt.PenStyle.DashLine))
        self.best_central.setPen(pg.mkPen(central, width=1, style=Qt.PenStyle.DashLine))
        self.current.setPen(pg.mkPen(foreground, width=1.5))
        self.message.setColor(foreground)
        for name in ("left", "bottom"):
            self.getAxis(name).setPen(pg.mkPen(foreground))
            self.getAxis(name).setTextPen(pg.mkPen(foreground))

    def show_secant(self, secant) -> None:
        """Draw `secant`'s errors (nothing where f′(x₀) does not exist: it says so instead)."""
        if secant is None:
            for item in (self.forward, self.central, self.forward_floor, self.central_floor):
                item.setData([], [])
            return
        h = np.asarray(secant.plot_h)
        self._curve(self.forward, self.forward_floor, h, np.asarray(secant.forward_error))
        self._curve(self.central, self.central_floor, h, np.asarray(secant.central_error))
        exists = math.isfinite(secant.derivative)
        self.message.setText("" if exists else "f′(x₀) does not exist: no error to plot")
        for line, best in ((self.best_forward, secant.best_h[0]), (self.best_central, secant.best_h[1])):
            line.setVisible(exists)
            line.setValue(math.log10(best))
        self.current.setValue(math.log10(abs(secant.h)))

    @staticmethod
    def _curve(item, floor_item, h: np.ndarray, errors: np.ndarray) -> None:
        known = np.isfinite(errors)
        zero = errors == 0
        item.setData(h[known], np.where(zero, FLOOR, errors)[known])
        # Most readings have no exact zero: an empty floor is left alone (a setData costs a drag
        # frame a quarter of a millisecond).
        if zero.any() or (floor_item.xData is not None and len(floor_item.xData)):
            floor_item.setData(h[zero], np.full(int(zero.sum()), FLOOR))
