"""An axis whose grid lines are drawn in opaque colours, mixed with the plot's background beforehand.

pyqtgraph draws grid lines with a translucent pen, fainter for minor ticks. Qt's raster engine
strokes a translucent line about 40 times slower than an opaque one (60 lines across a 700 px
plot: 17 ms against 0.45 ms measured here), and every change of view redraws them. A colour mixed
with the background beforehand looks the same on that background and draws at the opaque speed.

It also paints straight onto the painter it is given: the view caches the axis's pixels (and an
export paints it once), so pyqtgraph's QPicture, recorded and then replayed, only added to the
cost of each new range, as did handing Qt its lines one call at a time. And it works out what to
draw (`generateDrawSpecs`) as pyqtgraph does, to the same ticks, pens and texts (a test compares
them), with numpy over all ticks at once and each label's size measured once: pyqtgraph's loop
over ticks, made of Point objects and a text measurement per label, took 1.3–2 ms of each
keystroke that changed the y-range.

Its labels are pyqtgraph's, except at a deep zoom: where they would need more digits than the
axis holds, they are offsets from one value said once beside the axis (tick_labels.py); pyqtgraph
left them out there, or wrote the same rounded number under every tick.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPen

from explorer.views.tick_labels import LabelOffset, label_offset

#: Pixels between a horizontal axis's offset note and the nearest label.
NOTE_GAP = 8
#: Where each orientation's axis line runs in its bounds (corner, corner, offset of each) and which
#: edges the ticks run between (the view's, the axis's), as pyqtgraph lays them out.
_LAYOUT = {
    "left": (("topRight", (-1, -1)), ("bottomRight", (-1, 1)), "right", -1),
    "right": (("topLeft", (1, -1)), ("bottomLeft", (1, 1)), "left", 1),
    "top": (("bottomLeft", (-1, -1)), ("bottomRight", (1, -1)), "bottom", -1),
    "bottom": (("topLeft", (-1, 1)), ("topRight", (1, 1)), "top", 1),
}
_TEXT_ALIGN = {
    "left": Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
    "right": Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
    "top": Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
    "bottom": Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
}


def mixed(colour: QColor, background: QColor) -> QColor:
    """`colour` painted at its alpha over an opaque `background`, as one opaque colour."""
    alpha = colour.alphaF()
    return QColor.fromRgbF(*(alpha * getattr(colour, part)() + (1 - alpha) * getattr(background, part)()
                             for part in ("redF", "greenF", "blueF")))


class OpaqueGridAxis(pg.AxisItem):
    """pyqtgraph's AxisItem with each translucent tick or grid pen replaced by its opaque mix.

    Its draw specs are (axis line, [(pen, lines)] in drawing order, texts), the lines of one pen
    together.
    """

    def __init__(self, orientation: str, background: QColor | None = None, **kwargs):
        super().__init__(orientation, **kwargs)
        self.background = QColor(background) if background is not None else None
        # Without units there is no prefix to choose, but pyqtgraph re-renders the (empty) axis
        # label as HTML on every range change to find that out.
        self.enableAutoSIPrefix(False)
        #: A label's (width, height) as pyqtgraph measures it, by (font, text).
        self._text_sizes: dict[tuple[str, str], tuple[float, float]] = {}

    def set_background(self, background: QColor) -> None:
        self.background = QColor(background)
        self.update()

    def _mixing_background(self) -> QColor | None:
        """The background to mix with: an export's own, and none on a transparent one (pens stay translucent)."""
        export = getattr(self, "_exportOpts", False)
        background = pg.mkColor(export["background"]) if export and "background" in export else self.background
        return background if background is not None and background.alpha() == 255 else None

    def _opaque(self, pen: QPen) -> QPen:
        background = self._mixing_background()
        if background is None or pen.color().alpha() == 255:
            return pen
        mapped = QPen(pen)
        mapped.setColor(mixed(pen.color(), background))
        return mapped

    def generateDrawSpecs(self, p):
        if (self._tickLevels is not None or self.logMode or self.grid is False
                or tuple(self.style["stopAxisAtTick"]) != (False, False)):
            return self._batched(super().generateDrawSpecs(p))  # what this app never shows
        if self.style["tickFont"] is not None:
            p.setFont(self.style["tickFont"])
        bounds = self.mapRectFromParent(self.geometry())
        view = self.linkedView()
        tick_bounds = view.mapRectToItem(self, view.boundingRect()) if view is not None else bounds
        (first, first_offset), (second, second_offset), tick_edge, _ = _LAYOUT[self.orientation]
        span = (getattr(bounds, first)() + QPointF(*first_offset), getattr(bounds, second)() + QPointF(*second_offset))
        tick_start, tick_stop = getattr(tick_bounds, tick_edge)(), getattr(bounds, tick_edge)()
        ends = [self.mapToDevice(point) for point in span]
        if None in ends:
            return None
        length = ((ends[1].x() - ends[0].x()) ** 2 + (ends[1].y() - ends[0].y()) ** 2) ** 0.5  # as Point.length
        if length == 0:
            return None
        levels = self.tickValues(self.range[0], self.range[1], length)
        vertical = self.orientation in ("left", "right")
        dif = self.range[1] - self.range[0]
        if dif == 0:
            scale, offset = 1, 0
        elif vertical:
            scale = -bounds.height() / dif
            offset = self.range[0] * scale - bounds.height()
        else:
            scale = bounds.width() / dif
            offset = self.range[0] * scale
        low, high = sorted(x * scale - offset for x in self.range)
        positions, lines = [], []
        for i, (_, values) in enumerate(levels):
            at = np.asarray(values, dtype=float) * scale - offset
            shown = (at >= low) & (at <= high)
            positions.append(np.where(shown, at, np.nan))
            if vertical:
                batch = [QLineF(tick_start, x, tick_stop, x) for x in at[shown].tolist()]
            else:
                batch = [QLineF(x, tick_start, x, tick_stop) for x in at[shown].tolist()]
            lines.append((self._opaque(self._level_pen(i, len(values), length)), batch))
        axis_spec = (self.pen(), span[0], span[1])
        if not self.style["showValues"]:
            return axis_spec, lines, []
        return axis_spec, lines, self._texts(p, levels, positions, length, tick_stop, vertical)

    def tickValues(self, minVal: float, maxVal: float, size: float):
        """pyqtgraph's tick values, a finer level's without those of coarser levels; a value is
        left out when a coarser one lies within 1% of its level's spacing, found by a sorted
        search instead of comparing every pair."""
        if self.logMode:
            return super().tickValues(minVal, maxVal, size)
        minVal, maxVal = sorted((minVal, maxVal))
        minVal, maxVal = minVal * self.scale, maxVal * self.scale
        ticks = []
        taken = np.array([])  # the values of coarser levels, sorted
        for spacing, offset in self.tickSpacing(minVal, maxVal, size):
            start = (math.ceil((minVal - offset) / spacing) * spacing) + offset
            count = int((maxVal - start) / spacing) + 1
            values = (np.arange(count) * spacing + start) / self.scale
            if len(taken):
                above = np.searchsorted(taken, values).clip(0, len(taken) - 1)
                below = (above - 1).clip(0, len(taken) - 1)
                nearest = np.minimum(np.abs(values - taken[below]), np.abs(values - taken[above]))
                values = values[~(nearest <= spacing / self.scale * 0.01)]
            taken = np.sort(np.concatenate([taken, values]))
            ticks.append((spacing / self.scale, values.tolist()))
        return ticks

    def _level_pen(self, level: int, ticks: int, length: float) -> QPen:
        """pyqtgraph's pen for the ticks of one level: fainter for finer levels and denser grids."""
        alpha = self.style["tickAlpha"]
        if alpha is None:
            alpha = 255 / (level + 1)
            if self.grid is not False:
                alpha *= self.grid / 255.0 * min(max(0.05 * length / (ticks + 1), 0.0), 1.0)
        elif isinstance(alpha, float):
            alpha = min(255, max(0, int(round(alpha * 255))))
        pen = self.tickPen()
        if pen.brush().style() == Qt.BrushStyle.SolidPattern:
            pen = QPen(pen)
            colour = QColor(pen.color())
            colour.setAlpha(int(alpha))
            pen.setColor(colour)
        return pen

    def _text_size(self, p, font: str, text: str) -> tuple[float, float]:
        key = (font, text)
        size = self._text_sizes.get(key)
        if size is None:
            rect = p.boundingRect(QRectF(0, 0, 100, 100), Qt.AlignmentFlag.AlignCenter, text)
            size = self._text_sizes[key] = (rect.width(), rect.height() * 0.8)  # as pyqtgraph trims it
        return size

    def _texts(self, p, levels, positions, length: float, tick_stop: float, vertical: bool) -> list:
        """pyqtgraph's tick labels: a finer level's only while the labels so far leave room."""
        text_offset = self.style["tickTextOffset"][0 if vertical else 1]
        shift = max(0, self.style["tickLength"]) + text_offset
        flags = _TEXT_ALIGN[self.orientation] | Qt.TextFlag.TextDontClip
        inside = self._label_room(p)
        sizes, specs = [], []
        last_breadth = 0
        font = p.font().key()
        for i in range(min(len(levels), self.style["maxTextLevel"] + 1)):
            spacing, values = levels[i]
            strings = self.tickStrings(values, self.autoSIPrefixScale * self.scale, spacing)
            if len(strings) == 0:
                continue
            placed = [(text, at, self._text_size(p, font, text))
                      for text, at in zip(strings, positions[i].tolist()) if not math.isnan(at)]
            sizes.extend(size for _, _, size in placed)
            if sizes:
                along = np.sum([size[1] if vertical else size[0] for size in sizes])
                breadth = np.max([size[0] if vertical else size[1] for size in sizes])
            else:
                along = breadth = 0
            if i > 0 and any(len(specs) >= count and along / length >= limit
                             for count, limit in self.style["textFillLimits"]):
                break
            last_breadth = breadth
            for text, at, (width, height) in placed:
                if self.orientation == "left":
                    rect = QRectF(tick_stop - shift - width, at - height / 2, width, height)
                elif self.orientation == "right":
                    rect = QRectF(tick_stop + shift, at - height / 2, width, height)
                elif self.orientation == "top":
                    rect = QRectF(at - width / 2.0, tick_stop - shift - height, width, height)
                else:
                    rect = QRectF(at - width / 2.0, tick_stop + shift, width, height)
                if inside & rect == rect:
                    specs.append((rect, flags, text))
        self._updateMaxTextSize(last_breadth)
        return specs

    def label_offset(self) -> LabelOffset | None:
        """The offset form of this axis's labels at its present range, or None for plain labels."""
        if self.logMode:
            return None
        return label_offset(self.range[0] * self.scale, self.range[1] * self.scale)

    def tickStrings(self, values, scale, spacing):
        offset = self.label_offset()
        if offset is None:
            return super().tickStrings(values, scale, spacing)
        return offset.labels([value * scale for value in values], spacing * scale)

    def _note_rect(self, p, note: str) -> QRectF:
        """Where the offset note goes: along the outer edge of a vertical axis (written upwards,
        centred), at the far end of a horizontal axis's row of labels."""
        bounds = self.mapRectFromParent(self.geometry())  # the axis's own (its bounding rect holds the grid too)
        width, height = self._text_size(p, p.font().key(), note)
        if self.orientation in ("left", "right"):
            x = bounds.left() if self.orientation == "left" else bounds.right() - height
            return QRectF(x, bounds.center().y() - width / 2, height, width)
        shift = max(0, self.style["tickLength"]) + self.style["tickTextOffset"][1]  # as the labels'
        y = bounds.top() + shift if self.orientation == "bottom" else bounds.bottom() - shift - height
        return QRectF(bounds.right() - width, y, width, height)

    def _label_room(self, p) -> QRectF:
        """Where tick labels may go: the axis's bounds, less the offset note's strip or end."""
        bounds = self.boundingRect()
        offset = self.label_offset()
        if offset is None:
            return bounds
        note = self._note_rect(p, offset.note())
        room = QRectF(bounds)
        if self.orientation == "left":
            room.setLeft(note.right())
        elif self.orientation == "right":
            room.setRight(note.left())
        else:
            room.setRight(note.left() - NOTE_GAP)
        return room

    def _draw_note(self, p) -> None:
        """The offset note (×10⁻⁶ + 2) where `_note_rect` puts it, in the labels' font and pen."""
        offset = self.label_offset()
        if offset is None or not self.style["showValues"]:
            return
        note = offset.note()
        rect = self._note_rect(p, note)
        p.save()
        p.translate(rect.center())
        if self.orientation in ("left", "right"):
            p.rotate(-90)
            rect = rect.transposed()
        p.drawText(QRectF(-rect.width() / 2, -rect.height() / 2, rect.width(), rect.height()),
                   int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextDontClip), note)
        p.restore()

    def _batched(self, specs):
        """pyqtgraph's own specs (one line per tick) in this axis's form."""
        if specs is None:
            return None
        axis_spec, tick_specs, text_specs = specs
        lines: dict[int, tuple[QPen, list[QLineF]]] = {}  # by pen, in the order of first use
        for pen, start, end in tick_specs:
            lines.setdefault(id(pen), (pen, []))[1].append(QLineF(start, end))
        return axis_spec, [(self._opaque(pen), batch) for pen, batch in lines.values()], text_specs

    def paint(self, p, opt, widget) -> None:
        p.save()
        try:
            if self.style["tickFont"]:
                p.setFont(self.style["tickFont"])
            specs = self.generateDrawSpecs(p)
            if specs is not None:
                self.drawPicture(p, *specs)
                self._draw_note(p)
        finally:
            p.restore()

    def drawPicture(self, p, axisSpec, tickSpecs, textSpecs) -> None:
        """pyqtgraph's drawing of the specs, with the lines of each pen drawn in one call."""
        p.setRenderHint(p.RenderHint.Antialiasing, False)
        p.setRenderHint(p.RenderHint.TextAntialiasing, True)
        pen, start, end = axisSpec
        p.setPen(pen)
        p.drawLine(start, end)
        for pen, batch in tickSpecs:
            p.setPen(pen)
            p.drawLines(batch)
        if self.style["tickFont"] is not None:
            p.setFont(self.style["tickFont"])
        p.setPen(self.textPen())
        p.setClipRect(self.boundingRect().toAlignedRect())
        for rect, flags, text in textSpecs:
            p.drawText(rect, int(flags), text)
