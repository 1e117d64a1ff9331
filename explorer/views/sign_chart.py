"""The sign charts under the plot, sharing its x axis: the tableau de variations a teacher draws by
hand, live. A row for f′ (+ ↗, − ↘) and a row for f″ (+ ∪, − ∩), their boundaries at the
FeatureSet's sign intervals, ‖ where the derivative does not exist (with the one-sided slopes either
side in the f′ row: |x| at 0 reads "−1 ‖ +1"), a shaded cell where it is undefined, and each
boundary's x written above the rows (in its exact form where the search found one).

It draws the cells it is handed and computes nothing about the function: where a cell's sign goes
on screen is the only thing worked out here (the visible middle of the cell, so a wide cell keeps
its sign in sight while the plot is panned).
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGraphicsRectItem

from explorer.model.features.result import FeatureSet, Sign
from explorer.notation import MINUS, derivative_name, format_number
from explorer.views.feature_words import exact_text
from explorer.views.theme import PlotTheme

#: Rows in the chart's own y units: f′ in [1, 2], f″ in [0, 1], the boundaries' x above them.
FIRST_ROW, SECOND_ROW, LABEL_TOP = 1.5, 0.5, 2.85
CHART_HEIGHT = 96
#: Half the gap of ‖, in pixels.
DOUBLE_BAR_PX = 1.5
ARROWS = {Sign.POSITIVE: "\u2197", Sign.NEGATIVE: "\u2198", Sign.ZERO: "\u2192"}
BOWLS = {Sign.POSITIVE: "\u222a", Sign.NEGATIVE: "\u2229", Sign.ZERO: ""}
SIGNS = {Sign.POSITIVE: "+", Sign.NEGATIVE: MINUS, Sign.ZERO: "0"}


def cell_text(sign: Sign, row: int) -> str:
    """'+ ↗' for f′ (row 1) or '+ ∪' for f″ (row 2); nothing where the derivative is undefined."""
    if sign is Sign.UNDEFINED:
        return ""
    shape = (ARROWS if row == 1 else BOWLS)[sign]
    return f"{SIGNS[sign]} {shape}".strip()


def boundary_labels(feature_set: FeatureSet) -> list[tuple[float, str]]:
    """Each inner boundary of either row with its x as text: exact where a feature there has it."""
    exact = {feature.x: exact_text(feature.exact) for feature in feature_set.features if feature.exact}
    xs = sorted({cell.x_start for cell in (*feature_set.first, *feature_set.second)} - {feature_set.x_min})
    return [(x, exact.get(x) or format_number(x, 4)) for x in xs if feature_set.x_min < x < feature_set.x_max]


def one_sided_slopes(feature_set: FeatureSet) -> list[tuple[float, str, str]]:
    """Where f′ does not exist and the feature there has both one-sided slopes: (x, left, right)."""
    ends = {cell.x_end for cell in feature_set.first if cell.ends_undefined}
    return [(feature.x, format_number(feature.left_slope, 4), format_number(feature.right_slope, 4))
            for feature in feature_set.features
            if feature.x in ends and feature.left_slope is not None and feature.right_slope is not None]


class SignChart(pg.PlotItem):
    """Two rows of sign cells for a FeatureSet (`show`), x-linked to a plot (`link`)."""

    def __init__(self, theme: PlotTheme, left_axis_width: int):
        axis = pg.AxisItem("left")
        axis.setTicks([[(FIRST_ROW, derivative_name(1)), (SECOND_ROW, derivative_name(2))]])
        axis.setWidth(left_axis_width)
        axis.setStyle(tickLength=0)
        super().__init__(axisItems={"left": axis})
        self.hideButtons()
        self.setMenuEnabled(False)
        self.hideAxis("bottom")
        self.setMinimumHeight(CHART_HEIGHT)
        self.setMaximumHeight(CHART_HEIGHT)
        box = self.getViewBox()
        box.setMouseEnabled(x=False, y=False)
        box.enableAutoRange(enable=False)
        box.setYRange(0.0, LABEL_TOP, padding=0)
        self._theme = theme
        self._features: FeatureSet | None = None
        #: (x, top of its row) of each boundary where the derivative does not exist: drawn ‖.
        self._undefined: list[tuple[float, float]] = []
        self.rules = pg.PlotCurveItem(connect="pairs")
        self.double_bars = pg.PlotCurveItem(connect="pairs")
        for item in (self.rules, self.double_bars):
            self.addItem(item, ignoreBounds=True)
        self.shades: list[QGraphicsRectItem] = []
        self.texts: list[pg.TextItem] = []
        #: (x of the text, row or None, cell start, cell end) for each text in use: where it goes.
        self._placing: list[tuple[float, float | None, float, float]] = []
        box.sigXRangeChanged.connect(lambda *_: self._place())
        box.sigResized.connect(lambda *_: self._place())
        self.set_theme(theme)

    def link(self, plot: pg.PlotItem) -> None:
        self.setXLink(plot)

    def set_theme(self, theme: PlotTheme) -> None:
        self._theme = theme
        self.getAxis("left").setPen(pg.mkPen(theme.foreground))
        self.getAxis("left").setTextPen(pg.mkPen(theme.foreground))
        self.rules.setPen(pg.mkPen(theme.foreground, width=1))
        self.double_bars.setPen(pg.mkPen(theme.foreground, width=1))
        shade = QColor(theme.foreground)
        shade.setAlpha(40)
        for rect in self.shades:
            rect.setBrush(pg.mkBrush(shade))
            rect.setPen(pg.mkPen(None))
        for text in self.texts:
            text.setColor(theme.foreground)

    def show(self, feature_set: FeatureSet | None) -> None:
        """Draw the charts of `feature_set` (None: empty rows)."""
        self._features = feature_set
        if feature_set is None:
            self.rules.setData([], [])
            self._undefined = []
            self._use_texts([])
            self._use_shades([])
            self._place()
            return
        lo, hi = feature_set.x_min, feature_set.x_max
        xs, ys = [lo, hi, lo, hi, lo, hi], [0.0, 0.0, 1.0, 1.0, 2.0, 2.0]
        undefined = []
        for row_top, cells in ((2.0, feature_set.first), (1.0, feature_set.second)):
            for cell in cells:
                for x in (cell.x_start, cell.x_end):
                    xs += [x, x]
                    ys += [row_top - 1.0, row_top]
                if cell.ends_undefined:
                    undefined.append((cell.x_end, row_top))
        self.rules.setData(np.array(xs), np.array(ys), connect="pairs")
        self._undefined = undefined
        texts, shades = [], []
        for row, (y, cells) in enumerate(((FIRST_ROW, feature_set.first), (SECOND_ROW, feature_set.second)), 1):
            for cell in cells:
                if cell.sign is Sign.UNDEFINED:
                    shades.append(QRectF(cell.x_start, y - 0.5, cell.x_end - cell.x_start, 1.0))
                else:
                    texts.append((cell_text(cell.sign, row), (0.5, 0.5), (None, y, cell.x_start, cell.x_end)))
        for x, label in boundary_labels(feature_set):
            texts.append((label, (0.5, 1.0), (x, 2.05, x, x)))
        for x, left, right in one_sided_slopes(feature_set):
            texts.append((left + "\u2009", (1.0, 0.5), (x, FIRST_ROW, x, x)))
            texts.append(("\u2009" + right, (0.0, 0.5), (x, FIRST_ROW, x, x)))
        self._use_texts(texts)
        self._use_shades(shades)
        self._place()

    def _use_texts(self, texts) -> None:
        while len(self.texts) < len(texts):
            text = pg.TextItem(color=self._theme.foreground)
            self.addItem(text, ignoreBounds=True)
            self.texts.append(text)
        self._placing = []
        for text, shown in zip(self.texts, texts, strict=False):
            words, anchor, placing = shown
            if text.toPlainText() != words:
                text.setText(words)
            text.setAnchor(anchor)
            self._placing.append(placing)
        for index, text in enumerate(self.texts):
            text.setVisible(index < len(texts))

    def _use_shades(self, rects) -> None:
        while len(self.shades) < len(rects):
            shade = QGraphicsRectItem()
            self.addItem(shade, ignoreBounds=True)
            self.shades.append(shade)
            self.set_theme(self._theme)
        for index, shade in enumerate(self.shades):
            if index < len(rects):
                shade.setRect(rects[index])
            shade.setVisible(index < len(rects))

    def _place(self) -> None:
        """Put each sign in the visible middle of its cell (hidden where the cell is too narrow on
        screen), and redraw ‖ at its few pixels' gap for the current zoom."""
        box = self.getViewBox()
        (x_lo, x_hi), _ = box.viewRange()
        width = box.width()
        pixel = (x_hi - x_lo) / width if width > 0 else math.nan
        # The one-sided slopes beside a ‖ take their width out of the cells either side, so a narrow
        # cell's sign never prints over them ("−1 ↘" read as "−1̶").
        taken_left, taken_right = {}, {}
        for text, (x, y, _, _) in zip(self.texts, self._placing, strict=False):
            if x is not None and y == FIRST_ROW and text.isVisible():
                side = taken_left if text.anchor.x() == 1.0 else taken_right
                side[x] = text.textItem.boundingRect().width()
        for text, (x, y, start, end) in zip(self.texts, self._placing, strict=False):
            if x is None:  # a cell's sign
                left, right = max(start, x_lo), min(end, x_hi)
                if y == FIRST_ROW and math.isfinite(pixel):
                    left += taken_right.get(start, 0.0) * pixel
                    right -= taken_left.get(end, 0.0) * pixel
                # a cell narrower on screen than its sign shows none (it would overlap its neighbours')
                visible = math.isfinite(pixel) and (right - left) / pixel >= text.textItem.boundingRect().width()
                text.setVisible(visible)
                if visible:
                    text.setPos((left + right) / 2, y)
            else:
                text.setPos(x, y)
        if self._features is None or not math.isfinite(pixel):
            self.double_bars.setData([], [])
            return
        xs, ys = [], []
        for x, row_top in self._undefined:
            for offset in (-DOUBLE_BAR_PX * pixel, DOUBLE_BAR_PX * pixel):
                xs += [x + offset, x + offset]
                ys += [row_top - 1.0, row_top]
        self.double_bars.setData(np.array(xs), np.array(ys), connect="pairs")
