"""The outlines of the bands a plot fills where a curve changes faster than its grid can follow.

Drawing, not mathematics: the engine says which segments are unresolved and the lowest and highest
value of each (CurveSet.unresolved, low, high; model/resolution.py). The plot fills, for every run
of unresolved segments, the region between those values: on screen merged into columns a pixel
wide (one column, one step of the outline, whatever the number of samples behind it), in an export
segment by segment. Plain numpy, no Qt.

A band is one filled polygon per run, so a curve like tan 1000x, whose lines were thousands of
near-vertical strokes (0.8–1.75 s a repaint), costs one fill of a few thousand vertices.
"""

from __future__ import annotations

import numpy as np

from explorer.views.polyline import CLAMP_VIEW_HEIGHTS, Line

#: Unresolved segments in a row that make an oscillation worth a note: a lone one is a peak
#: narrower than a grid step (its band shows the tip the line would cut off), not a wave.
NOTE_MIN_RUN = 6


def worth_a_note(unresolved: np.ndarray) -> bool:
    """Whether a row's unresolved segments include a run of NOTE_MIN_RUN or more."""
    if unresolved.sum() < NOTE_MIN_RUN:
        return False
    run = np.convolve(unresolved.astype(np.int32), np.ones(NOTE_MIN_RUN, dtype=np.int32), mode="valid")
    return bool((run == NOTE_MIN_RUN).any())


def band_outline(x: np.ndarray, unresolved: np.ndarray, low: np.ndarray, high: np.ndarray,
                 y_view: tuple[float, float] | None, column: float | None) -> Line | None:
    """The closed outlines of one row's bands as one Line (connect False between outlines), or None
    where the row has no unresolved segment.

    `unresolved[i]`, `low[i]`, `high[i]` describe the segment from x[i] to x[i+1]; `column` is a
    pixel's width in data units (None: one step per segment); values are clamped to a band of
    CLAMP_VIEW_HEIGHTS view heights around `y_view`, as the curves' lines are.
    """
    segments = np.flatnonzero(unresolved[:-1] & ~np.isnan(low[:-1]) & ~np.isnan(high[:-1]))
    if not len(segments):
        return None
    run = np.concatenate(([0], np.cumsum(np.diff(segments) != 1)))
    if column:
        cell = np.floor((x[segments] - x[0]) / column)
        new_step = np.concatenate(([True], (run[1:] != run[:-1]) | (cell[1:] != cell[:-1])))
    else:
        new_step = np.ones(len(segments), dtype=bool)
    starts = np.flatnonzero(new_step)
    stops = np.concatenate((starts[1:], [len(segments)])) - 1
    lo = np.minimum.reduceat(low[segments], starts)
    hi = np.maximum.reduceat(high[segments], starts)
    left, right = x[segments[starts]], x[segments[stops] + 1]
    if y_view is not None:
        margin = CLAMP_VIEW_HEIGHTS * (y_view[1] - y_view[0])
        lo = np.clip(lo, y_view[0] - margin, y_view[1] + margin)
        hi = np.clip(hi, y_view[0] - margin, y_view[1] + margin)
    step_run = run[starts]
    xs, ys, connect = [], [], []
    for r in np.unique(step_run):
        mine = step_run == r
        top_x = np.column_stack((left[mine], right[mine])).reshape(-1)
        top_y = np.repeat(hi[mine], 2)
        bottom_y = np.repeat(lo[mine], 2)
        xs.append(np.concatenate((top_x, top_x[::-1], top_x[:1])))
        ys.append(np.concatenate((top_y, bottom_y[::-1], top_y[:1])))
        joins = np.ones(len(xs[-1]), dtype=bool)
        joins[-1] = False
        connect.append(joins)
    return Line(np.concatenate(xs), np.concatenate(ys), np.concatenate(connect))
