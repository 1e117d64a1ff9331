"""The items that show where a curve changes faster than the screen can follow: a filled band in
the curve's colour (`BandItem`, outlines from bands.py) and a note on the plot (`UnresolvedNote`)."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QPainterPath
from PySide6.QtWidgets import QGraphicsPathItem, QGraphicsRectItem, QGraphicsSimpleTextItem

from explorer.views.polyline import Line

#: What the note says (a student's words: the band is true, the wave it replaces was not).
NOTE_TEXT = "oscillates faster than the screen can show; zoom in"
#: The band's opacity over the plot: the grid stays readable through it.
BAND_ALPHA = 110
NOTE_MARGIN_PX, NOTE_PADDING_PX = 8, 3


class BandItem(QGraphicsPathItem):
    """The bands of one curve, in data coordinates: one filled path, no outline."""

    def __init__(self):
        super().__init__()
        self.setPen(pg.mkPen(None))

    def set_outline(self, line: Line | None) -> None:
        self.setPath(QPainterPath() if line is None else pg.arrayToQPath(line.x, line.y, connect=line.connect))

    def set_colour(self, colour) -> None:
        fill = QColor(colour)
        fill.setAlpha(BAND_ALPHA)
        self.setBrush(pg.mkBrush(fill))

    def shown(self) -> bool:
        return not self.path().isEmpty()


class UnresolvedNote(QGraphicsRectItem):
    """NOTE_TEXT on a backdrop, pinned in pixels to the bottom-left corner of a plot's view box."""

    def __init__(self, box: pg.ViewBox):
        super().__init__(box)
        self._text = QGraphicsSimpleTextItem(NOTE_TEXT, self)
        self._text.setPos(NOTE_PADDING_PX, NOTE_PADDING_PX)
        self.setPen(pg.mkPen(None))
        self.setZValue(1000)
        self.setVisible(False)
        self._box = box
        box.sigResized.connect(self._place)
        self._place()

    def set_colours(self, text, background) -> None:
        self._text.setBrush(pg.mkBrush(text))
        backdrop = QColor(background)
        backdrop.setAlpha(200)
        self.setBrush(pg.mkBrush(backdrop))

    def detach(self) -> None:
        """Leave the plot (its layout is being rebuilt)."""
        self._box.sigResized.disconnect(self._place)
        if self.scene() is not None:
            self.scene().removeItem(self)

    def text(self) -> str:
        return self._text.text()

    def _place(self, *_) -> None:
        size = self._text.boundingRect()
        width, height = size.width() + 2 * NOTE_PADDING_PX, size.height() + 2 * NOTE_PADDING_PX
        self.setRect(QRectF(0, 0, width, height))
        self.setPos(NOTE_MARGIN_PX, max(0.0, self._box.height() - height - NOTE_MARGIN_PX))
