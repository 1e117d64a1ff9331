"""A curve's line carried up to its domain's edge: the point the engine found beside each edge that
falls between samples (CurveSet.edges; model/domain_edges.py) joins the line at its place, joined to
the sample on the domain's side and to nothing beyond. Drawing, not mathematics: plain numpy."""

from __future__ import annotations

import numpy as np


def with_edges(x: np.ndarray, y: np.ndarray, joins: np.ndarray, edges, order: int
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """x, y and joins ("join i to i+1") of one row with its edge points put in their segments."""
    if edges is None or order >= len(edges.values):
        return x, y, joins
    value = edges.values[order]
    shown = np.isfinite(value)
    if not shown.any():
        return x, y, joins
    segment, after = edges.segment[shown], edges.after[shown]
    at = segment + 1  # before sample i+1 of the original arrays
    x = np.insert(x, at, edges.x[shown])
    y = np.insert(y, at, value[shown])
    joins = np.insert(joins, at, ~after)  # the edge to sample i+1: where the domain lies right of it
    placed = at + np.arange(len(at))  # the edge points' places in the new arrays
    joins[placed - 1] = after  # sample i to the edge: where the domain lies left of it
    return x, y, joins
