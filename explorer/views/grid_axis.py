"""An axis whose grid lines are drawn in opaque colours, mixed with the plot's background beforehand.

pyqtgraph draws grid lines with a translucent pen, fainter for minor ticks. Qt's raster engine
strokes a translucent line about 40 times slower than an opaque one (60 lines across a 700 px
plot: 17 ms against 0.45 ms measured here), and every change of view redraws them. A colour mixed
with the background beforehand looks the same on that background and draws at the opaque speed.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtGui import QColor, QPen


def mixed(colour: QColor, background: QColor) -> QColor:
    """`colour` painted at its alpha over an opaque `background`, as one opaque colour."""
    alpha = colour.alphaF()
    return QColor.fromRgbF(*(alpha * getattr(colour, part)() + (1 - alpha) * getattr(background, part)()
                             for part in ("redF", "greenF", "blueF")))


class OpaqueGridAxis(pg.AxisItem):
    """pyqtgraph's AxisItem with each translucent tick or grid pen replaced by its opaque mix."""

    def __init__(self, orientation: str, background: QColor | None = None, **kwargs):
        super().__init__(orientation, **kwargs)
        self.background = QColor(background) if background is not None else None

    def set_background(self, background: QColor) -> None:
        self.background = QColor(background)
        self.picture = None  # the cached drawing holds the old colours
        self.update()

    def setExportMode(self, export, opts=None):
        super().setExportMode(export, opts)
        self.picture = None  # an export may mix with another background, or with none

    def _mixing_background(self) -> QColor | None:
        """The background to mix with: an export's own, and none on a transparent one (pens stay translucent)."""
        export = getattr(self, "_exportOpts", False)
        background = pg.mkColor(export["background"]) if export and "background" in export else self.background
        return background if background is not None and background.alpha() == 255 else None

    def generateDrawSpecs(self, p):
        specs = super().generateDrawSpecs(p)
        background = self._mixing_background()
        if specs is None or background is None:
            return specs
        axis_spec, tick_specs, text_specs = specs
        opaque: dict[int, QPen] = {}
        for index, (pen, start, end) in enumerate(tick_specs):
            if pen.color().alpha() < 255:
                key = pen.color().rgba()
                if key not in opaque:
                    opaque[key] = QPen(pen)
                    opaque[key].setColor(mixed(pen.color(), background))
                tick_specs[index] = (opaque[key], start, end)
        return axis_spec, tick_specs, text_specs
