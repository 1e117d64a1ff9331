"""The lines the plot draws for its curves: clamped to the view, and through only the samples its
pixels need. Drawing, not mathematics: the plot makes them on the GUI thread from the samples a
Frame brings, for its own pixels, whenever those change (new curves, a zoom, a resize). Plain
numpy, no Qt; for a screen's samples (f, f′, f″ of 3,600 samples each, a 1,200 px plot) it takes
about 0.3–0.5 ms.

Fewer vertices for the same picture: which samples of a curve a drawn line needs.

The grid is sampled at a few points per pixel so that nothing is missed, but Qt strokes an
antialiased line 2 px wide at a cost per vertex (a tan curve at 3 samples per pixel took 5–10 ms).
A sample within a fraction of a pixel of the chord between kept samples changes nothing on
screen, so it is left out. The chords come from halving blocks of samples: a block whose samples
all lie near the chord between its ends is drawn as that chord, any other block (or one holding
a break in the line) is split in two, level by level for every block at once, so numpy does the
work in a few array operations per level.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from explorer.views.edge_points import with_edges

#: Curves are drawn clamped to this many view heights above and below the visible y-range.
CLAMP_VIEW_HEIGHTS = 2.0
#: How far (in pixels) a left-out sample may lie from the line drawn instead of it.
TOLERANCE_PX = 0.2
#: Samples per block at the coarsest level (a power of two): at most this many become one chord.
BLOCK = 64


def _far_from_chord(px, py, starts, ends, size, tolerance) -> np.ndarray:
    """Per block: whether a sample strictly inside it lies farther than `tolerance` from its chord.

    A block cut short by the end of the line stands in its end sample for the samples it lacks:
    that one lies on the chord, exactly.
    """
    inside = np.minimum(starts[:, None] + np.arange(1, size)[None, :], ends[:, None])  # (blocks, size − 1)
    ax, ay = px[starts][:, None], py[starts][:, None]
    dx, dy = px[ends][:, None] - ax, py[ends][:, None] - ay
    qx, qy = px[inside] - ax, py[inside] - ay
    # Where along the chord each sample lies (0 at a, 1 at b), kept on it; a chord of length 0 (a
    # repeated sample) leaves t at 0, the distance to its end. Plain ufuncs: on arrays this small,
    # np.clip's and np.divide(where=)'s own overhead cost more than the arithmetic.
    t = qx * dx + qy * dy
    t /= np.maximum(dx * dx + dy * dy, np.finfo(float).tiny)
    np.maximum(t, 0.0, out=t)
    np.minimum(t, 1.0, out=t)
    qx -= t * dx
    qy -= t * dy
    return (qx * qx + qy * qy > tolerance * tolerance).any(axis=1)


def needed_samples(px: np.ndarray, py: np.ndarray, connect: np.ndarray,
                   tolerance: float = TOLERANCE_PX) -> np.ndarray:
    """A mask of the samples a line through (px, py), in pixels, needs; connect[i] joins i to i+1.

    Every left-out sample lies within `tolerance` of the line drawn without it, and the ends of
    every connected run are kept, so `connect` restricted to the mask joins exactly what it
    joined (a kept sample's next kept sample lies in its own run).
    """
    n = len(px)
    keep = np.zeros(n, dtype=bool)
    if n < 3:
        keep[:] = True
        return keep
    breaks = np.flatnonzero(~connect[:-1])  # the joins not drawn: a block holding one is split
    starts, size = np.arange(0, n - 1, BLOCK), BLOCK
    while len(starts):
        ends = np.minimum(starts + size, n - 1)
        keep[starts] = keep[ends] = True
        if size == 1:
            break
        split = np.searchsorted(breaks, ends) > np.searchsorted(breaks, starts)
        split |= _far_from_chord(px, py, starts, ends, size, tolerance)
        size //= 2
        halves = starts[split]
        starts = np.concatenate((halves, halves + size))
        starts = starts[starts < n - 1]
    return keep


def needed_samples_of(lines) -> list[np.ndarray]:
    """`needed_samples` of several lines (px, py, connect) together: one pass of numpy over all of
    them costs less than one pass each, as most of a pass is numpy's per-call overhead."""
    lines = list(lines)
    if not lines:
        return []
    px, py, connect = (np.concatenate(parts) for parts in zip(*lines))
    ends = np.cumsum([len(line[0]) for line in lines])
    connect[ends[ends > 0] - 1] = False  # never join one line's last sample to the next line
    return np.split(needed_samples(px, py, connect), ends[:-1])


def drawable(x: np.ndarray, y: np.ndarray, connected: np.ndarray,
             y_view: tuple[float, float] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """pyqtgraph's connect array ("join i to i+1") with non-finite samples cut out of the line, and y
    clamped to a band around the visible range `y_view`.

    Non-finite y become 0 but are never joined to anything, so nothing is drawn there and no
    invalid coordinate reaches Qt. The clamp keeps a curve near a pole (f″ of 1/x⁴ reaches 1e13) a
    few view heights tall in pixels, so Qt's raster engine never meets coordinates beyond its
    fixed-point range. A clamped segment still leaves the view within one sample's width of where
    the true one does.
    """
    finite = np.isfinite(y)
    connect = connected & finite
    connect[:-1] &= finite[1:]
    connect[-1] = False
    safe = np.where(finite, y, 0.0)
    if y_view is not None:
        margin = CLAMP_VIEW_HEIGHTS * (y_view[1] - y_view[0])
        np.clip(safe, y_view[0] - margin, y_view[1] + margin, out=safe)
    return safe, connect


def pixel_size(x_view, y_view, width_px: float, height_px: float) -> tuple[float, float] | None:
    """Data units per screen pixel along x and y, or None for a plot without a size on screen."""
    if width_px < 1 or height_px < 1:
        return None
    size = ((x_view[1] - x_view[0]) / width_px, (y_view[1] - y_view[0]) / height_px)
    return size if all(math.isfinite(v) and v > 0 for v in size) else None


@dataclass(frozen=True, eq=False)
class Line:
    """A curve as drawn: pyqtgraph's x, y and connect."""

    x: np.ndarray
    y: np.ndarray
    connect: np.ndarray


def lines_for(curves, views: dict[int, tuple]) -> dict[int, Line]:
    """The lines of a CurveSet's rows, by order, each for its (y_view, pixel) in `views`: clamped
    around y_view, and simplified for pixels of that size in data units (None: every sample
    kept, as exports want). The rows are simplified together, in one pass (needed_samples_of).

    Points at f's domain edges join the line (edge_points.py). A segment the CurveSet marks
    unresolved is left out of the line: the plot fills its band.
    A simplified line also leaves out the samples joined to nothing (where the function is
    undefined, say): they draw nothing, and √(1 − x²) on [−4, 4] would keep two thirds of its
    samples as lone points.
    """
    made, simplified = {}, []
    for order, (y_view, pixel) in views.items():
        joins = curves.connected[order]
        if curves.unresolved is not None:  # drawn as a band instead (bands.py)
            joins = joins & ~curves.unresolved[order]
        x, y, joins = with_edges(curves.x, curves.values[order], joins, curves.edges, order)
        y, connect = drawable(x, y, joins, y_view)
        if pixel is not None:
            joined = connect.copy()
            joined[1:] |= connect[:-1]
            if not joined.all():
                x, y, connect = x[joined], y[joined], connect[joined]
            simplified.append((order, (x / pixel[0], y / pixel[1], connect)))
        made[order] = Line(x, y, connect)
    for (order, _), keep in zip(simplified, needed_samples_of(line for _, line in simplified)):
        line = made[order]
        made[order] = Line(line.x[keep], line.y[keep], line.connect[keep])
    return made

