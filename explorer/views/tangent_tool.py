"""The tangent tool: a point the student drags along the curve, and the line drawn through it.

Dragging is handled by the plot's ViewBox: a left drag that starts on the point (or on the dashed
x₀ guide) moves x₀, any other drag pans. The point is then put at (x₀, f(x₀)) from the engine's
reading, so it can only ever sit on the curve. `tangent_path` only lays out lines for a slope the
engine already decided on; it never estimates one.

At a corner the two half-tangents are drawn, and each one's line is continued past x₀, dotted
(`TangentItem`): at the corner of |x| the half-tangents lie on the curve itself, and drawn over it
they read as the curve; their continuations leave it, and show two lines crossing at x₀.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QPen
from PySide6.QtWidgets import QGraphicsEllipseItem, QGraphicsItem

#: How near (in pixels) a press must be to the point, or to the x₀ guide, to grab it.
GRAB_RADIUS_PX = 12.0
GUIDE_GRAB_PX = 5.0


def drag_step(pixel: float) -> float | None:
    """The steps a dragged x₀ moves in: the round number (1, 2 or 5 × 10ᵏ) at most `pixel` wide.

    Every pixel still gives its own x₀, and the readout shows x₀ = 1.37 rather than 1.36842. The
    x₀ a drag can reach next are then known exactly: whole multiples of the step.
    """
    if not (math.isfinite(pixel) and pixel > 0):
        return None
    exponent = math.floor(math.log10(pixel))
    return next(step for step in (mantissa * 10.0 ** exponent for mantissa in (5, 2, 1, 0.5)) if step <= pixel)


class PointDragViewBox(pg.ViewBox):
    """A ViewBox whose left drags move the marked point's x instead of panning when they start on it."""

    sigPointDragStarted = Signal()
    sigPointDragged = Signal(float)
    sigPointDragFinished = Signal()

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        #: Data coordinates of the draggable point (y may be NaN: only the guide can be grabbed then).
        self.handle: tuple[float, float] | None = None
        self._dragging = False
        # pyqtgraph moves the view's transform only when the next paint starts; moving it there
        # dirties every item again and costs a second full paint. Moved at once, one paint does.
        self.sigRangeChanged.connect(lambda *_: self.updateMatrix())

    def is_near_handle(self, scene_pos: QPointF) -> bool:
        if self.handle is None or not math.isfinite(self.handle[0]):
            return False
        x0, y0 = self.handle
        y_for_guide = y0 if math.isfinite(y0) else self.viewRange()[1][0]
        anchor = self.mapViewToScene(QPointF(x0, y_for_guide))
        dx, dy = scene_pos.x() - anchor.x(), scene_pos.y() - anchor.y()
        return (math.isfinite(y0) and dx * dx + dy * dy <= GRAB_RADIUS_PX ** 2) or abs(dx) <= GUIDE_GRAB_PX

    def mouseDragEvent(self, ev, axis=None):
        if ev.button() == Qt.MouseButton.LeftButton and axis is None:
            if ev.isStart():
                self._dragging = self.is_near_handle(ev.buttonDownScenePos())
                if self._dragging:
                    self.sigPointDragStarted.emit()
            if self._dragging:
                ev.accept()
                self.sigPointDragged.emit(self.mapSceneToView(ev.scenePos()).x())
                if ev.isFinish():
                    self._dragging = False
                    self.sigPointDragFinished.emit()
                return
        super().mouseDragEvent(ev, axis)

    def hoverEvent(self, ev):
        near = not ev.isExit() and self.is_near_handle(ev.scenePos())
        if near:
            self.setCursor(Qt.CursorShape.SizeHorCursor)
        else:
            self.unsetCursor()


def skip_hover_search_while_dragging(scene: pg.GraphicsScene) -> None:
    """Let `scene` skip pyqtgraph's search for hovered items on the mouse moves of a drag.

    pyqtgraph searches on every move (about 1.2 ms: a scene query sorted by z in Python), though
    mid-drag no item may accept a hover, and ours only choose the cursor, which keeps its shape
    through a drag anyway. The release searches again, so hover state is right once the drag ends.
    """
    search = scene.sendHoverEvents

    def unless_dragging(ev, exitOnly=False):
        if exitOnly or not (scene.dragButtons and ev.buttons()):
            search(ev, exitOnly)

    scene.sendHoverEvents = unless_dragging


def tangent_path(reading, x_view: tuple[float, float], y_view: tuple[float, float]) -> tuple[np.ndarray, np.ndarray]:
    """Points of the tangent (or half-tangents, or vertical line) across the whole visible range.

    Empty arrays where there is no tangent to draw (undefined point, a jump).
    """
    kind = str(getattr(reading.kind, "value", reading.kind))
    x0, y0 = reading.x, reading.value
    if not math.isfinite(y0):
        return np.empty(0), np.empty(0)
    span = x_view[1] - x_view[0]
    left, right = x_view[0] - span, x_view[1] + span
    if kind == "smooth" and math.isfinite(reading.slope):
        m = reading.slope
        return np.array([left, right]), np.array([y0 + m * (left - x0), y0 + m * (right - x0)])
    if kind == "corner" and math.isfinite(reading.left_slope) and math.isfinite(reading.right_slope):
        xs = np.array([left, x0, right])
        return xs, np.array([y0 + reading.left_slope * (left - x0), y0, y0 + reading.right_slope * (right - x0)])
    if kind in ("vertical", "cusp"):
        height = y_view[1] - y_view[0]
        return np.array([x0, x0]), np.array([y_view[0] - height, y_view[1] + height])
    return np.empty(0), np.empty(0)


def half_tangent_continuations(reading, x_view: tuple[float, float]) -> tuple[np.ndarray, np.ndarray]:
    """At a corner, each half-tangent's line on the other side of x₀, as segment pairs (the left
    one's to the right, the right one's to the left) across the visible range; empty elsewhere."""
    kind = str(getattr(reading.kind, "value", reading.kind))
    x0, y0 = reading.x, reading.value
    slopes = (reading.left_slope, reading.right_slope)
    if kind != "corner" or not all(math.isfinite(value) for value in (y0, *slopes)):
        return np.empty(0), np.empty(0)
    span = x_view[1] - x_view[0]
    left, right = x_view[0] - span, x_view[1] + span
    left_slope, right_slope = slopes
    return (np.array([x0, right, left, x0]),
            np.array([y0, y0 + left_slope * (right - x0), y0 + right_slope * (left - x0), y0]))


class TangentItem(pg.PlotCurveItem):
    """The tangent at x₀ (`tangent_path`), with a child that draws the half-tangents' continuations
    (`half_tangent_continuations`) in the same colour, dotted."""

    #: The continuations' item; a class default while pyqtgraph's __init__ may already set a pen.
    continuations: pg.PlotCurveItem | None = None

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.continuations = pg.PlotCurveItem(connect="pairs")
        self.continuations.setParentItem(self)
        self.setPen(self.opts["pen"])

    def setPen(self, *args, **kwargs) -> None:
        super().setPen(*args, **kwargs)
        if self.continuations is not None:
            self.continuations.setPen(continuation_pen(self.opts["pen"]))

    def show_reading(self, reading, x_view: tuple[float, float], y_view: tuple[float, float]) -> None:
        """Draw the tangent (or half-tangents, and their continuations) of `reading` for this view;
        nothing for None."""
        if reading is None:
            self.setData([], [])
            self._show_continuations(np.empty(0), np.empty(0))
            return
        self.setData(*tangent_path(reading, x_view, y_view))
        self._show_continuations(*half_tangent_continuations(reading, x_view))

    def _show_continuations(self, xs: np.ndarray, ys: np.ndarray) -> None:
        """Hand the continuations over, unless they stay empty (every drag frame away from a corner)."""
        shown = self.continuations.xData
        if len(xs) or (shown is not None and len(shown)):
            self.continuations.setData(xs, ys, connect="pairs")


def continuation_pen(pen: QPen) -> QPen:
    """The tangent's colour and width, dotted: a line the half-tangent lies on, not one more tangent."""
    dotted = QPen(pen)
    dotted.setStyle(Qt.PenStyle.DotLine)
    return dotted


class Dot(QGraphicsEllipseItem):
    """A filled circle of fixed pixel size at a data point. Moving it is one setPos: cheap on every drag frame."""

    def __init__(self, diameter: float):
        radius = diameter / 2
        super().__init__(-radius, -radius, diameter, diameter)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)

    def place(self, x: float, y: float) -> None:
        """Put the dot at (x, y), or hide it where that point does not exist."""
        if math.isfinite(x) and math.isfinite(y):
            self.setPos(x, y)
            self.setVisible(True)
        else:
            self.setVisible(False)

    def set_colours(self, fill, outline, outline_width: float) -> None:
        self.setBrush(pg.mkBrush(fill))
        self.setPen(pg.mkPen(outline, width=outline_width))
