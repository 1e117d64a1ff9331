"""Pictures and data of what the plot shows, for the File menu and the command line alike.

Images take the plot view (anything with `export_item()`) or a pyqtgraph item directly; the file
format follows the path's extension. Every file is written next to its target and moved into place,
so a failed export leaves the old file (or nothing) at the path, never half an image.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
from collections.abc import Iterable, Sequence
from contextlib import contextmanager, nullcontext
from pathlib import Path

from explorer.exporters.atomic import WriteError, check_writable, write_bytes_atomically
from explorer.model.readings import CurveSet, PointReading

IMAGE_SUFFIXES = (".png", ".svg", ".pdf")
DATA_SUFFIXES = (".csv",)
#: Largest image side we agree to render (a 16000 px square is already 1 GB of pixels).
MAX_IMAGE_SIDE = 16000
#: Qt's PNG "quality" picks the zlib level (100 = none); 80 is fast with good compression.
PNG_QUALITY = 80
#: How each image format's files begin and end: a file cut short lacks its end.
_FILE_ENDS = {
    ".png": (b"\x89PNG\r\n\x1a\n", b"IEND\xaeB`\x82"),
    ".svg": (b"<?xml", b"</svg>"),
    ".pdf": (b"%PDF-", b"%%EOF"),
}


class ExportError(ValueError):
    """An export that cannot be done; `str()` is the message for the user."""


def suffix_of(path: str | os.PathLike, allowed: Sequence[str] = IMAGE_SUFFIXES + DATA_SUFFIXES) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in allowed:
        shown = suffix or "no extension"
        raise ExportError(f"cannot export to {Path(path).name}: {shown} is not one of {', '.join(allowed)}")
    return suffix


def export_item_of(view):
    """The pyqtgraph item to draw: a plot view's `export_item()`, or the item itself."""
    return view.export_item() if hasattr(view, "export_item") else view


def full_detail(view):
    """A plot view draws every sample while exported (see PlotView.full_detail); an item as it is."""
    return view.full_detail() if hasattr(view, "full_detail") else nullcontext()


def default_image_size(view) -> tuple[int, int]:
    """Twice the plot's size on screen: sharp on a projector and on paper."""
    shown = export_item_of(view).sceneBoundingRect()
    return max(1, round(2 * shown.width())), max(1, round(2 * shown.height()))


def check_image_size(width: int, height: int) -> None:
    if not (1 <= width <= MAX_IMAGE_SIDE and 1 <= height <= MAX_IMAGE_SIDE):
        raise ExportError(f"image size {width}x{height} is outside 1 to {MAX_IMAGE_SIDE} pixels a side")


def render_image(view, size: tuple[int, int] | None = None, *, transparent: bool = False, caption: str = ""):
    """The plot as a QImage of `size` pixels (default twice the view), for files and the clipboard."""
    from explorer.exporters.scene_render import render_image as render

    item = export_item_of(view)
    width, height = size or default_image_size(view)
    check_image_size(width, height)
    with full_detail(view), captioned(item, caption):
        return render(item, width, height, transparent=transparent)


def export_image(
    view,
    path: str | os.PathLike,
    size: tuple[int, int] | None = None,
    *,
    transparent: bool = False,
    caption: str = "",
) -> None:
    """Write the plot to `path` as PNG (at `size` pixels), SVG or PDF (vector), chosen by extension.

    The file is made in memory and checked complete before the atomic writer replaces anything.
    """
    suffix = suffix_of(path, IMAGE_SUFFIXES)
    check_writable(path)  # before the rendering, which takes seconds for a big picture
    item = export_item_of(view)
    if suffix == ".png":
        from explorer.exporters.scene_render import png_bytes

        # zlib's fast levels: a 1600 px plot encodes in half the time, for a file ~15% larger.
        data = png_bytes(render_image(view, size, transparent=transparent, caption=caption), PNG_QUALITY)
    else:
        from explorer.exporters.vector import pdf_bytes, svg_bytes

        encode = svg_bytes if suffix == ".svg" else pdf_bytes
        with full_detail(view), captioned(item, caption):
            data = encode(item, transparent=transparent)
    _check_encoded(data, suffix, path)
    write_bytes_atomically(path, data)


def _check_encoded(data: bytes, suffix: str, path: str | os.PathLike) -> None:
    """Raise WriteError unless `data` starts and ends as a whole file of its format does."""
    head, tail = _FILE_ENDS[suffix]
    if not (data.startswith(head) and data.rstrip().endswith(tail)):
        raise WriteError(f"cannot write {path}: the {suffix[1:].upper()} image could not be encoded")


def copy_image_to_clipboard(view, size: tuple[int, int] | None = None, *, caption: str = "") -> None:
    from PySide6.QtWidgets import QApplication

    QApplication.clipboard().setImage(render_image(view, size, caption=caption))


@contextmanager
def captioned(item, caption: str):
    """Show `caption` as the plot's title row while exporting, then put the old title back."""
    if not caption:
        yield
        return
    import html
    import re

    import pyqtgraph as pg

    from explorer.exporters.scene_render import settle_layout

    # LabelItem reads rich text: escape what the user typed, and keep the gaps between parts.
    text = re.sub(" {2,}", "&nbsp;" * 4, html.escape(caption))
    colour = _text_colour(item)
    if isinstance(item, pg.PlotItem):
        label = item.titleLabel
        old_text, old_visible = label.text, label.isVisible()
        item.setTitle(text, size="10pt", color=colour)
        settle_layout(item)
        try:
            yield
        finally:
            if old_visible:
                item.setTitle(old_text)
            else:
                item.setTitle(None)
            settle_layout(item)
    elif isinstance(item, pg.GraphicsLayout):
        label = pg.LabelItem(text, size="10pt", color=colour)
        item.addItem(label, row=item.layout.rowCount(), col=0, colspan=max(1, item.layout.columnCount()))
        settle_layout(item)
        try:
            yield
        finally:
            item.removeItem(label)
            settle_layout(item)
    else:
        raise ExportError("this plot cannot show a caption")


def _text_colour(item):
    """The colour of the plot's axis labels, so the caption reads like the rest of the picture."""
    import pyqtgraph as pg

    from explorer.exporters.scene_render import descendants

    for each in descendants(item):
        if isinstance(each, pg.AxisItem) and each.isVisible():
            return each.textPen().color()
    return pg.mkColor(pg.getConfigOption("foreground"))


# --- readings as text ------------------------------------------------------------------------------


def derivative_name(order: int) -> str:
    """f, f', f'', f''' … (ASCII primes: CSV and JSON readers everywhere understand them)."""
    return "f" + "'" * order


def format_number(value: float) -> str:
    """Shortest text that reads back to the same float; NaN (no value) is empty."""
    if math.isnan(value):
        return ""
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    return repr(float(value))


def caption_text(function_text: str, reading: PointReading | None, params: dict[str, float] | None = None) -> str:
    """The function, its parameters and the readout at x₀, in the words the window's readout uses."""
    from explorer.views.formatting import format_number as shown, readout_summary

    parts = [f"f(x) = {function_text}"]
    parts += [f"{name} = {shown(value)}" for name, value in (params or {}).items()]
    if reading is not None:
        parts.append(readout_summary(reading))
    return "    ".join(parts)


# --- data: sampled curves --------------------------------------------------------------------------


def curves_csv(curves: CurveSet, orders: Iterable[int] = ()) -> str:
    """x, f and the derivative `orders` shown, one row per sample; NaN (gaps) as empty cells."""
    if curves.values.ndim != 2:
        raise ExportError("export one parameter setting at a time, not a batch")
    rows = [0] + sorted({k for k in orders if 0 < k <= curves.order})
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["x"] + [derivative_name(k) for k in rows])
    for i, x in enumerate(curves.x):
        writer.writerow([format_number(x)] + [format_number(curves.values[k, i]) for k in rows])
    return out.getvalue()


def export_csv(curves: CurveSet, path: str | os.PathLike, orders: Iterable[int] = ()) -> None:
    suffix_of(path, DATA_SUFFIXES)
    write_bytes_atomically(path, curves_csv(curves, orders).encode("utf-8"))


# --- data: a table of values at chosen points --------------------------------------------------------


def table_columns(order: int, parameters: Sequence[str] = ()) -> list[str]:
    return (
        ["x"]
        + [derivative_name(k) for k in range(order + 1)]
        + ["kind", "left_slope", "right_slope"]
        + [f"df/d{name}" for name in parameters]
    )


def table_row(reading: PointReading, order: int, parameters: Sequence[str] = ()) -> list:
    """One reading as table cells (floats, NaN for none; the kind as its public string)."""
    values = list(reading.values[: order + 1]) + [math.nan] * (order + 1 - len(reading.values))
    return (
        [reading.x]
        + values
        + [reading.kind.value, reading.left_slope, reading.right_slope]
        + [reading.partials.get(name, math.nan) for name in parameters]
    )


def table_csv(readings: Sequence[PointReading], order: int, parameters: Sequence[str] = ()) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(table_columns(order, parameters))
    for reading in readings:
        writer.writerow([c if isinstance(c, str) else format_number(c) for c in table_row(reading, order, parameters)])
    return out.getvalue()


def table_json(readings: Sequence[PointReading], order: int, parameters: Sequence[str] = ()) -> str:
    """A list of objects; JSON has no NaN or infinity, so those are null and "inf"/"-inf"."""

    def cell(value):
        if isinstance(value, str) or math.isfinite(value):
            return value
        return None if math.isnan(value) else format_number(value)

    columns = table_columns(order, parameters)
    rows = [dict(zip(columns, map(cell, table_row(reading, order, parameters)))) for reading in readings]
    return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"


def table_text(readings: Sequence[PointReading], order: int, parameters: Sequence[str] = ()) -> str:
    """Tab-separated, for the clipboard: spreadsheets paste it into cells."""
    lines = ["\t".join(table_columns(order, parameters))]
    for reading in readings:
        lines.append("\t".join(c if isinstance(c, str) else format_number(c) for c in table_row(reading, order, parameters)))
    return "\n".join(lines) + "\n"


# --- a whole document, without a window on screen ------------------------------------------------------


def export_document(
    state,
    path: str | os.PathLike,
    size: tuple[int, int] = (1600, 1000),
    *,
    transparent: bool = False,
    caption: bool = False,
    data: bool = False,
) -> None:
    """Render `state` as the window would show it and write it to `path` (the command line's export).

    The plot is laid out at half of `size` and drawn at 2x, like the dialog's default, so labels are
    as big relative to the plot as on screen. `data=True` writes the CSV of the sampled curves.
    Raises ExportError when the function cannot be drawn.
    """
    from PySide6.QtWidgets import QApplication

    from explorer.app.session import Session

    app = QApplication.instance() or QApplication(["slope-explorer"])
    session = Session(state, threaded=False)
    failures: list[str] = []
    session.compute_failed.connect(failures.append)
    window = None
    try:
        if data:
            _compute(session, failures, size[0] // 2)
            export_csv(session.last_curves, path, session.state.orders)
            return
        from explorer.views.main_window import MainWindow

        window = MainWindow(session)
        item = export_item_of(window.plot_view)
        item.resize(size[0] / 2, size[1] / 2)
        _compute(session, failures, size[0] // 2)
        app.processEvents()  # let the plot take the curves and lay itself out
        item.resize(size[0] / 2, size[1] / 2)
        text = caption_text(state.text, session.last_reading, session.state.parameter_values()) if caption else ""
        export_image(window.plot_view, path, size, transparent=transparent, caption=text)
    finally:
        if window is not None:
            window.close()
            window.deleteLater()
        session.close()


def _compute(session, failures: list[str], pixel_width: int) -> None:
    session.set_pixel_width(pixel_width)
    session.compute_now()
    if session.error is not None:
        raise ExportError(f"bad function {session.state.text!r}: {session.error}")
    if failures or session.last_curves is None:
        raise ExportError(f"cannot draw {session.state.text!r}: {failures[0] if failures else 'no curves'}")
