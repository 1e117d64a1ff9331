"""Fewer vertices for the same picture: which samples of a curve a drawn line needs.

The grid is sampled at a few points per pixel so that nothing is missed, but Qt strokes an
antialiased line 2 px wide at a cost per vertex (a tan curve at 3 samples per pixel took 5–10 ms).
A sample within a fraction of a pixel of the chord between kept samples changes nothing on
screen, so it is left out. The chords come from halving blocks of samples: a block whose samples
all lie near the chord between its ends is drawn as that chord, any other block (or one holding
a break in the line) is split in two, level by level for every block at once, so numpy does the
work in a few array operations per level.
"""

from __future__ import annotations

import numpy as np

#: How far (in pixels) a left-out sample may lie from the line drawn instead of it.
TOLERANCE_PX = 0.2
#: Samples per block at the coarsest level (a power of two): at most this many become one chord.
BLOCK = 64


def _far_from_chord(px, py, starts, ends, size, tolerance) -> np.ndarray:
    """Per block: whether a sample strictly inside it lies farther than `tolerance` from its chord."""
    inside = starts[:, None] + np.arange(1, size)[None, :]          # (blocks, size − 1)
    valid = inside < ends[:, None]
    inside = np.minimum(inside, ends[:, None])
    ax, ay = px[starts][:, None], py[starts][:, None]
    dx, dy = px[ends][:, None] - ax, py[ends][:, None] - ay
    qx, qy = px[inside] - ax, py[inside] - ay
    length2 = dx * dx + dy * dy
    with np.errstate(invalid="ignore", divide="ignore"):
        t = np.clip((qx * dx + qy * dy) / length2, 0.0, 1.0)
    t = np.where(length2 > 0, t, 0.0)
    distance = np.hypot(qx - t * dx, qy - t * dy)
    return ((distance > tolerance) & valid).any(axis=1)


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
    breaks_before = np.concatenate(([0], np.cumsum(~connect[:-1])))  # breaks among joins 0 … i−1
    starts, size = np.arange(0, n - 1, BLOCK), BLOCK
    while len(starts):
        ends = np.minimum(starts + size, n - 1)
        keep[starts] = keep[ends] = True
        if size == 1:
            break
        split = breaks_before[ends] > breaks_before[starts]
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
