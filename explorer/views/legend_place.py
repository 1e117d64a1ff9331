"""Where a plot's legend goes: the corner where it hides the least of the lines drawn.

Pinned top-left, the legend covered part of a curve in almost every picture (a parabola's arm, a
cubic's rise). Each corner is scored by how much of every line (curves and tangent) lies under a
box of the legend's size there, measured along the lines in screen proportions; the least covered
wins, top-left on a tie. Pure numpy: the view hands the lines and sizes in.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

#: (legend anchor, plot anchor), as pyqtgraph's LegendItem.anchor takes them; and the sign of the
#: margin in x and y. Tried in this order, so a tie keeps the legend where it always was.
CORNERS = {
    "top-left": ((0, 0), (0, 0), (1, 1)),
    "top-right": ((1, 0), (1, 0), (-1, 1)),
    "bottom-left": ((0, 1), (0, 1), (1, -1)),
    "bottom-right": ((1, 1), (1, 1), (-1, -1)),
}
#: Points each line segment is cut into when measured (a tangent has two samples only).
SEGMENT_POINTS = 8


def _covered_length(xs: np.ndarray, ys: np.ndarray, box: tuple[float, float, float, float]) -> float:
    """Length (in plot fractions) of the polyline through (xs, ys) that lies inside `box`."""
    finite = np.isfinite(xs) & np.isfinite(ys)
    if finite.sum() < 2:
        return 0.0
    t = np.linspace(0.0, 1.0, SEGMENT_POINTS, endpoint=False)
    x0, x1, y0, y1 = xs[:-1], xs[1:], ys[:-1], ys[1:]
    keep = finite[:-1] & finite[1:]
    px = (x0[keep, None] + (x1 - x0)[keep, None] * t).ravel()
    py = (y0[keep, None] + (y1 - y0)[keep, None] * t).ravel()
    piece = (np.hypot(x1 - x0, y1 - y0)[keep, None] / SEGMENT_POINTS * np.ones_like(t)).ravel()
    left, right, bottom, top = box
    inside = (px >= left) & (px <= right) & (py >= bottom) & (py <= top)
    return float(np.minimum(piece[inside], 1.0).sum())


def least_covered_corner(lines: Iterable[tuple[np.ndarray, np.ndarray]], x_view: tuple[float, float],
                         y_view: tuple[float, float], legend_fraction: tuple[float, float]) -> str:
    """The corner (a key of CORNERS) whose legend-sized box covers the least of `lines` (data
    coordinates) in the view x_view × y_view; the legend spans `legend_fraction` of the plot's
    width and height, margin included."""
    width, height = (max(0.0, min(1.0, fraction)) for fraction in legend_fraction)
    span_x, span_y = x_view[1] - x_view[0], y_view[1] - y_view[0]
    if not (span_x > 0 and span_y > 0):
        return "top-left"
    normal = [((np.asarray(xs, float) - x_view[0]) / span_x, (np.asarray(ys, float) - y_view[0]) / span_y)
              for xs, ys in lines]
    boxes = {"top-left": (0.0, width, 1.0 - height, 1.0), "top-right": (1.0 - width, 1.0, 1.0 - height, 1.0),
             "bottom-left": (0.0, width, 0.0, height), "bottom-right": (1.0 - width, 1.0, 0.0, height)}
    covered = {corner: sum(_covered_length(xs, ys, boxes[corner]) for xs, ys in normal) for corner in CORNERS}
    return min(CORNERS, key=lambda corner: covered[corner])  # min keeps the first on a tie
