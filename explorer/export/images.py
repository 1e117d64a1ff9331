"""Images of a plot view: PNG at any size, SVG and PDF as vectors, and the clipboard's copy.

They take the plot view (anything with `export_item()`) or a pyqtgraph item directly; the file format
follows the path's extension. Each file is made in memory and checked whole before explorer.files
moves it into place. A caption is shown as the plot's title row for the length of the export.
Qt is imported only when a picture is made, so the command line can check sizes without it.
"""

from __future__ import annotations

import os
from contextlib import contextmanager, nullcontext

from explorer.export import IMAGE_SUFFIXES, ExportError, suffix_of
from explorer.files import WriteError, check_writable, write_bytes_atomically

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
    from explorer.export.scene_render import render_image as render

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
        from explorer.export.scene_render import png_bytes

        # zlib's fast levels: a 1600 px plot encodes in half the time, for a file ~15% larger.
        data = png_bytes(render_image(view, size, transparent=transparent, caption=caption), PNG_QUALITY)
    else:
        from explorer.export.vector import pdf_bytes, svg_bytes

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

    from explorer.export.scene_render import settle_layout

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

    from explorer.export.scene_render import descendants

    for each in descendants(item):
        if isinstance(each, pg.AxisItem) and each.isVisible():
            return each.textPen().color()
    return pg.mkColor(pg.getConfigOption("foreground"))
