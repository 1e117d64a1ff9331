"""PNG, SVG and PDF of a plot view, each checked by a reader that shares no code with the exporter."""

import os
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtGui import QImage

from explorer.export import ExportError, images
from explorer.files import WriteError
from explorer.views.formatting import caption_text

from .conftest import F_COLOUR, framed, tan_reading
from .readers import colour_fraction, dark_fraction, pdf_pages, pixels, render_pdf, render_svg

SVG = "{http://www.w3.org/2000/svg}"
# The offscreen platform says this whenever a window is shown; it is not about our code.


def test_png_has_the_size_asked_and_shows_the_curve(plot_view, tmp_path):
    path = tmp_path / "plot.png"
    images.export_image(plot_view, path, (1600, 1000))
    image = QImage(str(path))
    assert (image.width(), image.height()) == (1600, 1000)
    rgba = pixels(image)
    assert colour_fraction(rgba, F_COLOUR) > 0.002
    assert dark_fraction(rgba) > 0.002  # axes and labels


def test_default_png_size_is_twice_the_view(plot_view):
    shown = plot_view.export_item().sceneBoundingRect()
    assert images.default_image_size(plot_view) == (round(2 * shown.width()), round(2 * shown.height()))


def test_big_png_scales_lines_and_labels_with_the_canvas(plot_view, tmp_path):
    """At 4000 px the curve and the text cover the same share of the picture as at 1000 px."""
    small, big = tmp_path / "small.png", tmp_path / "big.png"
    images.export_image(plot_view, small, (1000, 625))
    images.export_image(plot_view, big, (4000, 2500))
    small_rgba, big_rgba = pixels(QImage(str(small))), pixels(QImage(str(big)))
    assert colour_fraction(big_rgba, F_COLOUR) == pytest.approx(colour_fraction(small_rgba, F_COLOUR), rel=0.35)
    assert dark_fraction(big_rgba) == pytest.approx(dark_fraction(small_rgba), rel=0.35)


def test_export_leaves_the_view_as_it_was(plot_view, tmp_path):
    item = plot_view.export_item()
    before = item.geometry()
    pen_width = plot_view.curve_item(0).opts["pen"].widthF()
    images.export_image(plot_view, tmp_path / "wide.png", (3000, 1000), caption="f(x) = tan x")
    assert item.geometry() == before
    assert plot_view.curve_item(0).opts["pen"].widthF() == pen_width


def test_other_aspect_ratio_is_laid_out_not_stretched(plot_view, tmp_path):
    path = tmp_path / "wide.png"
    images.export_image(plot_view, path, (3000, 1000))
    rgba = pixels(QImage(str(path)))
    assert rgba.shape[:2] == (1000, 3000)
    # The plot fills the width: curve colour in the left and right fifths alike.
    assert colour_fraction(rgba[:, :600], F_COLOUR) > 0.001
    assert colour_fraction(rgba[:, -600:], F_COLOUR) > 0.001


def test_transparent_png_has_a_clear_background(plot_view, tmp_path):
    path = tmp_path / "clear.png"
    images.export_image(plot_view, path, (800, 500), transparent=True)
    rgba = pixels(QImage(str(path)))
    assert rgba[2, -3, 3] == 0
    assert colour_fraction(rgba, F_COLOUR) > 0.002
    opaque = pixels(images.render_image(plot_view, (800, 500)))
    assert opaque[2, -3, 3] == 255


def test_caption_adds_the_readout_text(plot_view, tmp_path):
    plain, captioned = tmp_path / "plain.png", tmp_path / "captioned.png"
    images.export_image(plot_view, plain, (1600, 1000))
    images.export_image(plot_view, captioned, (1600, 1000), caption=caption_text("tan x", tan_reading()))
    bottom_plain = pixels(QImage(str(plain)))[-40:]
    bottom_captioned = pixels(QImage(str(captioned)))[-40:]
    assert dark_fraction(bottom_captioned) > dark_fraction(bottom_plain) + 0.005


def test_svg_is_valid_xml_with_each_curve_one_path_broken_at_the_poles(plot_view, tmp_path):
    path = tmp_path / "plot.svg"
    images.export_image(plot_view, path)
    root = ET.parse(path).getroot()
    assert root.tag == f"{SVG}svg"
    f_colour = "#{:02x}{:02x}{:02x}".format(*F_COLOUR)
    f_paths = [
        p
        for group in root.iter(f"{SVG}g")
        if group.get("stroke") == f_colour
        for p in group
        if p.tag == f"{SVG}path" and len(p.get("d", "")) > 1000
    ]
    assert len(f_paths) == 1
    # tan x on [-4, 4] has poles at ±π/2: three branches, three moves, no line across a pole.
    assert f_paths[0].get("d").count("M") == 3
    assert not list(root.iter(f"{SVG}polyline")) or all(
        len(p.get("points").split()) > 2 or p.get("points").count(",") <= 2 for p in root.iter(f"{SVG}polyline")
    )


def test_svg_renders_with_the_curve_visible(plot_view, tmp_path):
    path = tmp_path / "plot.svg"
    images.export_image(plot_view, path)
    rgba = render_svg(path, 800, 500)
    assert colour_fraction(rgba, F_COLOUR) > 0.002


def test_svg_keeps_coordinates_near_the_picture(plot_view, tmp_path):
    """sec²x near a pole is ~1e7 px off the picture; the file holds nothing that far out."""
    path = tmp_path / "plot.svg"
    images.export_image(plot_view, path)
    root = ET.parse(path).getroot()
    numbers = [
        abs(float(v))
        for p in root.iter(f"{SVG}path")
        for v in p.get("d", "").replace("M", " ").replace("L", " ").replace("C", " ").replace(",", " ").split()
    ]
    assert max(numbers) < 10 * 800


def test_pdf_is_one_page_the_size_of_the_plot(plot_view, tmp_path):
    path = tmp_path / "plot.pdf"
    images.export_image(plot_view, path)
    shown = plot_view.export_item().sceneBoundingRect()
    assert path.read_bytes().startswith(b"%PDF-")
    [(width, height)] = pdf_pages(path)
    assert (width, height) == pytest.approx((0.75 * shown.width(), 0.75 * shown.height()), abs=1)


def test_pdf_renders_with_the_curve_visible(plot_view, tmp_path):
    path = tmp_path / "plot.pdf"
    images.export_image(plot_view, path)
    rgba = render_pdf(path, tmp_path)
    if rgba is None:
        pytest.skip("poppler-utils (pdftoppm) is not installed")
    assert colour_fraction(rgba, F_COLOUR) > 0.002
    assert dark_fraction(rgba) > 0.002


def test_unknown_extension_is_refused_before_anything_is_written(plot_view, tmp_path):
    with pytest.raises(ExportError, match=r"\.jpg is not one of"):
        images.export_image(plot_view, tmp_path / "plot.jpg")
    assert os.listdir(tmp_path) == []


def test_failed_png_write_keeps_the_old_file_and_no_temporary(plot_view, tmp_path, monkeypatch):
    path = tmp_path / "plot.png"
    path.write_bytes(b"old picture")
    monkeypatch.setattr(QImage, "save", lambda self, *args: False)
    with pytest.raises(WriteError, match="could not be encoded"):
        images.export_image(plot_view, path, (400, 250))
    assert path.read_bytes() == b"old picture"
    assert os.listdir(tmp_path) == ["plot.png"]


def test_unwritable_folder_is_a_clear_error(plot_view, tmp_path):
    with pytest.raises(WriteError, match="does not exist"):
        images.export_image(plot_view, tmp_path / "missing" / "plot.svg")


def test_absurd_sizes_are_refused(plot_view, tmp_path):
    with pytest.raises(ExportError, match="outside"):
        images.export_image(plot_view, tmp_path / "huge.png", (100_000, 10))


def test_clipboard_gets_the_image(plot_view, qapp):
    images.copy_image_to_clipboard(plot_view, (400, 250))
    image = qapp.clipboard().image()
    assert (image.width(), image.height()) == (400, 250)
    assert colour_fraction(pixels(image), F_COLOUR) > 0.002


def test_stacked_plots_export_with_a_caption_row(plot_view, tmp_path):
    from .conftest import tan_curves

    plot_view.set_display((1,), "stacked", True)
    plot_view.show_frame(framed(tan_curves(), {0: (-10.0, 10.0), 1: (0.0, 10.0), -1: (-10.0, 10.0)}))
    rows_before = plot_view.export_item().layout.rowCount()
    path = tmp_path / "stacked.png"
    images.export_image(plot_view, path, (1200, 1200), caption=caption_text("tan x", tan_reading()))
    rgba = pixels(QImage(str(path)))
    assert rgba.shape[:2] == (1200, 1200)
    assert colour_fraction(rgba, F_COLOUR) > 0.001
    assert dark_fraction(rgba[-40:]) > 0.005  # the caption under the last plot
    assert plot_view.export_item().layout.rowCount() == rows_before
