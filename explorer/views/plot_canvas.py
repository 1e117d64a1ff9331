"""The plot's graphics view, which can draw the still layers of the plot from one picture.

A drag frame moves only the tangent, the points and the x₀ guides, but the tangent spans the plot,
so each frame repaints everything under it: the grid and axes and every curve, each a cached
pixmap yet blended one by one over the whole plot (about 2 ms of a frame). For the length of a
drag those still layers are painted once into the view's background, which the view caches and
copies in one go, and left out of the scene's painting (opacity 0: they keep their place, size and
bounds, so nothing moves or reflows). Whatever changes the plot mid-drag thaws it first.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyqtgraph as pg
from PySide6.QtWidgets import QGraphicsItem


class PlotCanvas(pg.GraphicsLayoutWidget):
    """pyqtgraph's layout widget, plus `freeze(still, moving)` and `thaw()`."""

    # Class defaults: pyqtgraph's __init__ already resizes the view, which thaws.
    _picture = None
    #: (item, its opacity) for each still item left out of the scene's painting while frozen.
    _still: list[tuple[QGraphicsItem, float]] = []

    @property
    def frozen(self) -> bool:
        return self._picture is not None

    def freeze(self, still: Iterable[QGraphicsItem], moving: Iterable[QGraphicsItem]) -> None:
        """Paint the view without `moving` (and everything above the still layers must be among
        them), keep that picture as the background, and stop painting the `still` items."""
        self.thaw()
        moving = [(item, item.opacity()) for item in moving]
        for item, _ in moving:
            item.setOpacity(0.0)
        picture = self.viewport().grab()
        for item, opacity in moving:
            item.setOpacity(opacity)
        self._still = [(item, item.opacity()) for item in still]
        for item, _ in self._still:
            item.setOpacity(0.0)
        self._picture = picture
        self.resetCachedContent()

    def thaw(self) -> None:
        """Paint every layer live again."""
        if self._picture is None:
            return
        for item, opacity in self._still:
            item.setOpacity(opacity)
        self._still, self._picture = [], None
        self.resetCachedContent()
        self.viewport().update()

    def drawBackground(self, painter, rect) -> None:
        if self._picture is None:
            super().drawBackground(painter, rect)
            return
        painter.save()
        painter.resetTransform()  # the picture is in the viewport's pixels
        painter.drawPixmap(0, 0, self._picture)
        painter.restore()

    def resizeEvent(self, event) -> None:
        self.thaw()
        super().resizeEvent(event)
