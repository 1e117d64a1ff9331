"""The secant and its error-versus-h plot reach exported pictures: from the window's File menu and
from `slope-explorer export --open` of a session saved with the tool shown, as PNG, SVG and PDF.

Each picture is compared with the same document's picture with the tool hidden, read by readers
that share no code with the exporter (tests/export/readers.py): the secant's colour (no curve of
the document has it), the central quotient's colour (only the error plot uses it: f′ alone is
shown), and in the SVG the error plot's axis label.
"""

import dataclasses
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtGui import QImage

from explorer.app.document_file import save_document
from explorer.app.secant_state import SecantSetting
from explorer.app.state import DocumentState
from explorer.cli import main
from explorer.views.export_dialog import ImageOptions
from explorer.views.theme import _LIGHT_CURVES
from tests.export.readers import colour_fraction, pixels, render_pdf, render_svg

SHOWN = DocumentState(text="sin x", x0=1.0, orders=(1,), secant=SecantSetting(True, 1.0))
HIDDEN = dataclasses.replace(SHOWN, secant=SecantSetting(False, 1.0))
SIZE = (1600, 1000)
#: The default light theme's colours: the secant's (the third derivative's colour, which the
#: document does not show) and the central quotient's in the error plot (f″'s, not shown either).
SECANT_RGB, CENTRAL_RGB = (tuple(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
                           for hex_colour in (_LIGHT_CURVES[3], _LIGHT_CURVES[2]))
ERROR_AXIS_LABEL = "DQ(h)"
SVG_TEXT = "{http://www.w3.org/2000/svg}text"


def _svg_text(path) -> str:
    return " ".join("".join(node.itertext()) for node in ET.parse(path).iter(SVG_TEXT))


def _shares(rgba) -> tuple[float, float]:
    """The secant's share of the picture, and the central quotient's share of its lowest quarter
    (the error plot is a row under the plots)."""
    return colour_fraction(rgba, SECANT_RGB, 20), colour_fraction(rgba[3 * rgba.shape[0] // 4:], CENTRAL_RGB, 20)


def _assert_secant_drawn(shown_rgba, hidden_rgba) -> None:
    secant, central = _shares(shown_rgba)
    assert _shares(hidden_rgba) == (0.0, 0.0)
    assert secant > 1e-4 and central > 1e-4, (secant, central)


@pytest.fixture(scope="module")
def headless(tmp_path_factory) -> dict:
    """`slope-explorer export --open` of the session saved with the tool shown, and hidden."""
    folder = tmp_path_factory.mktemp("headless")
    written = {}
    for name, state in (("shown", SHOWN), ("hidden", HIDDEN)):
        save_document(state, folder / f"{name}.slope")
        for suffix in (".png", ".svg", ".pdf"):
            path = folder / f"{name}{suffix}"
            assert main(["export", "--open", str(folder / f"{name}.slope"), "-o", str(path)]) == 0
            written[name, suffix] = path
    return written


def test_headless_png_shows_the_secant_and_its_error_plot(headless):
    shown, hidden = (pixels(QImage(str(headless[name, ".png"]))) for name in ("shown", "hidden"))
    assert shown.shape[:2] == (SIZE[1], SIZE[0])
    _assert_secant_drawn(shown, hidden)


def test_headless_svg_holds_the_error_plot_and_the_secant(headless):
    assert ERROR_AXIS_LABEL in _svg_text(headless["shown", ".svg"])
    assert ERROR_AXIS_LABEL not in _svg_text(headless["hidden", ".svg"])
    shown, hidden = (render_svg(headless[name, ".svg"], *SIZE) for name in ("shown", "hidden"))
    _assert_secant_drawn(shown, hidden)


def test_headless_pdf_shows_the_secant_and_its_error_plot(headless, tmp_path):
    shown, hidden = (render_pdf(headless[name, ".pdf"], tmp_path) for name in ("shown", "hidden"))
    if shown is None:
        pytest.skip("poppler's pdftoppm is not installed")
    _assert_secant_drawn(shown, hidden)


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf"])
def test_the_window_exports_the_secant_and_its_error_plot(open_window, tmp_path, suffix):
    window = open_window(HIDDEN)
    options = ImageOptions(suffix, SIZE, transparent=False, caption=False)
    assert window.file_actions.export_image_to(tmp_path / f"hidden{suffix}", options)
    window.secant_action.trigger()
    assert window.session.last_reading.secant is not None
    assert window.file_actions.export_image_to(tmp_path / f"shown{suffix}", options)
    read = {".png": lambda path: pixels(QImage(str(path))), ".svg": lambda path: render_svg(path, *SIZE),
            ".pdf": lambda path: render_pdf(path, tmp_path)}[suffix]
    shown, hidden = read(tmp_path / f"shown{suffix}"), read(tmp_path / f"hidden{suffix}")
    if shown is None:
        pytest.skip("poppler's pdftoppm is not installed")
    _assert_secant_drawn(shown, hidden)
    if suffix == ".svg":
        assert ERROR_AXIS_LABEL in _svg_text(tmp_path / "shown.svg")
