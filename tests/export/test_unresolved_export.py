"""Exports show what the window shows for a curve faster than the grid: the band of its values and
the note, in PNG, SVG and PDF alike (explorer/headless.py, as the command line's `export` writes).

Truth: on [−6×10⁷, 6×10⁷] every pixel column of sin x holds thousands of periods, so the curve fills
y ∈ [−1, 1] from edge to edge. The range is chosen so that the picture's grid (1,800 samples: three
per pixel of a 600 px layout) steps 10,616 periods and 1/300 of one from sample to sample: the
samples alone trace a smooth false wave of six periods, one stroke wide.
"""

import math

import numpy as np
import pytest
from PySide6.QtGui import QImage

from explorer.app.state import DocumentState
from explorer.headless import export_document

from .readers import pixels, render_pdf, render_svg

SIZE = (1200, 800)
STEP = 2 * math.pi * (10_616 + 1 / 300)
X_RANGE = (-1799 / 2 * STEP, 1799 / 2 * STEP)


def _filled_columns(rgba: np.ndarray) -> float:
    """Share of the picture's middle columns whose middle third (well inside y ∈ [−1, 1] of the
    automatic window) is tinted at more than half its pixels: neither white nor grey."""
    height, width = rgba.shape[:2]
    middle = rgba[height // 3: 2 * height // 3, width // 8: -width // 8, :3].astype(int)
    tinted = (middle.max(axis=-1) - middle.min(axis=-1)) > 25
    return float((tinted.mean(axis=0) > 0.5).mean())


@pytest.mark.parametrize("suffix", ["png", "svg", "pdf"])
def test_an_unresolved_curve_is_exported_as_its_band(tmp_path, suffix):
    path = tmp_path / f"sin.{suffix}"
    export_document(DocumentState(text="sin x", x_range=X_RANGE, orders=()), path, SIZE)
    if suffix == "png":
        rgba = pixels(QImage(str(path)))
    elif suffix == "svg":
        rgba = render_svg(path, *SIZE)
        assert "oscillates faster than the screen can show" in path.read_text(encoding="utf-8")
    else:
        rgba = render_pdf(path, tmp_path)
        if rgba is None:
            pytest.skip("poppler's pdftoppm is not installed")
    assert _filled_columns(rgba) > 0.95
