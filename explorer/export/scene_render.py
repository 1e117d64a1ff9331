"""Render a pyqtgraph item at any size with text, lines and markers scaled together.

pyqtgraph's ImageExporter enlarges the canvas: text scales, but its pens are cosmetic (a width in
device pixels), so a 4000 px export has hair-thin curves under big labels. We lay the item out at a
screen-like logical size, paint it through a QPainter scale transform, and for the duration of the
paint multiply every cosmetic pen width by the same scale. The same code paints PNG, PDF and the
clipboard image.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager

import pyqtgraph as pg
from PySide6.QtCore import QBuffer, QIODevice, QRectF, QSizeF
from PySide6.QtGui import QColor, QImage, QPainter, QPen
from PySide6.QtWidgets import QAbstractGraphicsShapeItem, QGraphicsItem, QGraphicsWidget


def descendants(item: QGraphicsItem) -> Iterator[QGraphicsItem]:
    yield item
    for child in item.childItems():
        yield from descendants(child)


def background_color(item: QGraphicsItem) -> QColor:
    """The colour the item is shown on: its view's background, else pyqtgraph's default."""
    scene = item.scene()
    views = scene.views() if scene is not None else []
    if views:
        return views[0].backgroundBrush().color()
    return pg.mkColor(pg.getConfigOption("background"))


@contextmanager
def export_mode(item: QGraphicsItem, options: dict) -> Iterator[None]:
    """pyqtgraph's export switch (scatter symbols read `resolutionScale` from it)."""
    items = [i for i in descendants(item) if hasattr(i, "setExportMode")]
    for each in items:
        each.setExportMode(True, options)
    try:
        yield
    finally:
        for each in items:
            each.setExportMode(False)


@contextmanager
def uncached(item: QGraphicsItem) -> Iterator[None]:
    """Paint every item afresh: the window caches curves and axes as screen-sized pixmaps, which would
    be null at a large export scale and would land as bitmaps in a vector file."""
    cached = [(each, each.cacheMode()) for each in descendants(item)
              if each.cacheMode() != QGraphicsItem.CacheMode.NoCache]
    for each, _ in cached:
        each.setCacheMode(QGraphicsItem.CacheMode.NoCache)
    try:
        yield
    finally:
        for each, mode in cached:
            each.setCacheMode(mode)


def _pen_slots(item: QGraphicsItem) -> Iterator[tuple[dict, str]]:
    """Every place a pyqtgraph item keeps a QPen: instance attributes and its `opts` dict."""
    attributes = vars(item)
    for name, value in list(attributes.items()):
        if isinstance(value, QPen):
            yield attributes, name
    opts = attributes.get("opts")
    if isinstance(opts, dict):
        for name, value in list(opts.items()):
            if isinstance(value, QPen):
                yield opts, name


def _invalidate_cache(item: QGraphicsItem) -> None:
    # AxisItem records its ticks and labels in a QPicture along with the pens used.
    if isinstance(item, pg.AxisItem):
        item.picture = None
    item.update()


@contextmanager
def scaled_cosmetic_pens(item: QGraphicsItem, scale: float) -> Iterator[None]:
    """Multiply the width of every cosmetic pen under `item` by `scale`, and restore them after."""
    if math.isclose(scale, 1.0):
        yield
        return
    saved: list[tuple[dict, str, QPen]] = []
    touched = []
    for each in descendants(item):
        for holder, name in _pen_slots(each):
            pen = holder[name]
            if not pen.isCosmetic():
                continue
            wider = QPen(pen)
            wider.setWidthF(max(pen.widthF(), 1.0) * scale)
            saved.append((holder, name, pen))
            holder[name] = wider
        touched.append(each)
    for each in touched:
        _invalidate_cache(each)
    try:
        yield
    finally:
        for holder, name, pen in saved:
            holder[name] = pen
        for each in touched:
            _invalidate_cache(each)


def settle_layout(item: QGraphicsItem) -> None:
    """Apply pending layout changes now (a resize, a caption row) instead of at the next event loop turn."""
    for each in descendants(item):
        if isinstance(each, QGraphicsWidget):
            layout = QGraphicsWidget.layout(each)  # pyqtgraph shadows .layout with an attribute
            if layout is not None:
                layout.activate()
    # View boxes update their data transform lazily, just before a paint; exporters that paint
    # items one by one (SVG) need it done now.
    scene = item.scene()
    if hasattr(scene, "prepareForPaint"):
        scene.prepareForPaint()


@contextmanager
def scaled_markers(item: QGraphicsItem, scale: float) -> Iterator[None]:
    """Grow the markers drawn at a fixed pixel size in data coordinates (the x₀ point, the points on
    the derivative curves) by `scale`, outline included, so a big PNG shows them as the screen
    does, not as specks. `transformable` cannot switch them: their parent, the data, is scaled."""
    flag = QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations
    markers = [each for each in descendants(item)
               if each.flags() & flag and isinstance(each, QAbstractGraphicsShapeItem)
               and each.parentItem() is not None and each.parentItem().sceneTransform().isScaling()]
    if math.isclose(scale, 1.0) or not markers:
        yield
        return
    saved = [(each, each.scale(), each.pen()) for each in markers]
    for each, size, pen in saved:
        each.setScale(size * scale)
        if pen.isCosmetic():
            wider = QPen(pen)
            wider.setWidthF(pen.widthF() * scale)
            each.setPen(wider)
    try:
        yield
    finally:
        for each, size, pen in saved:
            each.setScale(size)
            each.setPen(pen)


@contextmanager
def transformable(item: QGraphicsItem) -> Iterator[None]:
    """Let items that ignore transformations (pyqtgraph's legend) scale with the rest for the export.

    Only items whose parent is drawn in pixel units (no scaling: the view box frame, not the data
    coordinates) are switched, so their size relative to the plot stays what the screen shows.
    """
    flag = QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations
    switched = [
        each
        for each in descendants(item)
        if each.flags() & flag and each.parentItem() is not None and not each.parentItem().sceneTransform().isScaling()
    ]
    for each in switched:
        each.setFlag(flag, False)
    try:
        yield
    finally:
        for each in switched:
            each.setFlag(flag, True)


@contextmanager
def laid_out_at(item: QGraphicsItem, size: QSizeF) -> Iterator[None]:
    """Give a layout item (PlotItem, GraphicsLayout) `size` for the export, then its own size back."""
    if not isinstance(item, QGraphicsWidget) or item.size() == size:
        settle_layout(item)
        yield
        return
    original = item.geometry()
    item.resize(size)
    settle_layout(item)
    try:
        yield
    finally:
        item.setGeometry(original)
        settle_layout(item)


def logical_size(item: QGraphicsItem, width: int, height: int) -> tuple[QSizeF, float]:
    """A screen-like size with the export's aspect ratio, and the scale from it to (width, height).

    The item's current area is kept, so labels keep the proportion they have on screen: 2x the
    view's pixels gives 2x bigger text and lines, not a wider plot with the same small labels.
    """
    shown = item.sceneBoundingRect()
    area = max(shown.width() * shown.height(), 1.0)
    scale = math.sqrt(width * height / area)
    return QSizeF(width / scale, height / scale), scale


def paint_item(painter: QPainter, item: QGraphicsItem, target: QRectF, *, transparent: bool) -> None:
    """Paint `item` into `target` of an open painter, scaled to fit it uniformly."""
    logical, scale = logical_size(item, round(target.width()), round(target.height()))
    with laid_out_at(item, logical):
        source = item.sceneBoundingRect()
        background = QColor(0, 0, 0, 0) if transparent else background_color(item)
        options = {"antialias": True, "background": background, "painter": painter, "resolutionScale": scale}
        with (export_mode(item, options), scaled_cosmetic_pens(item, scale), scaled_markers(item, scale),
              transformable(item), uncached(item)):
            if not transparent:
                painter.fillRect(target, background)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
            item.scene().render(painter, target, source)


def logical_dpi(item: QGraphicsItem) -> float:
    """The DPI fonts were sized for on screen; a painted device must report it too, or text in
    points comes out at a different size than the lines around it."""
    scene = item.scene()
    views = scene.views() if scene is not None else []
    return float(views[0].logicalDpiY()) if views else 96.0


def render_image(item: QGraphicsItem, width: int, height: int, *, transparent: bool = False) -> QImage:
    """The item as a width x height ARGB image."""
    # No alpha channel unless asked: a quarter less data to paint and to compress.
    image_format = QImage.Format.Format_ARGB32_Premultiplied if transparent else QImage.Format.Format_RGB32
    image = QImage(width, height, image_format)
    dots_per_meter = round(logical_dpi(item) / 0.0254)
    image.setDotsPerMeterX(dots_per_meter)
    image.setDotsPerMeterY(dots_per_meter)
    image.fill(QColor(0, 0, 0, 0))
    painter = QPainter(image)
    try:
        paint_item(painter, item, QRectF(0, 0, width, height), transparent=transparent)
    finally:
        painter.end()
    return image


def png_bytes(image: QImage, quality: int) -> bytes:
    """`image` encoded as PNG in memory; b"" when Qt could not encode it.

    Encoded in memory, not into the file: on a full disk libpng only says "Write Error" (on stderr,
    too), while the atomic writer gets the system's own reason ("no space left").
    """
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    return bytes(buffer.data()) if image.save(buffer, "PNG", quality) else b""
