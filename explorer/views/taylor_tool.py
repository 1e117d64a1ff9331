"""The Taylor tool on the plot: Tₙ as a curve, the interval where |f − Tₙ| < tolerance shaded, and
|f − Tₙ| in a log-scale plot of its own, stacked under the main plot. Draws the TaylorCurve the
engine computed (model/taylor/curve.py); it computes nothing."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

#: Tₙ's colour, the shaded interval's, and the error curve's.
TAYLOR_COLOUR = "#f03e9c"
INTERVAL_BRUSH = (240, 62, 156, 30)
ERROR_COLOUR = "#7048e8"
#: Tₙ of degree 20 reaches 10²⁰ at the plot's edge; it is drawn clipped to this many view heights
#: beyond the view, which looks the same and keeps Qt's coordinates small.
CLIP_HEIGHTS = 4.0
#: |f − Tₙ| below this is drawn at this (the log scale has no 0).
ERROR_FLOOR = 1e-17
ERROR_PLOT_HEIGHT = 130


def _screen_span(box: pg.ViewBox) -> tuple[float, float] | None:
    """The left and right edges of a view box, in screen pixels (None before it is on a screen)."""
    scene = box.scene()
    if scene is None or not scene.views():
        return None
    view = scene.views()[0]
    rect = box.mapRectToScene(box.boundingRect())
    left = view.mapToGlobal(view.mapFromScene(rect.topLeft())).x()
    right = view.mapToGlobal(view.mapFromScene(rect.topRight())).x()
    return float(left), float(right)


#: Tₙ's entry in the plot's legend (the plot view lists it while the curve is drawn).
LEGEND_NAME = "Tₙ"


class TaylorTool:
    """The Taylor items of one plot view: add them with `attach`, feed them readings with `show`."""

    def __init__(self, parent: QWidget | None = None):
        self.curve = pg.PlotCurveItem(pen=pg.mkPen(TAYLOR_COLOUR, width=2.5), connect="finite")
        self.region = pg.LinearRegionItem(movable=False, brush=pg.mkBrush(*INTERVAL_BRUSH),
                                          pen=pg.mkPen(None))
        self.region.setZValue(-20)
        self.curve.setZValue(5)
        self.error_plot = pg.PlotWidget(parent, enableMenu=False)
        self.error_plot.setObjectName("taylorErrorPlot")
        self.error_plot.setLogMode(x=False, y=True)
        self.error_plot.setFixedHeight(ERROR_PLOT_HEIGHT)
        self.error_plot.setMouseEnabled(x=False, y=False)
        self.error_plot.hideButtons()
        self.error_plot.setLabel("left", "|f − Tₙ|")
        # A PlotDataItem: the plot's log mode applies to it (a bare PlotCurveItem would be drawn linear).
        self.error_curve = self.error_plot.plot(pen=pg.mkPen(ERROR_COLOUR, width=1.5), connect="finite")
        self.tolerance_line = pg.InfiniteLine(angle=0, pen=pg.mkPen(TAYLOR_COLOUR, style=Qt.PenStyle.DashLine))
        self.error_plot.addItem(self.tolerance_line)
        self.error_plot.showGrid(x=True, y=True, alpha=0.2)
        self.error_plot.hide()
        self._shown = False
        self._error_shown = False
        self._plot = None
        self.hide()

    def set_theme(self, theme) -> None:
        """The plot view's colours (views/theme.py) for the error plot."""
        self.error_plot.setBackground(theme.background)
        for name in ("left", "bottom"):
            axis = self.error_plot.getAxis(name)
            axis.setPen(theme.foreground)
            axis.setTextPen(theme.foreground)

    def attach(self, plot: pg.PlotItem) -> None:
        """Put Tₙ and the interval on `plot` (the main plot), moving them from the previous one."""
        if plot is self._plot:
            return
        for item in (self.curve, self.region):
            if item.getViewBox() is not None:
                item.getViewBox().removeItem(item)
            plot.addItem(item, ignoreBounds=True)
        self._plot = plot

    @property
    def moving_items(self) -> list:
        """What changes on every drag frame (the plot view keeps them out of its frozen background)."""
        return [self.curve, self.region]

    def set_visible(self, shown: bool, error: bool) -> None:
        self._shown, self._error_shown = shown, error
        if not shown:
            self.hide()
        self.error_plot.setVisible(shown and error)

    def _align_error_plot(self) -> None:
        """Line the error plot's x-axis up with the main plot's: the same left and right edges on
        screen, so that a value of x sits at the same place in both (the main plot keeps a margin at
        its right that the error plot's widget had not)."""
        if self._plot is None:
            return
        item = self.error_plot.getPlotItem()
        main, own = _screen_span(self._plot.getViewBox()), _screen_span(item.getViewBox())
        if main is None or own is None:
            return
        axis = self.error_plot.getAxis("left")
        if abs(main[0] - own[0]) >= 1:
            axis.setWidth(max(10, int(round(axis.width() + main[0] - own[0]))))
        if abs(main[1] - own[1]) >= 1:
            left, top, right, bottom = item.layout.getContentsMargins()
            item.layout.setContentsMargins(left, top, max(0.0, right + own[1] - main[1]), bottom)

    def hide(self) -> None:
        self.curve.setData([], [])
        self.curve.hide()
        self.region.hide()

    def show(self, expansion, y_view: tuple[float, float] | None) -> None:
        """Draw `expansion` (a TaylorExpansion with its curve) or nothing (None)."""
        curve = expansion.curve if expansion is not None else None
        if not self._shown or curve is None:
            self.hide()
            return
        polynomial = curve.polynomial
        if y_view is not None:
            low, high = y_view
            margin = CLIP_HEIGHTS * (high - low)
            polynomial = np.clip(polynomial, low - margin, high + margin)
        self.curve.setData(curve.x, polynomial)
        self.curve.show()
        if curve.interval is not None and curve.interval[1] > curve.interval[0]:
            self.region.setRegion(curve.interval)
            self.region.show()
        else:
            self.region.hide()
        if self._error_shown:
            self._align_error_plot()
            error = np.where(np.isnan(curve.error), np.nan, np.maximum(curve.error, ERROR_FLOOR))
            self.error_curve.setData(curve.x, error)
            self.tolerance_line.setValue(math.log10(curve.tolerance))
            self.error_plot.setXRange(float(curve.x[0]), float(curve.x[-1]), padding=0)
            self.error_plot.setYRange(-16, 4, padding=0)
