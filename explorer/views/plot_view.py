"""The plot: f, the derivative curves, the tangent tool. Draws plain data it is handed, nothing more.

Inputs: `set_display(orders, layout)`, `set_features(FeatureDisplay)`, `show_frame(Frame)`,
`show_reading(PointReading)`, `set_view(x_range, y_range, stacked_y_ranges)`. Outputs (user gestures
only): `x0_dragged`, `drag_started`, `drag_finished`, `view_changed(x_range, y_range, stacked_y_ranges)`,
`width_changed(pixels)`, `feature_clicked(x)`.

The features of the curve, where the frame brings them, are marked on f's plot (feature_markers.py),
charted by sign under the plots (sign_chart.py), and may colour f's curve (sign_colouring.py).

Overlay puts every curve in one plot; stacked gives each derivative its own plot under f, all
sharing the x axis. Colours follow the Qt palette and change with it (light/dark desktops).
A frame brings samples; the view makes the lines it draws from them for its own pixels (polyline.py).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGraphicsItem, QVBoxLayout, QWidget

from explorer.model.features.result import Sign
from explorer.notation import derivative_name
from explorer.views.bands import band_outline, worth_a_note
from explorer.views.error_plot import ErrorPlot
from explorer.views.feature_markers import FeatureMarkers
from explorer.views.grid_axis import OpaqueGridAxis
from explorer.views.legend_place import CORNERS, least_covered_corner
from explorer.views.plot_canvas import PlotCanvas
from explorer.views.polyline import lines_for, pixel_size
from explorer.views.secant_tool import SecantItems
from explorer.views.sign_chart import SignChart
from explorer.views.sign_colouring import pieces_by_sign
from explorer.views.tangent_tool import Dot, PointDragViewBox, TangentItem, drag_step, skip_hover_search_while_dragging
from explorer.views.theme import PlotTheme, theme_from_palette
from explorer.views.unresolved_band import BandItem, UnresolvedNote

POINT_SIZE = 11
#: Pixels between the legend and the plot's edges.
LEGEND_MARGIN = 8
MARKER_SIZE = 8
LEFT_AXIS_WIDTH = 56
LEGEND_ALPHA = 170
#: A drag reads x₀ this many steps either side ahead (a step is at most a pixel; a mouse move in a
#: steady drag goes a few pixels).
READ_AHEAD_STEPS = 24
#: Below the ViewBox (pyqtgraph puts it at -100, its axes at 0.5): the grid lies under the curves.
AXIS_Z = -200
#: The tangent and the x₀ guides lie over every curve (z 0 and below) and under the points: the
#: frozen still layers of a drag (plot_canvas.py) are all under them too, so a drag looks the same
#: frozen or live.
TANGENT_Z, GUIDE_Z = 0.5, 1
#: f's curve coloured by sign lies over f's own curve, under the tangent.
SIGN_COLOUR_Z = 0.25


def _pixel_size(box: pg.ViewBox) -> tuple[float, float] | None:
    """Data units per screen pixel along x and y, or None while the box has no size on screen."""
    x_view, y_view = box.viewRange()
    return pixel_size(x_view, y_view, box.width(), box.height())


def _cache_legend(legend: pg.LegendItem) -> None:
    """Draw the legend from pixmaps, redrawn when its colours change (this is called then).

    The tangent line spans the plot, so every drag frame repaints whatever lies under it; drawn
    afresh, the legend's texts took about 0.6 ms of each frame.
    """
    cached = QGraphicsItem.CacheMode.DeviceCoordinateCache
    legend.setCacheMode(cached)
    for sample, label in legend.items:
        for item in (sample, label.item):
            item.setCacheMode(cached)
            item.update()


def _theme_legend(legend: pg.LegendItem, theme, cache: bool = True) -> None:
    """The legend's texts in the theme's foreground, on a translucent backdrop of its background;
    drawn from pixmaps if `cache` (not where a sample's symbols take their colours with the data)."""
    legend.setLabelTextColor(theme.foreground)
    for _, label in legend.items:  # pyqtgraph re-renders a label only on setText
        label.setText(label.text, color=theme.foreground)
    backdrop = QColor(theme.background)
    backdrop.setAlpha(LEGEND_ALPHA)  # curves behind the legend stay visible
    legend.setBrush(pg.mkBrush(backdrop))
    if cache:
        _cache_legend(legend)


@dataclass(frozen=True)
class FeatureDisplay:
    """What the plot shows of the features (DocumentState's toggles, as the view needs them)."""

    markers: bool = False
    families: tuple[str, ...] = ()
    sign_charts: bool = False
    colouring: str = "none"  # "first" or "second": f's curve coloured by the sign of f′ or f″

    @classmethod
    def of(cls, state) -> FeatureDisplay:
        return cls(state.show_features, state.feature_families, state.show_sign_charts, state.curve_colouring)


def _view_key(x_range, y_range, stacked_y_ranges) -> tuple:
    """A view as view_changed carries it."""
    return (tuple(x_range), None if y_range is None else tuple(y_range),
            tuple(sorted((order, tuple(chosen)) for order, chosen in dict(stacked_y_ranges).items())))


def _same(a, b) -> bool:
    scale = max(abs(b[1] - b[0]), 1e-300)
    return abs(a[0] - b[0]) <= 1e-9 * scale and abs(a[1] - b[1]) <= 1e-9 * scale


class PlotView(QWidget):
    x0_dragged = Signal(float)
    drag_started = Signal()
    drag_finished = Signal()
    #: Pan/zoom: (x_min, x_max), (y_min, y_max) or None (automatic), and the y-ranges chosen for
    #: stacked derivative plots as (order, (y_min, y_max)) pairs.
    view_changed = Signal(object, object, object)
    width_changed = Signal(int)              # plot width in pixels, for the grid density
    feature_clicked = Signal(float)          # x of a feature whose mark was clicked
    secant_h_dragged = Signal(float)         # Q dragged: the secant's new h (x_Q − x₀ in drag steps)
    theme_changed = Signal(object)           # the PlotTheme now applied, for the window's other plots

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.graphics = PlotCanvas(self)
        self.graphics.setObjectName("plot")
        self.graphics.setAccessibleName("Plot of f and its derivatives")
        self.graphics.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        skip_hover_search_while_dragging(self.graphics.scene())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.graphics)
        self._theme: PlotTheme = theme_from_palette(self.palette())
        #: Line widths are given in device-independent pixels: pyqtgraph's cosmetic pens are device
        #: pixels, so on a screen scaled 2x (QT_SCALE_FACTOR=2, a 4K laptop) f′ became a hairline.
        self._line_scale = self.devicePixelRatioF()
        self._orders: tuple[int, ...] = ()
        self._layout = "overlay"
        self._frame = None  # the latest Frame shown
        self._y_ranges: dict[int, tuple[float, float]] = {}
        self._reading = None
        self._auto_y = True
        #: The y-range the user chose for a stacked derivative plot, by order: new curves leave it alone.
        self._manual_y: dict[int, tuple[float, float]] = {}
        self._show_tangent = True
        self._last_width = 0
        self._dragging = False  # the point, not the view
        #: Items of tools that move with x₀ (the Taylor tool's), kept out of a drag's frozen background.
        self.extra_moving_items: list = []
        #: Curves of tools the main legend lists while they are visible, with their names (add_legend_item).
        self._tool_legend_items: dict = {}
        self._drag_step: float | None = None  # x₀'s step in the drag under way (tangent_tool.drag_step)
        self.main_plot = self._new_plot()
        self.legend = self.main_plot.addLegend(offset=(LEGEND_MARGIN, LEGEND_MARGIN))
        self._legend_corner = "top-left"
        self.main_plot.getViewBox().sigResized.connect(self._plot_resized)
        # A bare curve item: it moves on every drag frame, and a PlotDataItem's setData costs ten
        # times as much (0.26 ms against 0.02) for what it offers data curves.
        self.tangent_item = TangentItem(name="tangent at x\u2080")
        self.tangent_item.setZValue(TANGENT_Z)
        self.point = Dot(POINT_SIZE)
        self.point.setVisible(False)
        self._plots: dict[int, pg.PlotItem] = {0: self.main_plot}
        #: The secant tool (secant_tool.py) and its error-versus-h plot, a row under the plots when shown.
        self._show_secant = False
        self.secant_items = SecantItems(self.main_plot, self)
        self.secant_items.q.sigDragStarted.connect(self._q_drag_started)
        self.secant_items.q.sigDragged.connect(self._q_dragged)
        self.secant_items.q.sigDragFinished.connect(self._point_drag_finished)
        self.error_plot = ErrorPlot()
        self._curve_items: dict[int, pg.PlotCurveItem] = {}
        #: Per curve, the band filled where it changes faster than the grid can follow; per plot, its note.
        self._band_items: dict[int, BandItem] = {}
        self._notes: dict[int, UnresolvedNote] = {}
        #: Per curve, the y-range and pixel size its drawn data was made for (None: not drawn yet).
        self._clamped_for: dict[int, tuple | None] = {}
        #: Whether curves are drawn through only the samples the screen needs (off while exporting).
        self._simplify = True
        #: The point (x₀, f⁽ᵏ⁾(x₀)) marked on each derivative curve shown, by order.
        self.markers: dict[int, Dot] = {}
        self._guides: list[pg.InfiniteLine] = []
        self._features = FeatureDisplay()
        self.feature_markers = FeatureMarkers(self.main_plot, self._theme, self)
        self.feature_markers.x_clicked.connect(self.feature_clicked)
        #: f's curve coloured by sign: one item per sign, over f's own curve.
        self.sign_items = {sign: pg.PlotCurveItem(antialias=True) for sign in (Sign.POSITIVE, Sign.NEGATIVE)}
        for item in self.sign_items.values():
            item.setZValue(SIGN_COLOUR_Z)
            self.main_plot.addItem(item)
        self.sign_chart: SignChart | None = None
        self._rebuild()

    # ----------------------------------------------------------------- what exporters use
    def export_item(self) -> pg.GraphicsLayout:
        """The item holding every plot, for pyqtgraph's exporters."""
        return self.graphics.ci

    @contextmanager
    def full_detail(self) -> Iterator[None]:
        """Draw every sample while exporting: an image may be larger than the screen, or a vector file
        someone zooms into, where a line simplified for the screen's pixels would show its chords."""
        self._simplify = False
        screen_scale, self._line_scale = self._line_scale, 1.0  # the exporter scales lines to the picture
        if screen_scale != 1.0:
            self._apply_theme()
        self.graphics.thaw()
        self._draw_curves(list(self._curve_items))
        self._place_legend()
        try:
            yield
        finally:
            self._simplify = True
            self._line_scale = screen_scale
            if screen_scale != 1.0:
                self._apply_theme()
            self._draw_curves(list(self._curve_items))

    def plots(self) -> list[pg.PlotItem]:
        """The plots shown, f's first."""
        return [self._plots[k] for k in sorted(self._plots)]

    def curve_item(self, order: int) -> pg.PlotCurveItem | None:
        return self._curve_items.get(order)

    def band_item(self, order: int) -> BandItem | None:
        """The band filled where the curve of this order changes faster than the grid can follow."""
        return self._band_items.get(order)

    def note(self, order: int = 0) -> UnresolvedNote | None:
        """The note on the plot of this order's curve (the main plot's, in overlay)."""
        return self._notes.get(order if order in self._plots else 0)

    # ----------------------------------------------------------------- inputs
    def set_display(self, orders: tuple[int, ...], layout: str, show_tangent: bool = True) -> None:
        orders = tuple(orders)
        if orders != self._orders or layout != self._layout:
            self._orders, self._layout = orders, layout
            self._rebuild()
        if show_tangent != self._show_tangent:
            self._show_tangent = show_tangent
            self._draw_reading()
            self._sync_legend()

    def set_features(self, display: FeatureDisplay) -> None:
        """Show the features as `display` says: marks, sign charts, f coloured by sign."""
        if display == self._features:
            return
        charts_changed = display.sign_charts != self._features.sign_charts
        self._features = display
        if charts_changed:
            self._rebuild()
        else:
            self._draw_features()

    def set_secant_shown(self, shown: bool) -> None:
        """Show or hide the secant and, under the plots, its error-versus-h plot."""
        if bool(shown) != self._show_secant:
            self._show_secant = bool(shown)
            self._rebuild()

    def add_legend_item(self, item: pg.GraphicsObject, name: str) -> None:
        """List a tool's curve as `name` in the main legend exactly while it is visible."""
        self._tool_legend_items[item] = name
        item.visibleChanged.connect(self._sync_legend)
        self._sync_legend()

    def _sync_legend(self) -> None:
        """The main legend lists f's curves and, after them in this order, the tangent, the secant and
        the tools' curves, each only while it is drawn: a hidden tool listed was a line that was not
        there (and pyqtgraph marks a hidden item's sample with an icon of its own)."""
        optional = [self.tangent_item, self.secant_items.line, *self._tool_legend_items]
        drawn = {id(self.tangent_item): self._show_tangent, id(self.secant_items.line): self._show_secant}
        wanted = [item for item in optional if drawn.get(id(item), item.isVisible())]
        listed = [sample.item for sample, _ in self.legend.items if any(sample.item is item for item in optional)]
        if [id(item) for item in listed] == [id(item) for item in wanted]:
            return
        for item in listed:
            self.legend.removeItem(item)
        names = {id(item): name for item, name in self._tool_legend_items.items()}
        for item in wanted:
            self.legend.addItem(item, names.get(id(item)) or item.name())
        _cache_legend(self.legend)
        self._place_legend()

    def set_view(self, x_range: tuple[float, float], y_range: tuple[float, float] | None,
                 stacked_y_ranges=()) -> None:
        """Show this x-range; an explicit y-range, or None for the automatic one; and on stacked
        derivative plots the y-ranges given by order ((order, range) pairs), automatic ones elsewhere."""
        self._auto_y = y_range is None
        self._manual_y = dict(stacked_y_ranges)
        if y_range is None:
            y_range = self._y_ranges.get(-1 if self._layout == "overlay" else 0)
        box = self.main_plot.getViewBox()
        current_x, current_y = box.viewRange()
        if not (_same(current_x, x_range) and (y_range is None or _same(current_y, y_range))):
            if y_range is None:
                box.setXRange(*x_range, padding=0)
            else:
                box.setRange(xRange=x_range, yRange=y_range, padding=0)
        self._apply_stacked_ranges()

    def show_frame(self, frame) -> None:
        """A recomputation's curves (those of the document's function) and automatic y-ranges."""
        self._frame = frame
        self._y_ranges = dict(frame.y_ranges)
        self._clamped_for = dict.fromkeys(self._curve_items)
        self._apply_auto_ranges()  # first: the curves are clamped for the range they will be seen in
        self._draw_curves(order for order, done in self._clamped_for.items() if done is None)
        self._draw_features()
        self._draw_reading()
        self._place_legend()

    def _place_legend(self) -> None:
        """Put the legend in the corner of f's plot where it hides the least of the lines."""
        box = self.main_plot.getViewBox()
        if self.legend is None or box.width() <= 0 or box.height() <= 0:
            return
        lines = [(item.xData, item.yData) for item in self.main_plot.items
                 if isinstance(item, pg.PlotCurveItem) and item.isVisible() and item.xData is not None]
        size = self.legend.boundingRect()
        x_view, y_view = box.viewRange()
        margins = 2 * LEGEND_MARGIN
        fraction = ((size.width() + margins) / box.width(), (size.height() + margins) / box.height())
        corner = least_covered_corner(lines, tuple(x_view), tuple(y_view), fraction)
        if corner != self._legend_corner:
            self._legend_corner = corner
            item_anchor, plot_anchor, (sign_x, sign_y) = CORNERS[corner]
            self.legend.anchor(item_anchor, plot_anchor, (sign_x * LEGEND_MARGIN, sign_y * LEGEND_MARGIN))

    def show_reading(self, reading) -> None:
        self._reading = reading
        self._draw_reading()

    # ----------------------------------------------------------------- drawing
    def _new_plot(self) -> pg.PlotItem:
        box = PointDragViewBox(enableMenu=False)
        plot = pg.PlotItem(viewBox=box, axisItems={name: OpaqueGridAxis(name, self._theme.background)
                                                   for name in ("left", "bottom")})
        plot.hideButtons()
        for name in ("top", "right"):  # hidden: nothing to gain from following every range change
            plot.getAxis(name).unlinkFromView()
        # One left-axis width for every plot, so stacked plots line up and their shared x matches.
        plot.getAxis("left").setWidth(LEFT_AXIS_WIDTH)
        for name in ("left", "bottom"):
            axis = plot.getAxis(name)
            axis.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)  # redrawn only when the view moves
            axis.setZValue(AXIS_Z)
        plot.setMenuEnabled(False)
        box.enableAutoRange(enable=False)
        box.sigPointDragStarted.connect(self._point_drag_started)
        box.sigPointDragged.connect(self._point_dragged)
        box.sigPointDragFinished.connect(self._point_drag_finished)
        box.sigRangeChangedManually.connect(lambda mask, p=plot: self._user_moved_view(p, mask))
        box.sigRangeChanged.connect(self._range_changed)
        box.sigYRangeChanged.connect(self._y_range_changed)
        box.sigResized.connect(self._box_resized)
        return plot

    def _rebuild(self) -> None:
        """Lay out the plots and curve items for the current orders and layout."""
        self.graphics.thaw()
        self.graphics.ci.clear()
        for order, plot in list(self._plots.items()):
            if order:
                plot.deleteLater()
        for item in (*self._curve_items.values(), *self._band_items.values(), *self.markers.values(), *self._guides):
            self.main_plot.removeItem(item)  # those of the stacked plots go with their plot
        for note in self._notes.values():
            note.detach()
        self.legend.clear()
        self._plots = {0: self.main_plot}
        self._curve_items, self._clamped_for, self.markers, self._guides = {}, {}, {}, []
        self._band_items, self._notes = {}, {}
        self.graphics.ci.addItem(self.main_plot, row=0, col=0)
        stacked = self._layout == "stacked"
        for row, order in enumerate(self._orders, start=1):
            if stacked:
                plot = self._new_plot()
                plot.setXLink(self.main_plot)
                plot.addLegend(offset=(8, 8))
                self.graphics.ci.addItem(plot, row=row, col=0)
                self._plots[order] = plot
        for order in (0, *self._orders):
            plot = self._plots.get(order, self.main_plot)
            # A bare curve item, drawn through the samples its pixels need (`_draw_curves`). Not
            # a PlotDataItem: its setData took 0.21 ms against 0.04, for clipping and range
            # limiting that the data does not need (it is sampled for the view and clamped to it).
            # No pixmap cache: a drag paints the curves from its frozen picture (plot_canvas.py),
            # and a new curve would pay for filling and copying a plot-sized pixmap (1.4 ms a
            # keystroke).
            item = pg.PlotCurveItem(name=derivative_name(order), antialias=True)
            item.setZValue(-order)
            plot.addItem(item)
            self._curve_items[order] = item
            band = BandItem()
            band.setZValue(-order - 0.5)
            plot.addItem(band, ignoreBounds=True)
            self._band_items[order] = band
        for order, plot in self._plots.items():
            self._notes[order] = UnresolvedNote(plot.getViewBox())
        for order in self._orders:
            marker = Dot(MARKER_SIZE)
            marker.setZValue(20)
            marker.setVisible(False)
            self._plots.get(order, self.main_plot).addItem(marker, ignoreBounds=True)
            self.markers[order] = marker
        for plot in self._plots.values():
            guide = pg.InfiniteLine(angle=90, movable=False)
            guide.setZValue(GUIDE_Z)
            plot.addItem(guide)
            self._guides.append(guide)
        for plot in self._plots.values():
            plot.getAxis("bottom").setStyle(showValues=plot is self.plots()[-1])
        row = len(self._plots)
        if self._features.sign_charts:
            if self.sign_chart is None:
                self.sign_chart = SignChart(self._theme, LEFT_AXIS_WIDTH)
                self.sign_chart.link(self.main_plot)
            self.graphics.ci.addItem(self.sign_chart, row=row, col=0)
            row += 1
        if self._show_secant:
            self.graphics.ci.addItem(self.error_plot, row=row, col=0)
        if self.tangent_item.getViewBox() is None:
            self.main_plot.addItem(self.tangent_item)
            self.main_plot.addItem(self.point, ignoreBounds=True)
            self.point.setZValue(30)
        self._sync_legend()
        self._apply_theme()
        if self._frame is not None:
            self.show_frame(self._frame)

    def _draw_curves(self, orders) -> None:
        """Hand the lines of these orders' curves to their items: clamped around their plot's y-range
        and (on screen) through only the samples its pixels need."""
        orders = list(orders)
        if orders:
            self.graphics.thaw()
        curves = self._frame.main if self._frame is not None else None
        views = {}
        for order in orders:
            box = self._curve_items[order].getViewBox()
            if curves is None or order > curves.order:
                self._curve_items[order].setData([], [])
                continue
            views[order] = (tuple(box.viewRange()[1]), _pixel_size(box) if self._simplify else None)
            self._clamped_for[order] = views[order]
        for order, line in lines_for(curves, views).items():
            self._curve_items[order].setData(line.x, line.y, connect=line.connect)
        for order in orders:
            band = None
            if order in views and curves.unresolved is not None:
                y_view, pixel = views[order]
                band = band_outline(curves.x, curves.unresolved[order], curves.low[order], curves.high[order],
                                    y_view, pixel[0] if pixel else None)
            self._band_items[order].set_outline(band)
        noted = {self._plots.get(order, self.main_plot) for order in self._curve_items
                 if curves is not None and curves.unresolved is not None and order <= curves.order
                 and worth_a_note(curves.unresolved[order])}
        for key, note in self._notes.items():
            note.setVisible(self._plots[key] in noted)
        if 0 in views:
            self._draw_colouring()

    def _feature_set(self):
        """The features of the frame shown, if it brought them."""
        return self._frame.main_features if self._frame is not None else None

    def _draw_features(self) -> None:
        """Marks, sign charts and colouring for the frame's features, as the display asks."""
        self.graphics.thaw()
        display, features = self._features, self._feature_set()
        shown = features.features if features is not None and display.markers else ()
        self.feature_markers.show(shown, display.families)
        if self.sign_chart is not None:
            self.sign_chart.show(features if display.sign_charts else None)
        self._draw_colouring()

    def _draw_colouring(self) -> None:
        """f's drawn line, cut at the chosen sign chart's boundaries, each piece in its sign's item."""
        features, colouring = self._feature_set(), self._features.colouring
        curve = self._curve_items.get(0)
        x, y = curve.getData() if curve is not None else (None, None)
        cells = () if features is None or colouring == "none" or x is None else (
            features.first if colouring == "first" else features.second)
        pieces = pieces_by_sign(x, y, curve.opts["connect"], cells) if cells else {}
        for sign, item in self.sign_items.items():
            if sign in pieces:
                item.setData(*pieces[sign][:2], connect=pieces[sign][2])
            elif item.xData is not None and len(item.xData):
                item.setData([], [])

    def _y_range_changed(self, box, y_range) -> None:
        """Re-clamp the curves of a plot whose y-range moved away from the one they were drawn for."""
        self._draw_curves(order for order, item in self._curve_items.items()
                          if item.getViewBox() is box and self._clamped_for.get(order) is not None
                          and self._clamped_for[order][0] != tuple(y_range))

    def _box_resized(self) -> None:
        """Redraw curves whose plot's pixels changed size (a taller window, say) since they were drawn."""
        self._draw_curves(order for order, item in self._curve_items.items()
                          if self._clamped_for.get(order) is not None and self._simplify
                          and self._clamped_for[order][1] != _pixel_size(item.getViewBox()))

    def _apply_auto_ranges(self) -> None:
        if self._auto_y:
            key = -1 if self._layout == "overlay" else 0
            if key in self._y_ranges:
                self.main_plot.getViewBox().setYRange(*self._y_ranges[key], padding=0)
        self._apply_stacked_ranges()

    def _apply_stacked_ranges(self) -> None:
        """Each stacked derivative plot at its chosen y-range, or else at its automatic one."""
        for order, plot in self._plots.items():
            y_range = self._manual_y.get(order, self._y_ranges.get(order))
            box = plot.getViewBox()
            if order and y_range is not None and not _same(box.viewRange()[1], y_range):
                box.setYRange(*y_range, padding=0)

    def _draw_reading(self) -> None:
        reading = self._reading
        if reading is None:
            return
        x0 = reading.x
        values = reading.values
        main_value = values[0] if values else math.nan
        self.main_plot.getViewBox().handle = (x0, main_value)
        self.point.place(x0, main_value)
        for guide in self._guides:
            guide.setValue(x0)
        for order, marker in self.markers.items():
            value = values[order] if order < len(values) else math.nan
            marker.place(x0, value)
            if order in self._plots:
                self._plots[order].getViewBox().handle = (x0, value)
        self._draw_tangent()

    def _draw_tangent(self) -> None:
        x_view, y_view = self.main_plot.getViewBox().viewRange()
        self.tangent_item.show_reading(self._reading if self._show_tangent else None, tuple(x_view), tuple(y_view))
        self._draw_secant()

    def _draw_secant(self) -> None:
        """The secant and its errors: those of the latest reading that carries them (a reading
        without them, while the engine catches up with a new h, keeps the last ones)."""
        secant = getattr(self._reading, "secant", None) if self._show_secant else None
        if secant is None and self._show_secant:
            secant = self.secant_items.secant
        x_view = self.main_plot.getViewBox().viewRange()[0]
        self.secant_items.show(secant if self._show_secant else None, tuple(x_view))
        if self._show_secant:
            self.error_plot.show_secant(secant)

    # ----------------------------------------------------------------- theme
    def _apply_theme(self) -> None:
        self.graphics.thaw()
        theme = self._theme
        self.graphics.setBackground(theme.background)
        foreground = pg.mkPen(theme.foreground)
        for plot in self._plots.values():
            for name in ("left", "bottom"):
                axis = plot.getAxis(name)
                axis.setPen(foreground)
                axis.setTextPen(foreground)
                axis.set_background(theme.background)
            plot.showGrid(x=True, y=True, alpha=theme.grid_alpha)
            if plot.legend is not None:
                _theme_legend(plot.legend, theme)
        scale = self._line_scale
        for order, item in self._curve_items.items():
            item.setPen(pg.mkPen(theme.curve(order), width=(2.5 if order == 0 else 2) * scale))
            self._band_items[order].set_colour(theme.curve(order))
        for note in self._notes.values():
            note.set_colours(theme.foreground, theme.background)
        self.tangent_item.setPen(pg.mkPen(theme.tangent, width=2 * scale, style=Qt.PenStyle.DashLine))
        self.secant_items.set_colours(theme.curve(3), theme.background)
        self.error_plot.set_colours(theme.curve(1), theme.curve(2), theme.foreground)
        # pyqtgraph's own grey is faint on white; not cached: a symbol's colour arrives with its data
        _theme_legend(self.error_plot.legend, theme, cache=False)
        for guide in self._guides:
            guide.setPen(pg.mkPen(theme.foreground, width=scale, style=Qt.PenStyle.DotLine))
        self.point.set_colours(theme.curve(0), theme.background, 2 * scale)
        for order, marker in self.markers.items():
            marker.set_colours(theme.curve(order), theme.background, 1.5 * scale)
        self.sign_items[Sign.POSITIVE].setPen(pg.mkPen(theme.rising, width=3.5 * scale))
        self.sign_items[Sign.NEGATIVE].setPen(pg.mkPen(theme.falling, width=3.5 * scale, style=Qt.PenStyle.DashLine))
        self.feature_markers.set_theme(theme)
        if self.sign_chart is not None:
            self.sign_chart.set_theme(theme)
        self._draw_reading()
        self.theme_changed.emit(theme)

    def changeEvent(self, event) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._theme = theme_from_palette(self.palette())
            self._apply_theme()
        elif event.type() == QEvent.Type.DevicePixelRatioChange and self._line_scale != self.devicePixelRatioF():
            self._line_scale = self.devicePixelRatioF()  # moved to a screen of another scale
            self._apply_theme()
        super().changeEvent(event)

    @property
    def theme(self) -> PlotTheme:
        return self._theme

    # ----------------------------------------------------------------- user gestures
    def _point_drag_started(self) -> None:
        self._dragging = True
        box = self.main_plot.getViewBox()
        (x_min, x_max), _ = box.viewRange()
        self._drag_step = drag_step((x_max - x_min) / box.width()) if box.width() > 0 else None
        self.drag_started.emit()

    def _q_drag_started(self) -> None:
        self._point_drag_started()
        self.graphics.freeze(self._still_items(), self._moving_items())

    def _q_dragged(self, x: float) -> None:
        reading, step = self._reading, self._drag_step
        if reading is None or not math.isfinite(x):
            return
        h = x - reading.x
        h = round(h / step) * step if step else h
        if h != 0:
            self.secant_h_dragged.emit(h)

    def _point_dragged(self, x: float) -> None:
        if self._dragging and not self.graphics.frozen:
            # Only the tangent, the points, the guides and the legends over them change until
            # the drag ends: the rest is painted once, as the view's background.
            self.graphics.freeze(self._still_items(), self._moving_items())
        step = self._drag_step
        self.x0_dragged.emit(round(x / step) * step if step else x)

    def drag_neighbours(self, x0: float) -> tuple[float, ...]:
        """The x₀ this drag's next moves can give, READ_AHEAD_STEPS steps either side of `x0`
        (none outside a drag): computed exactly as a move to them will compute them."""
        step = self._drag_step
        if not (self._dragging and step):
            return ()
        k = round(x0 / step)
        return tuple((k + j) * step for j in range(-READ_AHEAD_STEPS, READ_AHEAD_STEPS + 1) if j)

    def secant_drag_neighbours(self, h: float) -> tuple[float, ...]:
        """The h this drag of Q's next moves can give, READ_AHEAD_STEPS steps either side of `h`
        (none outside a drag; never 0): computed exactly as a move to them will compute them."""
        step = self._drag_step
        if not (self._dragging and step):
            return ()
        k = round(h / step)
        return tuple((k + j) * step for j in range(-READ_AHEAD_STEPS, READ_AHEAD_STEPS + 1) if j and k + j)

    def _point_drag_finished(self) -> None:
        self._dragging = False
        self.graphics.thaw()
        self.drag_finished.emit()

    def _still_items(self) -> list:
        # The error plot's axes draw its grid, dense on log axes: painted live, they cost a drag frame
        # more than everything else it paints.
        plots = [*self._plots.values(), *([self.error_plot] if self._show_secant else [])]
        return [*(plot.getAxis(name) for plot in plots for name in ("left", "bottom")),
                *self._curve_items.values(), *self._band_items.values(), *self._notes.values(),
                *self.sign_items.values(), *self.feature_markers.items(),
                *([self.sign_chart] if self._features.sign_charts and self.sign_chart is not None else [])]

    def _moving_items(self) -> list:
        secant = [*self.secant_items.items(), *self.error_plot.data_items(), self.error_plot.legend] \
            if self._show_secant else []
        return [self.tangent_item, self.point, *self.markers.values(), *self._guides, *self.extra_moving_items,
                *secant,
                *(plot.legend for plot in self._plots.values() if plot.legend is not None)]

    def _range_changed(self) -> None:
        self.graphics.thaw()  # the grid and the curves move
        self._draw_tangent()

    def _user_moved_view(self, plot: pg.PlotItem, mask) -> None:
        if plot is self.main_plot:
            self._auto_y = False
        elif mask is None or mask[1]:
            order = next(order for order, shown in self._plots.items() if shown is plot)
            self._manual_y[order] = tuple(plot.getViewBox().viewRange()[1])
        self._report_view()

    def _report_view(self) -> None:
        x_range, y_range = self.main_plot.getViewBox().viewRange()
        self.view_changed.emit(*_view_key(x_range, None if self._auto_y else y_range, self._manual_y.items()))

    def _plot_resized(self) -> None:
        width = int(self.main_plot.getViewBox().width())
        if width > 0 and width != self._last_width:
            self._last_width = width
            self.width_changed.emit(width)
