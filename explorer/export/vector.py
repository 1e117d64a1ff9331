"""SVG and PDF of a pyqtgraph item: vector curves that keep their breaks at asymptotes.

SVG: pyqtgraph 0.14's SVGExporter works on our Qt (6.10.x; it fails on 6.11, hence the pin in
pyproject.toml), with two faults we correct here:
- a curve whose pen is wider than 1 px is painted as one two-point <polyline> per sample
  ("segmented line mode", a raster speed trick), so a 1000-sample curve became 1000 elements.
  We switch those curves to a single path for the export: one <path> per curve, with a new "M"
  at every gap, so a break at an asymptote stays a break.
- samples next to a pole land millions of pixels outside the picture (tan x near pi/2). Browsers
  clip them, but renderers that bound their work (QSvgRenderer) drop the whole curve. We pull
  such coordinates in to a margin of a few picture sizes around the picture; a segment leaving
  the picture that steeply still leaves it at the same place to well under a pixel.

PDF: pyqtgraph has no PDF exporter. QPdfWriter paints the same scene through scene_render, on a
page the size of the plot (1 screen pixel = 0.75 pt, as at 96 dpi), so the PDF is vector too.
Both are made in memory; explorer.export.images checks them and writes them through explorer.files.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

import pyqtgraph as pg
from pyqtgraph.exporters import SVGExporter
from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QRectF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtWidgets import QGraphicsItem

from explorer.export.scene_render import descendants, logical_dpi, paint_item

POINTS_PER_PIXEL = 0.75
#: How far outside the picture (in picture sizes) a path coordinate may lie in an SVG.
SVG_MARGIN = 4
_GEOMETRY = re.compile(r'\b(d|points)="([^"]*)"')
_PAIR = re.compile(r"([A-Za-z]?)(-?[0-9.]+(?:e[-+]?[0-9]+)?),(-?[0-9.]+(?:e[-+]?[0-9]+)?)")


@contextmanager
def continuous_curves(item: QGraphicsItem) -> Iterator[None]:
    curves = [i for i in descendants(item) if isinstance(i, pg.PlotCurveItem)]
    saved = [curve.opts["segmentedLineMode"] for curve in curves]
    for curve in curves:
        curve.setSegmentedLineMode("off")
    try:
        yield
    finally:
        for curve, mode in zip(curves, saved):
            curve.setSegmentedLineMode(mode)


def clamp_far_coordinates(svg: str, width: float, height: float) -> str:
    """Pull path and polyline points into [-m, size + m] with m = SVG_MARGIN picture sizes."""
    x_margin, y_margin = SVG_MARGIN * width, SVG_MARGIN * height

    def clamp_pair(match: re.Match) -> str:
        command, x, y = match.group(1), float(match.group(2)), float(match.group(3))
        x = min(max(x, -x_margin), width + x_margin)
        y = min(max(y, -y_margin), height + y_margin)
        return f"{command}{x:.6g},{y:.6g}"

    return _GEOMETRY.sub(lambda m: f'{m.group(1)}="{_PAIR.sub(clamp_pair, m.group(2))}"', svg)


def svg_bytes(item: QGraphicsItem, *, transparent: bool = False) -> bytes:
    exporter = SVGExporter(item)
    if transparent:
        exporter.parameters()["background"] = pg.mkColor(0, 0, 0, 0)
    with continuous_curves(item):
        svg = exporter.export(toBytes=True).decode("utf-8")
    shown = item.sceneBoundingRect()
    return clamp_far_coordinates(svg, shown.width(), shown.height()).encode("utf-8")


def pdf_bytes(item: QGraphicsItem, *, transparent: bool = False) -> bytes:
    """A one-page PDF whose page is exactly the item's size on screen; b"" when Qt could not make it.

    Painted into memory, not into the file: QPdfWriter reports no write error (QPainter.end() is true
    on a full disk, and the file is left empty), while the atomic writer sees the system's own error.
    """
    shown = item.sceneBoundingRect()
    page_points = QSizeF(shown.width() * POINTS_PER_PIXEL, shown.height() * POINTS_PER_PIXEL)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    # The screen's DPI, so that fonts sized in points keep their size relative to the plot;
    # coordinates are floats in a PDF, so this costs no precision.
    writer.setResolution(round(logical_dpi(item)))
    writer.setCreator("Slope Explorer")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(page_points, QPageSize.Unit.Point, "Slope Explorer plot", QPageSize.SizeMatchPolicy.ExactMatch),
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),
        )
    )
    painter = QPainter()
    if not painter.begin(writer):
        return b""
    try:
        area = writer.pageLayout().paintRectPixels(writer.resolution())
        paint_item(painter, item, QRectF(0, 0, area.width(), area.height()), transparent=transparent)
    finally:
        finished = painter.end()
    return bytes(buffer.data()) if finished else b""
