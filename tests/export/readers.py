"""Independent readers for exported files: they share no code with the exporters."""

import re
import shutil
import subprocess

import numpy as np
from PySide6.QtGui import QColor, QImage, QPainter


def pixels(image: QImage) -> np.ndarray:
    """H x W x 4 array of (r, g, b, a), whatever the image's own format."""
    rgba = image.convertToFormat(QImage.Format.Format_RGBA8888)
    data = np.frombuffer(rgba.constBits(), np.uint8, count=rgba.sizeInBytes())
    return data.reshape(rgba.height(), rgba.bytesPerLine() // 4, 4)[:, : rgba.width()].copy()


def colour_fraction(rgba: np.ndarray, colour: tuple[int, int, int], tolerance: int = 40) -> float:
    distance = np.abs(rgba[..., :3].astype(int) - np.array(colour)).max(axis=-1)
    return float((distance <= tolerance).mean())


def dark_fraction(rgba: np.ndarray) -> float:
    """Share of near-black pixels: axis lines, ticks and labels on a white plot."""
    return float((rgba[..., :3].max(axis=-1) < 90).mean())


def render_svg(path, width: int, height: int) -> np.ndarray:
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(path))
    assert renderer.isValid()
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    return pixels(image)


def pdf_pages(path) -> list[tuple[float, float]]:
    """(width, height) in points of each page, from the PDF's own page objects."""
    text = path.read_bytes().decode("latin-1")
    pages = re.findall(r"/Type\s*/Page\b(?!s).*?/MediaBox\s*\[\s*([\d.\s]+)\]", text, re.S)
    if not pages:  # MediaBox before /Type in the dictionary
        pages = re.findall(r"/MediaBox\s*\[\s*([\d.\s]+)\][^>]*?/Type\s*/Page\b(?!s)", text, re.S)
    boxes = [[float(v) for v in box.split()] for box in pages]
    return [(x1 - x0, y1 - y0) for x0, y0, x1, y1 in boxes]


def render_pdf(path, tmp_path) -> np.ndarray | None:
    """The first page at 96 dpi via poppler's pdftoppm, or None where poppler is not installed."""
    if shutil.which("pdftoppm") is None:
        return None
    out = tmp_path / "page"
    subprocess.run(["pdftoppm", "-png", "-r", "96", "-singlefile", str(path), str(out)], check=True)
    return pixels(QImage(str(out) + ".png"))
