"""The secant on the plot: the line through P = (x₀, f(x₀)) and Q = (x₀ + h, f(x₀ + h)), and Q as a
handle the student drags along the curve. Draws a SecantReading (model/secant.py); the line's ends
come from the reading itself (`SecantReading.line`), for the visible range."""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtCore import QObject, QRectF, Qt, Signal
from PySide6.QtGui import QPainterPath
from PySide6.QtWidgets import QGraphicsItem

Q_SIZE = 11.0
SECANT_Z = 9


class QHandle(pg.GraphicsObject):
    """Q: a ring of fixed pixel size that a left drag moves along x (the reading puts it on the curve)."""

    sigDragStarted = Signal()
    sigDragged = Signal(float)  # the x under the pointer, in the plot's coordinates
    sigDragFinished = Signal()

    def __init__(self):
        super().__init__()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setCursor(Qt.CursorShape.SizeHorCursor)
        self._pen = pg.mkPen("k")
        self._brush = pg.mkBrush("w")

    def boundingRect(self) -> QRectF:
        r = Q_SIZE / 2 + 4  # a little larger than drawn: easier to grab
        return QRectF(-r, -r, 2 * r, 2 * r)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addEllipse(self.boundingRect())
        return path

    def paint(self, painter, *args) -> None:
        painter.setRenderHint(painter.RenderHint.Antialiasing)
        painter.setPen(self._pen)
        painter.setBrush(self._brush)
        r = Q_SIZE / 2
        painter.drawEllipse(QRectF(-r, -r, 2 * r, 2 * r))

    def set_colours(self, fill, outline) -> None:
        self._brush, self._pen = pg.mkBrush(fill), pg.mkPen(outline, width=2.5)
        self.update()

    def place(self, x: float, y: float) -> None:
        visible = math.isfinite(x) and math.isfinite(y)
        if visible:
            self.setPos(x, y)
        self.setVisible(visible)

    def mouseDragEvent(self, ev) -> None:
        if ev.button() != Qt.MouseButton.LeftButton:
            ev.ignore()
            return
        ev.accept()
        box = self.getViewBox()
        if ev.isStart():
            self.sigDragStarted.emit()
        if box is not None:
            self.sigDragged.emit(box.mapSceneToView(ev.scenePos()).x())
        if ev.isFinish():
            self.sigDragFinished.emit()


class SecantItems(QObject):
    """The secant's line and Q on one plot; `show(secant, x_view)` draws a SecantReading or nothing."""

    def __init__(self, plot: pg.PlotItem, parent: QObject | None = None):
        super().__init__(parent)
        self.line = pg.PlotCurveItem(name="secant PQ")
        self.line.setZValue(SECANT_Z)
        self.q = QHandle()
        self.q.setZValue(31)
        self.q.setVisible(False)
        plot.addItem(self.line)
        plot.addItem(self.q, ignoreBounds=True)
        self.secant = None

    def items(self) -> list:
        return [self.line, self.q]

    def set_colours(self, colour, background) -> None:
        self.line.setPen(pg.mkPen(colour, width=2))
        self.q.set_colours(background, colour)

    def show(self, secant, x_view: tuple[float, float]) -> None:
        self.secant = secant
        ends = secant.line(*_wide(x_view)) if secant is not None else None
        if ends is None:
            self.line.setData([], [])
        else:
            (xa, ya), (xb, yb) = ends
            self.line.setData([xa, xb], [ya, yb])
        if secant is None:
            self.q.setVisible(False)
        else:
            self.q.place(*secant.q_point)


def _wide(x_view: tuple[float, float]) -> tuple[float, float]:
    """The visible x-range and as much again either side: the line reaches past every edge while
    the view pans, until the next reading redraws it."""
    span = x_view[1] - x_view[0]
    return x_view[0] - span, x_view[1] + span
