"""f's curve coloured by the sign of f′ or f″: the line already drawn, cut at the sign chart's
boundaries, each piece handed to the item of its sign. No mathematics: the boundaries and signs are
the FeatureSet's; a boundary between two samples gets a point on the chord between them, so the
colour changes exactly there.
"""

from __future__ import annotations

import numpy as np

from explorer.model.features.result import Sign


def split_at(x: np.ndarray, y: np.ndarray, connect: np.ndarray, boundaries) -> tuple[np.ndarray, ...]:
    """(x, y, connect) with a point added on every drawn segment that a boundary crosses."""
    x, y, connect = np.asarray(x, float), np.asarray(y, float), np.asarray(connect, bool)
    cuts = np.unique(np.asarray(list(boundaries), float))
    if len(x) < 2 or not len(cuts):
        return x, y, connect
    where = np.searchsorted(x, cuts, side="right")  # a cut lies between x[where - 1] and x[where]
    inside = (where > 0) & (where < len(x))
    cuts, where = cuts[inside], where[inside]
    inside = (x[where - 1] < cuts) & connect[where - 1]
    cuts, where = cuts[inside], where[inside]
    if not len(cuts):
        return x, y, connect
    left, right = where - 1, where
    fraction = (cuts - x[left]) / (x[right] - x[left])
    cut_y = y[left] + fraction * (y[right] - y[left])
    return np.insert(x, where, cuts), np.insert(y, where, cut_y), np.insert(connect, where, True)


def pieces_by_sign(x, y, connect, intervals) -> dict[Sign, tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """For each sign among `intervals` (SignIntervals), the line's points and the joins of the
    segments lying in an interval of that sign (pyqtgraph's connect: join i to i+1)."""
    x, y, connect = split_at(x, y, connect, [i.x_start for i in intervals] + [i.x_end for i in intervals])
    middles = (x[:-1] + x[1:]) / 2 if len(x) > 1 else np.empty(0)
    pieces = {}
    for sign in dict.fromkeys(interval.sign for interval in intervals):
        joins = np.zeros(len(x), bool)
        for interval in intervals:
            if interval.sign is sign:
                joins[:-1] |= (middles >= interval.x_start) & (middles <= interval.x_end)
        pieces[sign] = (x, y, joins & connect)
    return pieces
