"""The y-range held while a parameter moves.

Refitting the automatic y-range to every slider position keeps a · sin(b x) the same shape on
screen whatever `a` is: the curve looks unchanged and only the tick labels move, which hides the
very thing the slider is there to show. So the first move of a parameter under an automatic
y-range holds the range shown then (the frame's automatic ranges become the document's chosen
ones), and it stays until Fit or Reset asks for the automatic range again, or until the curve
leaves the held range entirely (nothing of it would be seen).
"""

from __future__ import annotations

import dataclasses

import numpy as np

from explorer.app.frame import Frame
from explorer.app.state import DocumentState


def holding(state: DocumentState, frame: Frame | None) -> DocumentState:
    """`state` with the automatic y-ranges `frame` shows made explicit: the main plot's (f with
    the derivatives shown, in overlay; f alone, stacked) and each stacked derivative plot's
    that has none chosen. The state as it is where nothing is automatic or nothing is shown yet."""
    if frame is None:
        return state
    y_range = state.y_range
    if y_range is None:
        y_range = frame.y_ranges.get(-1 if state.layout == "overlay" else 0)
    stacked = dict(state.stacked_y_ranges)
    if state.layout == "stacked":
        for order in state.orders:
            if order not in stacked and order in frame.y_ranges:
                stacked[order] = tuple(frame.y_ranges[order])
    return dataclasses.replace(state, y_range=None if y_range is None else tuple(y_range),
                               stacked_y_ranges=tuple(sorted(stacked.items())))


def left_entirely(frame: Frame, y_range: tuple[float, float]) -> bool:
    """Whether no sample of f lies within `y_range` (all above it, all below it, or none exists)."""
    values = frame.main.values[0]
    return not bool(np.any((values >= y_range[0]) & (values <= y_range[1])))
