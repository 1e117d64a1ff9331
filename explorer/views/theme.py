"""Plot colours taken from the Qt palette, so light and dark desktops both read well.

Curve colours come in two sets with the same hues: darker ones on a light background, lighter
ones on a dark background. Index 0 is f, index k the k-th derivative.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette

_LIGHT_CURVES = ("#1f4e99", "#c0392b", "#1e8449", "#8e44ad", "#b9770e", "#117a8b", "#7b4f2c")
_DARK_CURVES = ("#8ab4f8", "#f28b82", "#81c995", "#d7aefb", "#fdd663", "#78d9ec", "#e6b88a")


@dataclass(frozen=True)
class PlotTheme:
    background: QColor
    foreground: QColor
    grid_alpha: float
    curves: tuple[QColor, ...]
    tangent: QColor
    dark: bool
    #: f's curve coloured by the sign of f′ or f″: where it is positive, and where negative (dashed).
    rising: QColor
    falling: QColor

    def curve(self, order: int) -> QColor:
        return self.curves[order % len(self.curves)]


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def theme_from_palette(palette: QPalette) -> PlotTheme:
    dark = is_dark(palette)
    return PlotTheme(
        background=palette.color(QPalette.ColorRole.Base),
        foreground=palette.color(QPalette.ColorRole.Text),
        grid_alpha=0.25 if dark else 0.2,
        curves=tuple(QColor(c) for c in (_DARK_CURVES if dark else _LIGHT_CURVES)),
        tangent=QColor("#ff9e40" if dark else "#e67e00"),
        dark=dark,
        rising=QColor("#48c9b0" if dark else "#138d75"),
        falling=QColor("#f0b27a" if dark else "#d35400"),
    )


def export_palette(dark: bool) -> QPalette:
    """A light or dark palette for a picture, whatever the desktop's: worksheets are light, slides
    may be dark (File ▸ Export Image's "Dark background", the command line's --dark)."""
    palette = QPalette()
    window, base, text = ("#202124", "#202124", "#e8eaed") if dark else ("#ffffff", "#ffffff", "#000000")
    for role, colour in ((QPalette.ColorRole.Window, window), (QPalette.ColorRole.Base, base),
                         (QPalette.ColorRole.Text, text), (QPalette.ColorRole.WindowText, text)):
        palette.setColor(role, QColor(colour))
    return palette
