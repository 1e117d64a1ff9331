"""The features of the curve marked on the plot: a shape for each kind, so that a black-and-white
print reads as well as the screen (colour only helps): ▲ maximum, ▼ minimum, ◆ inflection point,
⊕ zero, □ corner, ✶ cusp, ▮ vertical tangent, ■ end of the domain, ○ hole (open, at the limit),
● ○ the two sides of a jump (filled where f has its value), and a dashed vertical line at an
asymptote. Hovering a mark tells what is there; clicking one emits its x (`x_clicked`).

It draws the FeatureSet it is handed: where each mark goes is what the search said.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pyqtgraph as pg
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QPainterPath

from explorer.model.features.result import Feature, FeatureKind
from explorer.views.feature_words import FAMILY_OF, feature_tip
from explorer.views.theme import PlotTheme

K = FeatureKind
#: Over the curves and the tangent, under the point of tangency.
MARKS_Z = 25


def _zero_symbol() -> QPainterPath:
    """⊕: a circle with a cross, in pyqtgraph's unit square."""
    path = QPainterPath()
    path.addEllipse(-0.5, -0.5, 1.0, 1.0)
    path.moveTo(-0.5, 0.0)
    path.lineTo(0.5, 0.0)
    path.moveTo(0.0, -0.5)
    path.lineTo(0.0, 0.5)
    return path


def _bar_symbol() -> QPainterPath:
    path = QPainterPath()
    path.addRect(-0.14, -0.5, 0.28, 1.0)
    return path


ZERO_SYMBOL, BAR_SYMBOL = _zero_symbol(), _bar_symbol()


@dataclass(frozen=True)
class Style:
    """How one kind is marked: pyqtgraph's symbol, its size in pixels, and its fill (None: open)."""

    symbol: object
    size: float
    fill: str | None  # "family" (the family's colour), "background" (an open mark) or None (outline only)


#: Outlined marks first, so the filled ones are drawn over them where several kinds share an x.
STYLES = {
    K.ZERO: Style(ZERO_SYMBOL, 15, None),
    K.CORNER: Style("s", 17, None),
    K.CUSP: Style("star", 19, None),
    K.VERTICAL_TANGENT: Style(BAR_SYMBOL, 17, "family"),
    K.DOMAIN_EDGE: Style("s", 8, "family"),
    K.MAXIMUM: Style("t1", 13, "family"),
    K.MINIMUM: Style("t", 13, "family"),
    K.INFLECTION: Style("d", 12, "family"),
    K.HOLE: Style("o", 10, "background"),
    K.JUMP: Style("o", 9, "family"),
}
_DRAW_ORDER = {kind: rank for rank, kind in enumerate(STYLES)}


@dataclass(frozen=True)
class Mark:
    """One symbol on the plot: where, which kind's style, open or not, and the feature it belongs to."""

    x: float
    y: float
    kind: FeatureKind
    feature: Feature
    open: bool = False


def marks_for(features, families) -> tuple[list[Mark], list[float]]:
    """The symbols for `features` of the shown `families`, in drawing order, and the x of the
    asymptotes (drawn as lines). A hole is marked at its limit; a jump at f's value, filled, and at
    each one-sided limit that differs from it, open."""
    families = set(families)
    marks, asymptotes = [], []
    for feature in features:
        for kind in feature.kinds:
            if FAMILY_OF[kind] not in families:
                continue
            if kind is K.ASYMPTOTE:
                asymptotes.append(feature.x)
            elif kind is K.HOLE:
                marks.append(Mark(feature.x, _or_nan(feature.limit), kind, feature, open=True))
            elif kind is K.JUMP:
                if feature.y is not None:
                    marks.append(Mark(feature.x, feature.y, kind, feature))
                for side in {feature.left_limit, feature.right_limit} - {None, feature.y}:
                    marks.append(Mark(feature.x, side, kind, feature, open=True))
            elif feature.y is not None:
                marks.append(Mark(feature.x, feature.y, kind, feature))
    marks = [mark for mark in marks if math.isfinite(mark.x) and math.isfinite(mark.y)]
    marks.sort(key=lambda mark: _DRAW_ORDER[mark.kind])
    return marks, [x for x in asymptotes if math.isfinite(x)]


def _or_nan(value: float | None) -> float:
    return math.nan if value is None else value


def family_colours(theme: PlotTheme) -> dict[str, QColor]:
    """A colour for each family (a help on screen; the shapes carry the meaning)."""
    return {"zeros": theme.foreground, "extrema": theme.tangent, "inflections": theme.curve(3),
            "non_differentiable": theme.curve(1), "discontinuities": theme.foreground}


class FeatureMarkers(QObject):
    """The marks of one FeatureSet on one plot: a scatter of symbols and a dashed line per asymptote.
    `x_clicked(x)` when a mark is clicked."""

    x_clicked = Signal(float)

    def __init__(self, plot: pg.PlotItem, theme: PlotTheme, parent: QObject | None = None):
        super().__init__(parent)
        self._plot = plot
        self._theme = theme
        self.scatter = pg.ScatterPlotItem(hoverable=True, tip=None, pxMode=True, antialias=True)
        self.scatter.setZValue(MARKS_Z)
        plot.addItem(self.scatter, ignoreBounds=True)
        self.scatter.sigClicked.connect(self._clicked)
        self.scatter.sigHovered.connect(self._hovered)
        self.asymptotes: list[pg.InfiniteLine] = []
        self._marks: list[Mark] = []
        self._asymptote_xs: list[float] = []
        self._tip_shown = False

    @property
    def marks(self) -> list[Mark]:
        """The marks drawn now."""
        return list(self._marks)

    def items(self) -> list:
        """The graphics items, for the plot's still layers during a drag."""
        return [self.scatter, *self.asymptotes]

    def show(self, features, families) -> None:
        """Mark `features` (a sequence of Feature; empty to clear) of the shown `families`."""
        self._marks, self._asymptote_xs = marks_for(features, families)
        self._draw()

    def set_theme(self, theme: PlotTheme) -> None:
        self._theme = theme
        self._draw()

    def _draw(self) -> None:
        theme = self._theme
        colours = family_colours(theme)
        outline = pg.mkPen(theme.foreground, width=1.5)
        clear = pg.mkBrush(QColor(0, 0, 0, 0))
        background = pg.mkBrush(theme.background)
        spots = []
        for index, mark in enumerate(self._marks):
            style = STYLES[mark.kind]
            fill = "background" if mark.open else style.fill
            brush = {None: clear, "background": background}.get(fill) or pg.mkBrush(colours[FAMILY_OF[mark.kind]])
            spots.append({"pos": (mark.x, mark.y), "symbol": style.symbol, "size": style.size,
                          "pen": outline, "brush": brush, "data": index})
        self.scatter.setData(spots)
        while len(self.asymptotes) < len(self._asymptote_xs):
            line = pg.InfiniteLine(angle=90, movable=False)
            line.setZValue(MARKS_Z - 1)
            self._plot.addItem(line, ignoreBounds=True)
            self.asymptotes.append(line)
        pen = pg.mkPen(theme.foreground, width=1.5, style=Qt.PenStyle.DashLine)
        for index, line in enumerate(self.asymptotes):
            shown = index < len(self._asymptote_xs)
            if shown:
                line.setValue(self._asymptote_xs[index])
                line.setPen(pen)
            line.setVisible(shown)

    def _features_of(self, points) -> list[Feature]:
        features = []
        for point in points:
            feature = self._marks[point.data()].feature
            if feature not in features:
                features.append(feature)
        return features

    def _clicked(self, _item, points, _event) -> None:
        features = self._features_of(points)
        if features:
            self.x_clicked.emit(features[0].x)

    def _hovered(self, _item, points, _event) -> None:
        """One tip per feature under the pointer (|x| at 0 has three marks and one description)."""
        box = self.scatter.getViewBox()
        if box is None:
            return
        features = self._features_of(points)
        if features:
            box.setToolTip("\n\n".join(feature_tip(feature) for feature in features))
            self._tip_shown = True
        elif self._tip_shown:
            box.setToolTip("")
            self._tip_shown = False

